"""Asset declarations of the synthetic integrity world's officials, in the canonical declaration
form (`ingest/schema/declaration.schema.json`) that `adaldyq declarations import` and `screen`
read.

Each official files one annual declaration per year the body awards in, on time (Kazakhstan's
form 270.00 is due on 15 September of the next year), declaring the salary from the body and no
corporate interest. Patterns change a declaration: B02 adds the supplier's shares (securities)
or an income the supplier paid a family member; B11 files it late, which the declarations
engine's A21 flags for that person and year.
"""

from __future__ import annotations

from datetime import date
from typing import Any

ON_TIME = (4, 15)
"""Month and day of the next year a clean declaration is filed on."""
LATE = (11, 20)
"""Month and day of the next year a late declaration is filed on (after 15 September)."""
SALARY = 7_800_000.0


def declaration(person: str, year: int, body: str) -> dict[str, Any]:
    """The clean annual declaration of `person` (node `kz-iin-<IIN>`) for `year`: filed on
    time, the body's salary its only income."""
    number = person.removeprefix("kz-iin-")
    filed = date(year + 1, *ON_TIME)
    return {
        "declaration_id": f"{number}-{year}",
        "person_id": number,
        "person_id_scheme": "KZ-IIN",
        "country": "KZ",
        "year": year,
        "declaration_type": "annual",
        "submitted_on": filed.isoformat(),
        "body": body,
        "family": [],
        "incomes": [
            {
                "item_id": f"{number}-{year}-salary",
                "owner_id": "declarant",
                "income_type": "salary",
                "source_kind": "legal_entity",
                "source_code": body,
                "amount": SALARY,
                "amount_currency": "KZT",
            }
        ],
        "securities": [],
    }


def declare_shares(document: dict[str, Any], company: str, name: str) -> None:
    """The declarant holds half of `company` (BIN) in the year declared."""
    document["securities"].append({
        "item_id": f"{document['declaration_id']}-shares-{company}", "owner_id": "declarant",
        "security_type": "shares", "issuer_kind": "legal_entity", "issuer_name": name,
        "issuer_code": company, "share_percent": 50.0,
    })  # fmt: skip


def declare_family_income(document: dict[str, Any], relation: str, company: str) -> None:
    """A family member of the declarant was paid dividends by `company` (BIN) in the year."""
    member = f"{document['declaration_id']}-{relation}"
    document["family"].append({"member_id": member, "relation": relation})
    document["incomes"].append({
        "item_id": f"{member}-dividends", "owner_id": member, "income_type": "dividends",
        "source_kind": "legal_entity", "source_code": company, "amount": 12_000_000.0,
        "amount_currency": "KZT",
    })  # fmt: skip


def file_late(document: dict[str, Any]) -> None:
    """Filed two months after the deadline."""
    document["submitted_on"] = date(document["year"] + 1, *LATE).isoformat()
