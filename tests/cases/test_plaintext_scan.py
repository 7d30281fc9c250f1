"""No plaintext of a report, its receipt or the reporter's identity reaches the disk: the raw
bytes of the SQLite files and of the whole PostgreSQL cluster folder (tables, WAL, server log)
are searched after a report with planted phrases is written (WB-02, WB-04 groundwork)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import Engine, make_url, text
from sqlalchemy.orm import Session

from adaldyq.cases import intake, keys
from adaldyq.cases.crypto import KdfParams
from adaldyq.cases.models import Channel, KeyPurpose
from tests.cases.conftest import Staff
from tests.cases.postgres import Cluster


def _files(engine: Engine, request: pytest.FixtureRequest) -> list[Path]:
    """Every file the database may have written: the SQLite file and its WAL, or the whole
    cluster folder after a checkpoint."""
    if engine.dialect.name == "sqlite":
        database = Path(str(make_url(str(engine.url)).database))
        return sorted(database.parent.glob(f"{database.name}*"))
    with engine.connect() as connection:
        connection.execute(text("CHECKPOINT"))
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    return [path for path in cluster.root.rglob("*") if path.is_file()]


def _found(files: list[Path], needles: dict[str, bytes]) -> set[str]:
    found = set()
    for path in files:
        data = path.read_bytes()
        found |= {name for name, needle in needles.items() if needle in data}
    return found


def test_no_plaintext_on_disk(
    engine: Engine,
    session: Session,
    staff: dict[str, Staff],
    kdf: KdfParams,
    request: pytest.FixtureRequest,
) -> None:
    tag = uuid.uuid4().hex[:10]
    phrase = f"planted-phrase-{tag} the akimat paid twice"
    reply = f"planted-reply-{tag} please send the invoice"
    identity = f"planted-identity-{tag} Serik Bekov"
    marker = f"clear-{tag}"  # a report type: metadata, stored in clear on purpose
    alma, dana = staff["alma"], staff["dana"]
    submission = intake.submit(
        session,
        phrase,
        Channel.WEB,
        marker,
        [alma.user],
        kdf,
        identity=identity,
        custodians=[dana.user],
    )
    session.commit()
    report_key = keys.open_key(
        session,
        submission.report.id,
        KeyPurpose.CONTENT,
        alma.user,
        keys.unlock(alma.user, alma.password),
    )
    intake.post_message(session, submission.report, report_key, reply, alma.user)
    upload = f"planted-file-{tag} ledger rows".encode() * 50
    stored = intake.attach_file(
        session,
        submission.report,
        report_key,
        f"planted-name-{tag}.xlsx",
        "application/vnd.ms-excel",
        upload,
    )
    session.commit()
    assert intake.read_attachment(stored, report_key)[1:] == ("application/vnd.ms-excel", upload)

    needles = {
        name: value.encode("utf-8")
        for name, value in {
            "phrase": phrase,
            "reply": reply,
            "identity": identity,
            "receipt": submission.receipt,
            "file": f"planted-file-{tag}",
            "file name": f"planted-name-{tag}",
            "password": alma.password,
            "marker": marker,
        }.items()
    }
    needles["phrase (utf-16)"] = phrase.encode("utf-16-le")
    found = _found(_files(engine, request), needles)
    assert "marker" in found  # the scan reads the real files: clear metadata is there
    assert found == {"marker"}
