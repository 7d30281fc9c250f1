"""The finding: one row per flagged object, the same schema for every engine.

A finding must let a person check it: the rule that raised it (`rule_code`, `rule_version`),
the object (`subject_type`, `subject_id`), the values and thresholds that triggered it
(`evidence`, JSON) and a sentence that says it in words (`explanation`). `value` keeps the
rule's own measure (a ratio, a count, days), `score` its normalised weight 0..1 used by the
audit list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import pyarrow as pa


class SubjectType(StrEnum):
    """What a finding is about. Names are stable: they key the audit list and the cases."""

    PROCESS = "process"
    BUYER = "buyer"
    PROCURING_ENTITY = "procuring_entity"
    SUPPLIER = "supplier"
    PLAN_LINE = "plan_line"
    LEGAL_PROVISION = "legal_provision"  # subject_id "<file name>#<unit id>"
    PERSON = "person"  # a declarant; subject_id is the person id as in the source
    COMPANY = "company"  # a company of the integrity graph; subject_id is its node id


FINDING_SCHEMA = pa.schema(
    [
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("dataset", pa.string(), nullable=False),
        pa.field("engine", pa.string(), nullable=False),
        pa.field("rule_code", pa.string(), nullable=False),
        pa.field("rule_version", pa.string(), nullable=False),
        pa.field("subject_type", pa.string(), nullable=False),
        pa.field("subject_id", pa.string(), nullable=False),
        pa.field("ocid", pa.string()),
        pa.field("value", pa.float64()),
        pa.field("score", pa.float64(), nullable=False),
        pa.field("evidence", pa.string(), nullable=False),
        pa.field("explanation", pa.string(), nullable=False),
    ]
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One flagged object, as it is stored and shown."""

    run_id: str
    dataset: str
    engine: str
    rule_code: str
    rule_version: str
    subject_type: str
    subject_id: str
    ocid: str | None
    value: float | None
    score: float
    evidence: dict[str, Any] = field(default_factory=dict)
    explanation: str = ""

    def as_row(self) -> dict[str, Any]:
        """The finding as a row of `FINDING_SCHEMA` (evidence serialised to JSON)."""
        return {
            "run_id": self.run_id,
            "dataset": self.dataset,
            "engine": self.engine,
            "rule_code": self.rule_code,
            "rule_version": self.rule_version,
            "subject_type": self.subject_type,
            "subject_id": self.subject_id,
            "ocid": self.ocid,
            "value": self.value,
            "score": self.score,
            "evidence": json.dumps(self.evidence, ensure_ascii=False, sort_keys=True, default=str),
            "explanation": self.explanation,
        }


def findings_table(findings: list[Finding]) -> pa.Table:
    """Findings as an Arrow table in the common schema, ready for Parquet or a store."""
    return pa.Table.from_pylist([f.as_row() for f in findings], schema=FINDING_SCHEMA)
