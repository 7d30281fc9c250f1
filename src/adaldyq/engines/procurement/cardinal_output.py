"""Findings in the shape of Cardinal's `indicators` output, to compare with it or feed its users.

`{"OCID": {ocid: {code: value}}, "Buyer": {...}, "ProcuringEntity": {...}, "Tenderer": {...}}`;
a group with no results is absent, as in Cardinal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from adaldyq.model.findings import Finding, SubjectType

GROUPS = {
    SubjectType.PROCESS: "OCID",
    SubjectType.BUYER: "Buyer",
    SubjectType.PROCURING_ENTITY: "ProcuringEntity",
    SubjectType.SUPPLIER: "Tenderer",
}


def cardinal_results(findings: Iterable[Finding]) -> dict[str, dict[str, dict[str, Any]]]:
    """Group findings by Cardinal's subject groups; each code maps to the finding's value."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for finding in findings:
        group = GROUPS.get(SubjectType(finding.subject_type))
        if group is None:
            continue
        out.setdefault(group, {}).setdefault(finding.subject_id, {})[finding.rule_code] = (
            finding.value
        )
    return out
