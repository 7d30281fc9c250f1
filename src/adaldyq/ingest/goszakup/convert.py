"""`convert`: a folder of raw goszakup records to a JSON Lines file of OCDS compiled releases."""

from __future__ import annotations

import secrets
from pathlib import Path

import orjson

from adaldyq.errors import InputError
from adaldyq.ingest.goszakup.bid_scores import BidScoreWriter
from adaldyq.ingest.goszakup.codes import load_dictionaries
from adaldyq.ingest.goszakup.index import build_index
from adaldyq.ingest.goszakup.ledger import ConvertReport, Ledger
from adaldyq.ingest.goszakup.parties import Identities
from adaldyq.ingest.goszakup.raw import ENTITIES, RawRecord
from adaldyq.ingest.goszakup.release import Context, releases
from adaldyq.ingest.report import RejectLog
from adaldyq.settings import GoszakupSettings


def side_file(output: Path, name: str) -> Path:
    """`out.jsonl` -> `out.rejects.jsonl`: the files written beside the output."""
    return output.with_name(f"{output.stem}.{name}")


def convert(raw_dir: Path, output: Path, settings: GoszakupSettings) -> ConvertReport:
    """Convert every entity file of `raw_dir`; write releases to `output` (one per line), rejects
    and issues beside it; return the counts (read = converted + rejected + unused per entity)."""
    if not raw_dir.is_dir():
        raise InputError("not a folder of goszakup entity files", path=raw_dir)
    if not any((raw_dir / f"{entity}.jsonl").exists() for entity in ENTITIES):
        expected = ", ".join(f"{entity}.jsonl" for entity in ENTITIES)
        raise InputError(f"no goszakup entity file; expected some of {expected}", path=raw_dir)
    key = settings.iin_key.get_secret_value().encode() if settings.iin_key else None
    report = ConvertReport(
        output=output,
        rejects=side_file(output, "rejects.jsonl"),
        issues_file=side_file(output, "issues.jsonl"),
        random_iin_key=key is None and settings.iin_mode == "pseudonymise",
    )
    identities = Identities(settings.iin_mode, key or secrets.token_bytes(32))
    dictionaries, problems = load_dictionaries(raw_dir)
    if problems:
        file, line, reason = problems[0]
        raise InputError(reason, path=raw_dir / file, record=line)
    output.parent.mkdir(parents=True, exist_ok=True)
    scores = BidScoreWriter(side_file(output, "bid-scores.csv"))
    with (
        RejectLog(
            report.rejects,
            side_file(output, "rejects.csv"),
            report.issues_file,
            id_column="record",
        ) as log,
        output.open("wb") as out,
    ):
        ledger = Ledger(report, log)
        index = build_index(raw_dir, settings.currency, identities, ledger)
        ctx = Context(
            settings.ocid_prefix, settings.currency, dictionaries, identities, index, ledger
        )
        for release in releases(ctx):
            out.write(orjson.dumps(release) + b"\n")
            scores.write(release)
            report.releases += 1
        _count_leftovers(index.records, ledger)
    scores.close()
    report.bid_score_lines = scores.lines
    report.bid_scores = scores.path
    return report


def _count_leftovers(records: dict[str, list[RawRecord]], ledger: Ledger) -> None:
    """Records no process took: participants and plan points are unused; any other entity is a
    part whose process was not found (a lot, application or payment without its parent)."""
    parents = {
        "lots": "trd_buy_id",
        "trd_app": "buy_id",
        "contract_units": "contract_id",
        "acts": "contract_id",
        "treasury_pay": "contract_id",
        "contract": "root_id",
    }
    for entity, entity_records in records.items():
        for record in ledger.pending(entity_records):
            if entity in ("subject", "plans"):
                ledger.unused(record)
            else:
                field_name = parents.get(entity, "id")
                ledger.reject(record, field_name, f"{field_name}: no such record to belong to")
