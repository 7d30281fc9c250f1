"""Reading the synthetic integrity world's truth against findings: which companies each rule must
flag, and which companies a finding is about."""

from __future__ import annotations

from collections import defaultdict
from typing import Any


def expected_companies(truth: list[dict[str, Any]]) -> dict[str, set[str]]:
    """Per rule, the companies planted for it (near misses left out) and those a plant makes it
    fire on by design (`also`, near miss or not)."""
    expected: dict[str, set[str]] = defaultdict(set)
    for row in truth:
        for code in ([] if row["near_miss"] else [row["rule"]]) + row["also"]:
            expected[code].update(row["subjects"])
    return expected


def companies_of(rule_code: str, subject_id: str, evidence: dict[str, Any]) -> set[str]:
    """The companies a finding is about, as graph node ids: the supplier or the two bidders
    (procurement org ids), or the company itself (B06)."""
    orgs = {evidence.get(key) for key in ("supplier", "bidder_a", "bidder_b")} - {None}
    found = {f"kz-bin-{str(org).removeprefix('KZ-BIN-')}" for org in orgs}
    return found | ({subject_id} if rule_code == "B06" else set())
