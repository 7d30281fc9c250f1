"""R044 golden test: not applicable, pass and fail with the expected evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from adaldyq.model.findings import SubjectType
from adaldyq.store.backend import Backend
from tests.engines.procurement.helpers import run_rule

STREET = {"streetAddress": "1 Abay Ave", "locality": "Almaty", "countryName": "Kazakhstan"}


def _party(party_id: str, role: str = "tenderer", **details: Any) -> dict[str, Any]:
    return {"id": party_id, "roles": [role], **details}


def _process(ocid: str, *parties: dict[str, Any]) -> dict[str, Any]:
    return {"ocid": ocid, "parties": list(parties)}


RELEASES = [
    _process("fail-address",
             _party("A", address=STREET),
             _party("B", address={"streetAddress": " 1 ABAY AVE", "locality": "almaty ",
                                  "countryName": "KAZAKHSTAN"}),
             _party("C", address={**STREET, "streetAddress": "2 Abay Ave"})),
    # the names differ, the email is the same: Cardinal stops at the names
    _process("fail-email",
             _party("A", contactPoint={"name": "Ann", "email": "sales@example.kz"}),
             _party("B", contactPoint={"name": "Bob", "email": "Sales@Example.kz"})),
    _process("pass-different",
             _party("A", address=STREET, contactPoint={"email": "a@example.kz"}),
             _party("B", address={**STREET, "locality": "Astana"},
                    contactPoint={"email": "b@example.kz"})),
    _process("not-applicable-same-country-only",
             _party("A", address={"countryName": "Kazakhstan"}),
             _party("B", address={"countryName": "Kazakhstan"})),
    _process("not-applicable-buyer", _party("A", address=STREET),
             _party("G", role="buyer", address=STREET)),
]  # fmt: skip


def _evidence(ids: list[str], shared: str) -> dict[str, Any]:
    return {"similar_tenderers": len(ids), "tenderer_ids": ids, "shared": shared}


def test_business_similarities(backend: Backend, tmp_path: Path) -> None:
    findings = run_rule(backend, tmp_path, RELEASES, "R044")
    rows = [(f.subject_type, f.subject_id, f.ocid, f.value, f.evidence) for f in findings]
    assert sorted(rows, key=lambda r: (r[0], r[2] or "", r[1])) == [
        (SubjectType.PROCESS, "fail-address", "fail-address", 1.0,
         _evidence(["A", "B"], "address")),
        (SubjectType.PROCESS, "fail-email", "fail-email", 1.0,
         _evidence(["A", "B"], "contact_email")),
        (SubjectType.SUPPLIER, "A", "fail-address", 1.0, _evidence(["A", "B"], "address")),
        (SubjectType.SUPPLIER, "B", "fail-address", 1.0, _evidence(["A", "B"], "address")),
        (SubjectType.SUPPLIER, "A", "fail-email", 1.0, _evidence(["A", "B"], "contact_email")),
        (SubjectType.SUPPLIER, "B", "fail-email", 1.0, _evidence(["A", "B"], "contact_email")),
    ]  # fmt: skip
    assert findings[0].explanation == "2 tenderers of this process share their address."


def test_first_contact_field_in_cardinal_compatibility(backend: Backend, tmp_path: Path) -> None:
    """Cardinal compares only the first field both contact points have, raw."""
    releases = [
        RELEASES[1],
        _process("generic-name",
                 _party("A", contactPoint={"name": "Sales", "email": "a@example.kz"}),
                 _party("B", contactPoint={"name": "Sales", "email": "b@example.kz"})),
    ]  # fmt: skip
    flagged = {}
    for mode, compat in (("default", {}), ("cardinal", {"first_contact_field": True})):
        (tmp_path / mode).mkdir()
        findings = run_rule(backend, tmp_path / mode, releases, "R044", compat=compat)
        flagged[mode] = sorted(
            (f.subject_id, f.evidence["shared"])
            for f in findings
            if f.subject_type == SubjectType.PROCESS
        )
    assert flagged == {
        "default": [("fail-email", "contact_email"), ("generic-name", "contact_name")],
        "cardinal": [("generic-name", "contact_name")],
    }
