"""Planted populations and findings for the scoring and audit-list tests."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from adaldyq.engines.population import POPULATION_COLUMNS
from adaldyq.model.findings import FINDING_SCHEMA, Finding, findings_table
from adaldyq.model.rules import RuleMeta

RULES = {
    code: RuleMeta(code=code, name=name, subjects=("process",), family="test", explain="", weight=w)
    for code, name, w in [
        ("R018", "Single bid", 1.0),
        ("R024", "Price close to winning bid", 2.0),
        ("R030", "Late bid won", 1.0),
        ("R038", "Excessive disqualified bids", 1.0),
    ]
}


def population(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A process frame; missing columns are null, dataset defaults to "d", currency to KZT."""
    base = {"dataset": "d", "currency": "KZT", "value_source": "tender"}
    frame = pd.DataFrame([{**base, **row} for row in rows])
    for column in POPULATION_COLUMNS:
        if column not in frame:
            frame[column] = None
    frame["value"] = frame["value"].astype(float)
    return frame[POPULATION_COLUMNS]


def finding(
    rule: str,
    subject: str,
    score: float = 1.0,
    subject_type: str = "process",
    ocid: str | None = None,
    evidence: dict[str, Any] | None = None,
    dataset: str = "d",
) -> Finding:
    return Finding(
        run_id="run",
        dataset=dataset,
        engine="procurement",
        rule_code=rule,
        rule_version="1",
        subject_type=subject_type,
        subject_id=subject,
        ocid=subject if ocid is None and subject_type == "process" else ocid,
        value=score,
        score=score,
        evidence=evidence or {"planted": True},
        explanation=f"{rule} fired on {subject}",
    )


def findings(items: list[Finding]) -> pa.Table:
    return findings_table(items)


def random_case(processes: int, count: int, seed: int = 7) -> tuple[pd.DataFrame, pa.Table]:
    """`processes` processes over 40 buyers, `count` process findings of the four rules."""
    rng = np.random.default_rng(seed)
    ocids = np.array([f"ocds-{i:06d}" for i in range(processes)], dtype=object)
    frame = pd.DataFrame(
        {
            "dataset": "d",
            "ocid": ocids,
            "title": "payment",
            "buyer_id": rng.integers(0, 40, processes).astype(str).astype(object),
            "buyer_name": "buyer",
            "procuring_entity_id": None,
            "procuring_entity_name": None,
            "value": rng.lognormal(12, 2, processes).round(0),
            "currency": "KZT",
            "value_source": "tender",
        }
    )
    hit = ocids[rng.integers(0, processes, count)]
    codes = np.array(list(RULES), dtype=object)[rng.integers(0, len(RULES), count)]
    table = pa.table(
        {
            "run_id": ["run"] * count,
            "dataset": ["d"] * count,
            "engine": ["procurement"] * count,
            "rule_code": codes,
            "rule_version": ["1"] * count,
            "subject_type": ["process"] * count,
            "subject_id": hit,
            "ocid": hit,
            "value": np.ones(count),
            "score": rng.choice([0.25, 0.5, 1.0], count),
            "evidence": ["{}"] * count,
            "explanation": [f"rule {c} fired" for c in codes],
        },
        schema=FINDING_SCHEMA,
    )
    return frame[POPULATION_COLUMNS], table
