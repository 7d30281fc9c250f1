"""NACP sections (`step_N` of the 2016 e-declaration form) mapped to canonical items.

| step | NACP section | canonical section |
|---|---|---|
| 3, 4 | real estate; unfinished construction | `real_estate` (`under_construction` for 4) |
| 5 | valuable movables | `valuables` |
| 6 | vehicles | `vehicles` |
| 7, 8 | securities; corporate rights | `securities` (`security_type` `corporate_right` for 8) |
| 11 | incomes, gifts included | `incomes` |
| 12 | monetary assets (cash, accounts, money lent) | `monetary_assets` |
| 13 | financial liabilities | `liabilities` |
| 14 | expenditures and transactions | `expenditures` |
| 2 of a change notice | the significant change (an income received) | `incomes` |

Steps 1 and 2 (declarant, family) are read by `declarations_nacp.py`; 9, 10, 15 and 16
(beneficial ownership, intangible assets, part-time jobs, memberships) are not mapped yet.
Amounts of the 2016 form are in hryvnias unless the section has a currency field (12, 13).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from adaldyq.ingest.declaration_rows import Issue
from adaldyq.ingest.nacp_codes import (
    CORPORATE_RIGHT,
    COUNTERPARTS,
    EXPENDITURE_ACTIONS,
    EXPENDITURE_KINDS,
    EXPENDITURE_SUBJECTS,
    INCOMES,
    LIABILITIES,
    MONETARY_ASSETS,
    REAL_ESTATE,
    SECURITIES,
    VALUABLES,
    VEHICLES,
    code,
)
from adaldyq.ingest.nacp_item import DECLARANT_REF, THIRD_PARTY_REF, NacpItem, owner_right
from adaldyq.model.declarations import DECLARANT

FORM_CURRENCY = "UAH"
UKRAINE = "1"
"""NACP's country code for Ukraine; other codes are kept as written (`country_raw`)."""

Item = dict[str, Any]
Mapper = Callable[[NacpItem, str, set[str]], Item]


def section_items(step: object, path: str, issues: list[Issue]) -> Iterator[tuple[str, NacpItem]]:
    """The items of a section with their ids: NACP writes sections as objects keyed by item id,
    sometimes as lists, and an empty section as `{"empty": "..."}` or `[]`."""
    if isinstance(step, dict):
        entries: Iterator[tuple[str, object]] = ((str(k), v) for k, v in step.items())
    elif isinstance(step, list):
        entries = ((f"[{i}]", v) for i, v in enumerate(step))
    else:
        issues.append(Issue(path, f"section is not an object or a list: {type(step).__name__}"))
        return
    for key, item in entries:
        item_path = f"{path}{key}" if key.startswith("[") else f"{path}.{key}"
        if key == "empty" and isinstance(item, str):
            continue
        if not isinstance(item, dict):
            issues.append(Issue(item_path, f"item is not an object: {item!r}"[:200]))
            continue
        item_id = key if not key.startswith("[") else str(item.get("iteration") or key)
        yield item_id, NacpItem(item, item_path, issues)


def real_estate(item: NacpItem, item_id: str, _family: set[str]) -> Item:
    kind = item.label("objectType")
    area, area_status = item.measure("totalArea")
    country = item.text("country")
    return {
        **item.base(item_id),
        "property_type": code(REAL_ESTATE, kind),
        "property_type_raw": kind,
        "under_construction": False,
        "area": area,
        "area_unit": "m2" if area is not None else None,
        "area_status": area_status,
        "country": "UA" if country == UKRAINE else None,
        "country_raw": country,
        "city": item.text("ua_cityType", "city"),
        **item.money("value", "costDate", FORM_CURRENCY),
        **item.money("assessed_value", "costAssessment", FORM_CURRENCY),
        "acquired_on": item.date("owningDate"),
    }


def unfinished_construction(item: NacpItem, item_id: str, family: set[str]) -> Item:
    """Step 4 has no value fields: its values are not applicable, not missing."""
    row = real_estate(item, item_id, family)
    row["under_construction"] = True
    for name in ("value", "assessed_value"):
        row.update({name: None, f"{name}_currency": None, f"{name}_status": "not_applicable"})
    return row


def valuable(item: NacpItem, item_id: str, _family: set[str]) -> Item:
    kind = item.label("objectType")
    return {
        **item.base(item_id),
        "valuable_type": code(VALUABLES, kind),
        "valuable_type_raw": kind,
        "description": item.text("propertyDescr"),
        "brand": item.text("trademark"),
        "manufacturer": item.text("manufacturerName"),
        **item.money("value", "costDateUse", FORM_CURRENCY),
        "acquired_on": item.date("dateUse"),
        "acquired_before_office": item.item.get("acqBeforeFD")
        if isinstance(item.item.get("acqBeforeFD"), bool)
        else None,
    }


def vehicle(item: NacpItem, item_id: str, _family: set[str]) -> Item:
    kind = item.label("objectType")
    return {
        **item.base(item_id),
        "vehicle_type": code(VEHICLES, kind),
        "vehicle_type_raw": kind,
        "brand": item.text("brand"),
        "model": item.text("model"),
        "manufacture_year": item.year("graduationYear"),
        **item.money("value", "costDate", FORM_CURRENCY),
        "acquired_on": item.date("owningDate"),
    }


def _emitent(item: NacpItem, prefix: str, kind_key: str) -> Item:
    """The counterpart the form calls `emitent` (a security's issuer, a debt's creditor) as the
    canonical `<prefix>_kind`, `_name` and `_code` columns."""
    return {
        f"{prefix}_kind": code(COUNTERPARTS, item.text(kind_key)),
        f"{prefix}_name": item.name("emitent"),
        f"{prefix}_code": item.text("emitent_ua_company_code", "emitent_eng_company_code"),
    }


def security(item: NacpItem, item_id: str, _family: set[str]) -> Item:
    """Step 7: `cost` is the value the form asks for (nominal value, as declared)."""
    kind = item.label("typeProperty")
    return {
        **item.base(item_id),
        "security_type": code(SECURITIES, kind),
        "security_type_raw": kind,
        **_emitent(item, "issuer", "emitent_type"),
        "issuer_country_raw": None,
        "quantity": item.decimal("amount"),
        "share_percent": None,
        **item.money("value", "cost", FORM_CURRENCY),
        "acquired_on": item.date("owningDate"),
    }


def corporate_right(item: NacpItem, item_id: str, _family: set[str]) -> Item:
    """Step 8: `cost` is the contribution to the company's capital, `cost_percent` the share."""
    country = item.text("country")
    return {
        **item.base(item_id),
        "security_type": CORPORATE_RIGHT,
        "security_type_raw": item.text("legalForm"),
        "issuer_kind": "legal_entity_domestic" if country == UKRAINE else "legal_entity_foreign",
        "issuer_name": item.text("name", "en_name"),
        "issuer_code": item.text("corporate_rights_company_code"),
        "issuer_country_raw": country,
        "quantity": None,
        "share_percent": item.decimal("cost_percent"),
        **item.money("value", "cost", FORM_CURRENCY),
        "acquired_on": None,
    }


def income(item: NacpItem, item_id: str, family: set[str]) -> Item:
    kind = item.label("objectType")
    source = item.text("incomeSource")
    if source == THIRD_PARTY_REF:
        source_kind = code(COUNTERPARTS, item.text("source_citizen"))
    elif source == DECLARANT_REF:
        source_kind = DECLARANT
    else:
        source_kind = "family" if source in family else None
    return {
        **item.base(item_id),
        "income_type": code(INCOMES, kind),
        "income_type_raw": kind,
        "source_kind": source_kind,
        "source_name": item.name("source"),
        "source_code": item.text("source_ua_company_code", "source_eng_company_code"),
        **item.money("amount", "sizeIncome", FORM_CURRENCY),
        "received_on": item.date("owningDate"),
    }


def monetary_asset(item: NacpItem, item_id: str, _family: set[str]) -> Item:
    kind = item.label("objectType")
    institution = item.text("organization") == THIRD_PARTY_REF
    return {
        **item.base(item_id),
        "asset_type": code(MONETARY_ASSETS, kind),
        "asset_type_raw": kind,
        "institution_kind": code(COUNTERPARTS, item.text("organization_type"))
        if institution
        else None,
        "institution_name": item.name("organization"),
        "institution_code": item.text(
            "organization_ua_company_code", "organization_eng_company_code"
        ),
        **item.money("amount", "sizeAssets", currency_key="assetsCurrency"),
    }


def liability(item: NacpItem, item_id: str, _family: set[str]) -> Item:
    kind = item.label("objectType")
    return {
        **item.base(item_id),
        "liability_type": code(LIABILITIES, kind),
        "liability_type_raw": kind,
        **_emitent(item, "creditor", "emitent_citizen"),
        **item.money("amount", "sizeObligation", currency_key="currency"),
        "arisen_on": item.date("dateOrigin"),
    }


EXPENDITURE_OBJECT_KEYS = (
    "specExpensesRealtySubject",
    "specExpensesOtherRealtySubject",
    "specExpensesMovableSubject",
    "specExpensesOtherMovableSubject",
    "specExpensesAssetsSubject",
    "specExpensesOtherSubject",
    "specOtherExpenses",
)


def expenditure(item: NacpItem, item_id: str, _family: set[str]) -> Item:
    """Step 14 is the declarant's own (its `person` is empty). Type 1 is an expenditure with an
    amount; type 2 a transaction (a right acquired or ended), which has none."""
    kind = EXPENDITURE_KINDS.get(str(item.item.get("type")))
    action, subject = item.text("specExpenses"), item.text("specExpensesSubject")
    objects = [item.text(key) for key in EXPENDITURE_OBJECT_KEYS]
    if kind == "transaction":
        amount: Item = {"amount": None, "amount_currency": None}
        amount["amount_status"] = "not_applicable"
    else:
        amount = item.money("amount", "costAmount", FORM_CURRENCY)
    return {
        **item.base(item_id, DECLARANT),
        "expenditure_kind": kind,
        "action": code(EXPENDITURE_ACTIONS, action),
        "action_raw": action,
        "subject": code(EXPENDITURE_SUBJECTS, subject),
        "subject_raw": subject,
        "object_raw": "; ".join(dict.fromkeys(o for o in objects if o)) or None,
        **amount,
        "spent_on": item.date("date_costAmount"),
        "country_raw": item.text("country"),
    }


OWNED_WITH_RIGHTS = frozenset({"real_estate", "valuables", "vehicles", "securities"})
"""Sections whose items take the ownership columns of their owner's right."""

ANNUAL_STEPS: dict[str, tuple[str, Mapper]] = {
    "step_3": ("real_estate", real_estate),
    "step_4": ("real_estate", unfinished_construction),
    "step_5": ("valuables", valuable),
    "step_6": ("vehicles", vehicle),
    "step_7": ("securities", security),
    "step_8": ("securities", corporate_right),
    "step_11": ("incomes", income),
    "step_12": ("monetary_assets", monetary_asset),
    "step_13": ("liabilities", liability),
    "step_14": ("expenditures", expenditure),
}
CHANGE_NOTICE_STEPS: dict[str, tuple[str, Mapper]] = {"step_2": ("incomes", income)}


def map_sections(
    data: dict[str, Any],
    base: str,
    steps: dict[str, tuple[str, Mapper]],
    family: set[str],
    issues: list[Issue],
) -> dict[str, list[Item]]:
    """Every mapped step of `data` as canonical items per section, rights included."""
    sections: dict[str, list[Item]] = {"rights": []}
    for step, (section, mapper) in steps.items():
        if step not in data:
            continue  # the export leaves out empty sections
        items = sections.setdefault(section, [])
        for item_id, item in section_items(data[step], f"{base}.{step}", issues):
            row = mapper(item, item_id, family)
            rights = item.rights(section, item_id, row["owner_id"])
            if section in OWNED_WITH_RIGHTS:
                row.update(owner_right(rights))
            sections["rights"].extend(rights)
            items.append(row)
    return sections
