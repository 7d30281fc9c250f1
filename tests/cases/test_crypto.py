"""Envelope encryption without a database: report keys, sealing, password and recovery wraps."""

from __future__ import annotations

import pytest

from adaldyq.cases import crypto
from adaldyq.errors import AccessDenied


def test_report_content_round_trips_and_refuses_another_key() -> None:
    key = crypto.new_key()
    ciphertext = crypto.encrypt(key, b"the tender was fixed")
    assert b"tender" not in ciphertext
    assert crypto.decrypt(key, ciphertext) == b"the tender was fixed"
    assert crypto.encrypt(key, b"same") != crypto.encrypt(key, b"same")  # fresh nonce each time
    with pytest.raises(AccessDenied):
        crypto.decrypt(crypto.new_key(), ciphertext)
    tampered = ciphertext[:-1] + bytes([ciphertext[-1] ^ 1])
    with pytest.raises(AccessDenied):
        crypto.decrypt(key, tampered)


def test_a_sealed_key_opens_only_for_its_holder(kdf: crypto.KdfParams) -> None:
    holder, _ = crypto.new_key_pair("holder-pw", kdf)
    other, _ = crypto.new_key_pair("other-pw", kdf)
    report_key = crypto.new_key()
    sealed = crypto.seal(holder.public_key, report_key)
    assert crypto.unseal(crypto.unlock(holder, "holder-pw"), sealed) == report_key
    with pytest.raises(AccessDenied):
        crypto.unseal(crypto.unlock(other, "other-pw"), sealed)


def test_password_change_rewraps_the_same_private_key(kdf: crypto.KdfParams) -> None:
    record, _ = crypto.new_key_pair("old-password", kdf)
    sealed = crypto.seal(record.public_key, b"k" * 32)
    with pytest.raises(AccessDenied):
        crypto.unlock(record, "not-the-password")
    private_key = crypto.unlock(record, "old-password")
    changed = crypto.rewrap(record, private_key, "new-password", kdf)
    assert changed.public_key == record.public_key
    assert changed.wrapped.salt != record.wrapped.salt
    with pytest.raises(AccessDenied):
        crypto.unlock(changed, "old-password")
    assert crypto.unseal(crypto.unlock(changed, "new-password"), sealed) == b"k" * 32


def test_the_recovery_key_opens_the_private_key(kdf: crypto.KdfParams) -> None:
    record, recovery_key = crypto.new_key_pair("forgotten", kdf)
    assert len(recovery_key.replace("-", "")) == 52  # 32 bytes in base32
    as_written = recovery_key.lower().replace("-", " ")
    private_key = crypto.recover(record, as_written)
    assert bytes(private_key.public_key) == record.public_key
    _other, other_recovery = crypto.new_key_pair("x", kdf)
    with pytest.raises(AccessDenied):
        crypto.recover(record, other_recovery)
    with pytest.raises(AccessDenied):
        crypto.recover(record, "not a key at all!")


def test_kdf_parameters_travel_with_the_wrap() -> None:
    strong = crypto.KdfParams.preset("moderate")
    wrapped = crypto.wrap_with_secret(b"secret", "password", strong)
    assert wrapped.params == strong
    assert crypto.unwrap_with_secret(wrapped, "password") == b"secret"


def test_staff_passwords_are_argon2id_hashes() -> None:
    stored = crypto.hash_password("correct horse")
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert "correct horse" not in stored
    assert crypto.password_matches(stored, "correct horse")
    assert not crypto.password_matches(stored, "wrong horse")
