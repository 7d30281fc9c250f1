"""The per-person ranking: NACP's risk rating, the sum of the weights of the rules triggered.

A rule counts once per person (its highest score over the person's declarations), so a rule
that fires every year does not outweigh several different risks; each rule's contribution and
the years it fired in are kept, so the rating can be explained.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import orjson
import pyarrow as pa


@dataclass
class PersonRank:
    """One declarant's rating and what it is made of."""

    person_id: str
    total: float = 0.0
    findings: int = 0
    contributions: dict[str, float] = field(default_factory=dict)
    years: dict[str, list[int]] = field(default_factory=dict)


def rank_persons(findings: pa.Table) -> list[PersonRank]:
    """Persons by descending total (then id), from findings in the common schema."""
    persons: dict[str, PersonRank] = {}
    for row in findings.select(["subject_id", "rule_code", "score", "evidence"]).to_pylist():
        person = persons.setdefault(row["subject_id"], PersonRank(row["subject_id"]))
        code = row["rule_code"]
        person.findings += 1
        person.contributions[code] = max(person.contributions.get(code, 0.0), row["score"])
        year = orjson.loads(row["evidence"]).get("year")
        if year is not None:
            person.years.setdefault(code, [])
            if year not in person.years[code]:
                person.years[code] = sorted([*person.years[code], year])
    for person in persons.values():
        person.total = round(sum(person.contributions.values()), 6)
    return sorted(persons.values(), key=lambda p: (-p.total, p.person_id))
