"""`adaldyq cases ...` run as a user runs it, on a SQLite file and on PostgreSQL: migrate,
verify the audit chain (and name the row a tamperer changed), statistics with CSV, and the
recommendation figures as of a day."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import text

from adaldyq.cases import keys
from adaldyq.cases.crypto import KdfParams
from adaldyq.cases.db import make_engine, session_factory
from adaldyq.cases.models import Role
from tests.cases.builders import build_recommendations
from tests.cases.test_audit import _bypass_guards
from tests.cli_run import adaldyq


def test_cases_commands_on_a_fresh_store(empty_url: str, kdf: KdfParams, tmp_path: Path) -> None:
    store = ["--db", empty_url, "--workspace", str(tmp_path / "ws")]
    unmigrated = adaldyq("cases", "stats", "--as-of", "2025-12-31", *store)
    assert unmigrated.returncode == 3
    assert "run `adaldyq cases migrate` first" in unmigrated.stderr

    migrated = adaldyq("cases", "migrate", *store)
    assert migrated.returncode == 0, migrated.stderr
    assert "schema none -> 0004" in migrated.stdout
    assert "schema 0004 -> 0004" in adaldyq("cases", "migrate", *store).stdout

    engine = make_engine(empty_url)
    try:
        with session_factory(engine)() as session:
            officer, _ = keys.create_user(
                session, "gulnar", "Gulnar", "pw-123456", [Role.COMPLIANCE_OFFICER], kdf
            )
            build_recommendations(session, officer)

        figures = adaldyq("cases", "recommendations", "--as-of", "2025-12-31", *store)
        assert figures.returncode == 0, figures.stderr
        assert "66 bodies, 1165 recommendations, 987 implemented (85.5% " in figures.stdout
        assert "  Body 01: 18 recommendations" in figures.stdout
        earlier = adaldyq("cases", "recommendations", "--as-of", "2025-06-30", *store)
        assert "66 bodies, 1000 recommendations, 500 implemented" in earlier.stdout
        regions = adaldyq(
            "cases", "recommendations", "--as-of", "2025-12-31", "--by", "region", *store
        )
        assert "  Astana: 583 recommendations" in regions.stdout

        out = tmp_path / "stats.csv"
        shown = adaldyq("cases", "stats", "--as-of", "2025-12-31", "--csv", out, *store)
        assert shown.returncode == 0, shown.stderr
        with out.open(encoding="utf-8") as handle:
            rows = {
                (r["section"], r["group"], r["measure"]): r["value"] for r in csv.DictReader(handle)
            }
        assert rows[("recommendations", "all", "implemented")] == "987"
        assert rows[("recommendations", "body=Body 66", "recommendations")] == "17"
        assert rows[("reports", "all", "count")] == "0"

        verified = adaldyq("cases", "audit-verify", *store)
        assert verified.returncode == 0, verified.stderr
        # the user, 66 assessments and risks, 1,165 recommendations and 1,168 verifications
        assert verified.stdout.strip() == "OK: 2466 audit rows verify"

        with session_factory(engine)() as session:
            _bypass_guards(session)
            session.execute(text("UPDATE audit_log SET actor_id = NULL WHERE seq = 700"))
            session.commit()
        broken = adaldyq("cases", "audit-verify", *store)
        assert broken.returncode == 7
        assert "audit chain broken at seq 700" in broken.stderr
        assert "the row was changed; 699 rows before it verify" in broken.stderr
    finally:
        engine.dispose()
