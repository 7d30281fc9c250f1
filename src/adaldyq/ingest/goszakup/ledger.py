"""Accounting of a conversion: every raw record read is converted, rejected or unused.

A rejected record names its entity file, line, id and field (`rejects` beside the output, the
house's reject log of `ingest/report.py`). *Unused* records are valid but belong to no process:
participants that never bid, plan points not yet put out to tender. They are counted, not
rejected, because nothing is wrong with them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from adaldyq.ingest.goszakup.raw import ENTITIES, RawRecord
from adaldyq.ingest.json_stream import Position
from adaldyq.ingest.report import RejectLog


@dataclass
class EntityCounts:
    """Counts for one entity file."""

    read: int = 0
    converted: int = 0
    rejected: int = 0
    unused: int = 0

    @property
    def balanced(self) -> bool:
        return self.read == self.converted + self.rejected + self.unused


@dataclass
class ConvertReport:
    """What a conversion did: counts per entity, releases written, where rejects went."""

    output: Path
    rejects: Path
    issues_file: Path
    entities: dict[str, EntityCounts] = field(
        default_factory=lambda: {entity: EntityCounts() for entity in ENTITIES}
    )
    releases: int = 0
    issues: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    random_iin_key: bool = False
    bid_scores: Path | None = None
    bid_score_lines: int = 0

    @property
    def rejected(self) -> int:
        return sum(c.rejected for c in self.entities.values())

    @property
    def balanced(self) -> bool:
        return all(c.balanced for c in self.entities.values())


def record_label(record: RawRecord) -> str:
    """`contract 7005`: the entity and the record's id (`pid` for participants)."""
    data = record.data or {}
    ident = data.get("id", data.get("pid"))
    return (
        f"{record.entity} {ident}" if ident is not None else f"{record.entity} line {record.line}"
    )


class Ledger:
    """Counts records and writes rejects and issues as the conversion decides on them."""

    def __init__(self, report: ConvertReport, log: RejectLog) -> None:
        self.report = report
        self._log = log
        self._decided: set[tuple[str, int]] = set()

    def read(self, record: RawRecord) -> None:
        self.report.entities[record.entity].read += 1

    def converted(self, record: RawRecord) -> None:
        if self._decide(record):
            self.report.entities[record.entity].converted += 1

    def unused(self, record: RawRecord) -> None:
        if self._decide(record):
            self.report.entities[record.entity].unused += 1

    def reject(self, record: RawRecord, field_name: str, reason: str) -> None:
        if not self._decide(record):
            return
        self.report.entities[record.entity].rejected += 1
        self.report.reasons[f"{record.entity}: {_kind(reason)}"] += 1
        position = Position(record.file, record.line, "")
        self._log.reject(position, record_label(record), field_name, reason)

    def issue(self, record: RawRecord, field_name: str, reason: str) -> None:
        self.report.issues += 1
        position = Position(record.file, record.line, "")
        self._log.issue(position, record_label(record), field_name, reason)

    def pending(self, records: list[RawRecord]) -> list[RawRecord]:
        """The records not yet converted, rejected or counted unused."""
        return [r for r in records if (r.entity, r.line) not in self._decided]

    def _decide(self, record: RawRecord) -> bool:
        key = (record.entity, record.line)
        if key in self._decided:
            return False
        self._decided.add(key)
        return True


def _kind(reason: str) -> str:
    """A reason without its record-specific values, for the summary of commonest reasons."""
    return reason.split(":", 1)[0]
