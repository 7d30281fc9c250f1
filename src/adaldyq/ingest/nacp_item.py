"""Reading one item of a NACP section (a real-estate object, an income, ...) field by field.

NACP writes every value as a string, empties it when a value was withheld, and says why in a
sibling field `<field>_extendedstatus` ("1" unknown, "2" not applicable, "3" a family member
refused). Personal fields are published as "[Конфіденційна інформація]". `NacpItem` turns these
into canonical values and, for measured values, a status (see `model.declarations`), so a
withheld value stays visible as withheld and an unreadable one becomes a field issue with its
path, never a silent zero.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from adaldyq.ingest.declaration_rows import SOURCE_PATH, Issue
from adaldyq.ingest.declaration_values import parse_date, parse_decimal
from adaldyq.ingest.nacp_codes import (
    COUNTERPARTS,
    EXTENDED_STATUSES,
    OWNERSHIP,
    code,
    is_masked,
)
from adaldyq.model.declarations import DECLARANT

DECLARANT_REF = "1"
"""NACP's reference to the declarant in `person` and `rightBelongs`."""
THIRD_PARTY_REF = "j"
"""NACP's `rightBelongs`/`incomeSource` value for a person or company outside the family."""


class NacpItem:
    """One item (a JSON object) of a NACP section, at `path`; issues go to `issues`."""

    def __init__(self, item: dict[str, Any], path: str, issues: list[Issue]) -> None:
        self.item = item
        self.path = path
        self.issues = issues

    def at(self, key: str) -> str:
        return f"{self.path}.{key}"

    def text(self, *keys: str) -> str | None:
        """The first non-empty of `keys`, stripped; masked text is kept as the source wrote it."""
        for key in keys:
            value = self.item.get(key)
            if value is not None and not isinstance(value, dict | list) and str(value).strip():
                return str(value).strip()
        return None

    def label(self, key: str, other_key: str = "otherObjectType") -> str | None:
        """A category label; for "Інше" (other) the free text beside it when there is one."""
        value = self.text(key)
        if value is not None and value.lower() == "інше":
            return self.text(other_key) or value
        return value

    def name(self, prefix: str = "") -> str | None:
        """A counterpart's name: a company name, else a person's names (`prefix_ua_lastname`
        ...), else a full name."""
        p = f"{prefix}_" if prefix else ""
        company = self.text(f"{p}ua_company_name", f"{p}ukr_company_name", f"{p}eng_company_name")
        if company:
            return company
        parts = [self.text(f"{p}ua_{part}name") for part in ("last", "first", "middle")]
        person = " ".join(part for part in parts if part)
        return person or self.text(f"{p}ukr_fullname", f"{p}eng_fullname")

    def measure(self, key: str) -> tuple[float | None, str | None]:
        """A number and its status: None when given, else why it is absent."""
        raw = self.item.get(key)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            status = self.item.get(f"{key}_extendedstatus")
            return None, EXTENDED_STATUSES.get(str(status), "missing")
        if is_masked(raw):
            return None, "masked"
        try:
            return parse_decimal(raw), None
        except ValueError as exc:
            self.issues.append(Issue(self.at(key), str(exc)))
            return None, "invalid"

    def decimal(self, key: str) -> float | None:
        return self.measure(key)[0]

    def money(
        self, name: str, key: str, currency: str | None = None, currency_key: str | None = None
    ) -> dict[str, Any]:
        """A money field's three columns. The currency is the form's own (`currency`, when the
        form states amounts in hryvnias) or read from `currency_key`."""
        amount, status = self.measure(key)
        if currency_key is not None:
            currency = self.text(currency_key)
            if amount is not None and currency is None:
                self.issues.append(Issue(self.at(currency_key), "amount given without currency"))
                status = "invalid"
        elif amount is None:
            currency = None
        return {name: amount, f"{name}_currency": currency, f"{name}_status": status}

    def date(self, key: str) -> str | None:
        """A day as ISO 8601 text, the canonical form's way of writing it."""
        raw = self.text(key)
        if raw is None or is_masked(raw):
            return None
        try:
            return parse_date(raw).isoformat()
        except ValueError as exc:
            self.issues.append(Issue(self.at(key), str(exc)))
            return None

    def year(self, key: str) -> int | None:
        value = self.decimal(key)
        if value is None:
            return None
        if not value.is_integer() or not 1800 <= value <= 2100:
            self.issues.append(Issue(self.at(key), f"not a year: {self.item.get(key)!r}"))
            return None
        return int(value)

    def owner(self, default: str | None = None) -> str | None:
        """The item's owner: the declarant, a family member's id, or the id as written."""
        person = self.text("person")
        if person is None:
            return default
        if person == DECLARANT_REF:
            return DECLARANT
        return person

    def base(self, item_id: str, default_owner: str | None = None) -> dict[str, Any]:
        """The keys every owned item has: its id, owner and source path."""
        return {"item_id": item_id, "owner_id": self.owner(default_owner), SOURCE_PATH: self.path}

    def rights(self, section: str, item_id: str, owner: str | None) -> list[dict[str, Any]]:
        """The item's rights as rows of the rights table, the owner's right first."""
        rows = [self._right(section, item_id, key, right) for key, right in self._right_items()]
        rows.sort(key=lambda row: row["holder_id"] != owner)
        return rows

    def _right_items(self) -> Iterator[tuple[str, dict[str, Any]]]:
        rights = self.item.get("rights")
        entries = rights.items() if isinstance(rights, dict) else enumerate(rights or [])
        for key, right in entries:
            if isinstance(right, dict):
                yield str(right.get("rightBelongs") if isinstance(key, int) else key), right

    def _right(self, section: str, item_id: str, key: str, right: dict[str, Any]) -> dict[str, Any]:
        reader = NacpItem(right, f"{self.path}.rights.{key}", self.issues)
        belongs = reader.text("rightBelongs") or key
        if belongs == DECLARANT_REF:
            holder, role = DECLARANT, "declarant"
        elif belongs == THIRD_PARTY_REF:
            holder, role = key, "third_party"
        else:
            holder, role = belongs, "family"
        ownership = reader.label("ownershipType", "otherOwnership")
        return {
            "section": section,
            "item_id": item_id,
            "holder_id": holder,
            "holder_role": role,
            "holder_kind": code(COUNTERPARTS, reader.text("citizen")),
            "holder_name": reader.name() if role == "third_party" else None,
            "ownership_type": code(OWNERSHIP, ownership) if ownership else None,
            "ownership_type_raw": ownership,
            "ownership_share": reader.decimal("percent-ownership"),
            SOURCE_PATH: reader.path,
        }


def owner_right(rights: list[dict[str, Any]]) -> dict[str, Any]:
    """The ownership columns an item takes from its owner's right (the first right listed)."""
    first = rights[0] if rights else {}
    return {
        key: first.get(key) for key in ("ownership_type", "ownership_type_raw", "ownership_share")
    }
