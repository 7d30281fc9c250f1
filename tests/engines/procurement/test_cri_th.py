"""CRI-TH golden test: foreign suppliers from secrecy jurisdictions, FSI edition by tender year."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.cri_releases import release, with_award, with_buyer, with_party
from tests.engines.procurement.helpers import run_rule_result


def _supplied(ocid: str, country: str, year: int = 2017) -> dict[str, object]:
    rel = with_buyer(release(ocid, datePublished=f"{year}-03-01T00:00:00Z"), "B", "Казахстан")
    return with_award(with_party(rel, f"S-{ocid}", country), f"S-{ocid}")


def test_tax_haven(backend: Backend, tmp_path: Path) -> None:
    releases = [
        _supplied("cayman", "Cayman Islands"),
        _supplied("cayman-2010", "KY", year=2010),
        _supplied("germany", "Germany"),
        _supplied("usa", "United States"),
        _supplied("domestic", "Kazakhstan"),
        _supplied("unknown", "Atlantis"),
    ]
    result = run_rule_result(backend, tmp_path, releases, "CRI-TH")
    common = {"risk": 1.0, "threshold": 59.5, "domestic_country": "KZ"}
    assert {f.subject_id: f.evidence for f in result.findings} == {
        "cayman": {
            "supplier_org_id": "S-cayman", "country_name": "Cayman Islands",
            "supplier_country": "KY", "secrecy_score": 72.275, "fsi_edition": 2018, **common,
        },
        "cayman-2010": {
            "supplier_org_id": "S-cayman-2010", "country_name": "KY", "supplier_country": "KY",
            "secrecy_score": 77.13, "fsi_edition": 2011, **common,
        },
    }  # fmt: skip
    meta = result.meta["test"]["CRI-TH"]
    assert (meta["domestic_country"], meta["domestic_country_source"]) == ("KZ", "buyer addresses")
