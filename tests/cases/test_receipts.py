"""WB-02/WB-03 groundwork: 16-digit receipts from the CSPRNG, kept only as Argon2id hashes."""

from __future__ import annotations

import secrets
from collections import Counter

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from adaldyq.cases import intake, receipts
from adaldyq.cases.crypto import KdfParams
from adaldyq.cases.models import Channel, Receipt
from adaldyq.errors import AccessDenied
from tests.cases.conftest import Staff


def test_receipts_are_16_digits_from_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    drawn = [receipts.new_receipt() for _ in range(2000)]
    assert all(len(receipt) == 16 and receipt.isdigit() for receipt in drawn)
    assert len(set(drawn)) == len(drawn)
    digits = Counter("".join(drawn))
    assert min(digits.values()) > 2800  # 3,200 expected per digit: no digit is starved
    calls: list[int] = []

    def recording(bound: int) -> int:
        calls.append(bound)
        return 42

    monkeypatch.setattr(secrets, "randbelow", recording)
    assert receipts.new_receipt() == "0000000000000042"  # zero-padded to 16 digits
    assert calls == [10**16]


def test_receipt_hash_is_argon2id_with_the_rfc_9106_parameters() -> None:
    salt = b"s" * 16
    receipt = "1234567890123456"
    stored = receipts.hash_receipt(receipt, salt)
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert receipt not in stored
    assert stored == receipts.hash_receipt("1234 5678-9012 3456", salt)  # lookup key
    assert stored != receipts.hash_receipt(receipt, b"t" * 16)
    assert receipts.receipt_matches(stored, receipt)
    assert not receipts.receipt_matches(stored, "1234567890123457")
    assert not receipts.receipt_matches(stored, "12345")
    assert receipts.format_receipt(receipt) == "1234 5678 9012 3456"


def test_the_reporter_comes_back_with_the_receipt_only(
    session: Session, staff: dict[str, Staff], kdf: KdfParams
) -> None:
    handler = staff["alma"].user
    submission = intake.submit(
        session, "first words", Channel.WEB, "bribery", [handler], kdf, region="KZ-ALA"
    )
    session.commit()
    stored = session.scalars(select(Receipt)).one()
    assert stored.receipt_hash.startswith("$argon2id$")
    assert submission.receipt not in stored.receipt_hash

    access = intake.open_by_receipt(session, receipts.format_receipt(submission.receipt))
    assert access.report.id == submission.report.id
    assert intake.read_messages(session, access.report, access.report_key) == ["first words"]
    intake.post_message(session, access.report, access.report_key, "more detail", None)
    assert intake.read_messages(session, access.report, access.report_key)[-1] == "more detail"

    wrong = f"{(int(submission.receipt) + 1) % 10**16:016d}"
    for attempt in (wrong, "not a receipt", ""):
        with pytest.raises(AccessDenied):
            intake.open_by_receipt(session, attempt)


def test_a_rotated_receipt_replaces_the_old_one(
    session: Session, staff: dict[str, Staff], kdf: KdfParams
) -> None:
    submission = intake.submit(session, "text", Channel.WEB, "fraud", [staff["alma"].user], kdf)
    fresh = intake.rotate_receipt(session, submission.receipt, kdf)
    session.commit()
    assert fresh != submission.receipt
    with pytest.raises(AccessDenied):
        intake.open_by_receipt(session, submission.receipt)
    access = intake.open_by_receipt(session, fresh)
    assert intake.read_messages(session, access.report, access.report_key) == ["text"]
