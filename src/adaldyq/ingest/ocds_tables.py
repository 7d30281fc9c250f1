"""One compiled release into rows of the canonical tables (`adaldyq.model.tables`).

Organisation references (buyer, procuring entity, tenderers, suppliers, payees) are resolved
against `parties[]` to a stable `org_id`: `scheme-id` of the party's identifier where both parts
are present (cardinal-rs issue #32), else the reference id. A missing `buyer` or `procuringEntity`
is taken from the single party with that role (cardinal-rs #34/#95) and noted as an issue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from adaldyq.ingest.ocds_values import Problems, array, integer, number, obj, text, timestamp

Row = dict[str, Any]


@dataclass
class ReleaseRows:
    """The rows one compiled release contributes to each canonical table."""

    tables: dict[str, list[Row]] = field(default_factory=dict)

    def add(self, table: str, row: Row) -> None:
        self.tables.setdefault(table, []).append(row)


@dataclass(frozen=True)
class _Org:
    raw_id: str | None
    org_id: str | None
    name: str | None


class _Parties:
    """Index of `parties[]` by reference id, for resolving organisation references."""

    def __init__(self, release: dict[str, Any], problems: Problems) -> None:
        self.org_ids: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.regions: dict[str, str] = {}
        self.by_role: dict[str, list[dict[str, Any]]] = {}
        self.entries = list(array(release.get("parties"), "parties", problems))
        for index, party in self.entries:
            raw = text(party.get("id"))
            roles = party.get("roles")
            for role in roles if isinstance(roles, list) else []:
                if isinstance(role, str):
                    self.by_role.setdefault(role, []).append(party)
            if raw is None:
                continue
            identifier = obj(party.get("identifier"), f"parties[{index}].identifier", problems)
            self.org_ids[raw] = stable_org_id(identifier) or raw
            if isinstance(party.get("name"), str):
                self.names[raw] = party["name"]
            address = party.get("address")
            if isinstance(address, dict) and isinstance(address.get("region"), str):
                self.regions[raw] = address["region"]

    def resolve(self, ref: Any) -> _Org:
        if not isinstance(ref, dict):
            return _Org(None, None, None)
        raw = text(ref.get("id"))
        own = stable_org_id(ref.get("identifier"))
        org_id = own or (self.org_ids.get(raw, raw) if raw is not None else None)
        name = ref.get("name") if isinstance(ref.get("name"), str) else None
        return _Org(raw, org_id, name or (self.names.get(raw) if raw else None))

    def single_with_role(self, role: str) -> dict[str, Any] | None:
        holders = self.by_role.get(role, [])
        return holders[0] if len(holders) == 1 else None


def stable_org_id(identifier: Any) -> str | None:
    """`scheme-id` from an OCDS identifier when both parts are present."""
    if not isinstance(identifier, dict):
        return None
    scheme, ident = text(identifier.get("scheme")), text(identifier.get("id"))
    if scheme and ident:
        return f"{scheme.strip()}-{ident.strip()}"
    return None


def release_rows(
    release: dict[str, Any], dataset: str, file: str, line: int | None, problems: Problems
) -> ReleaseRows:
    """Rows of every canonical table for one compiled release whose ocid is a string."""
    ocid: str = release["ocid"]
    key = {"dataset": dataset, "ocid": ocid}
    rows = ReleaseRows()
    parties = _Parties(release, problems)
    rows.add("processes", _process(release, key, file, line, parties, problems))
    for index, party in parties.entries:
        rows.add("parties", _party(party, index, key, parties, problems))
    tender = obj(release.get("tender"), "tender", problems)
    for index, lot in array(tender.get("lots"), "tender.lots", problems):
        value = obj(lot.get("value"), f"tender.lots[{index}].value", problems)
        rows.add(
            "lots",
            {
                **key,
                "lot_index": index,
                "lot_id": text(lot.get("id")),
                "title": text(lot.get("title")),
                "status": text(lot.get("status")),
                "value_amount": number(
                    value.get("amount"), f"tender.lots[{index}].value.amount", problems
                ),
                "value_currency": text(value.get("currency")),
            },
        )
    planning = obj(release.get("planning"), "planning", problems)
    _items(rows, key, planning.get("items"), "planning", None, "planning.items", problems)
    _items(rows, key, tender.get("items"), "tender", None, "tender.items", problems)
    _amendments(rows, key, tender, "tender", None, "tender", problems)
    _bids(rows, key, release, parties, problems)
    _awards(rows, key, release, parties, problems)
    _contracts(rows, key, release, parties, problems)
    return rows


def _process(
    release: dict[str, Any],
    key: Row,
    file: str,
    line: int | None,
    parties: _Parties,
    problems: Problems,
) -> Row:
    tender = obj(release.get("tender"), "tender", problems)
    value = obj(tender.get("value"), "tender.value", problems)
    period = obj(tender.get("tenderPeriod"), "tender.tenderPeriod", problems)
    award_period = obj(tender.get("awardPeriod"), "tender.awardPeriod", problems)
    budget = obj(
        obj(release.get("planning"), "planning", problems).get("budget"),
        "planning.budget",
        problems,
    )
    budget_amount = obj(budget.get("amount"), "planning.budget.amount", problems)
    start_ts, start_tz = timestamp(
        period.get("startDate"), "tender.tenderPeriod.startDate", problems
    )
    end_ts, end_tz = timestamp(period.get("endDate"), "tender.tenderPeriod.endDate", problems)
    published_ts, _ = timestamp(tender.get("datePublished"), "tender.datePublished", problems)
    award_end_ts, _ = timestamp(award_period.get("endDate"), "tender.awardPeriod.endDate", problems)
    buyer = _role_ref(release.get("buyer"), "buyer", parties, problems)
    entity = _role_ref(tender.get("procuringEntity"), "procuringEntity", parties, problems)
    return {
        **key,
        "source_file": file,
        "source_line": line,
        "release_date": text(release.get("date")),
        "tender_id": text(tender.get("id")),
        "tender_title": text(tender.get("title")),
        "tender_status": text(tender.get("status")),
        "procurement_method": text(tender.get("procurementMethod")),
        "procurement_method_details": text(tender.get("procurementMethodDetails")),
        "main_procurement_category": text(tender.get("mainProcurementCategory")),
        "award_criteria": text(tender.get("awardCriteria")),
        "tender_value_amount": number(value.get("amount"), "tender.value.amount", problems),
        "tender_value_currency": text(value.get("currency")),
        "tender_date_published": text(tender.get("datePublished")),
        "tender_date_published_ts": published_ts,
        "tender_period_start": text(period.get("startDate")),
        "tender_period_start_ts": start_ts,
        "tender_period_start_has_tz": start_tz,
        "tender_period_end": text(period.get("endDate")),
        "tender_period_end_ts": end_ts,
        "tender_period_end_has_tz": end_tz,
        "award_period_end_ts": award_end_ts,
        "number_of_tenderers": integer(tender.get("numberOfTenderers")),
        "buyer_id": buyer.raw_id,
        "buyer_org_id": buyer.org_id,
        "buyer_name": buyer.name,
        "buyer_region": parties.regions.get(buyer.raw_id) if buyer.raw_id else None,
        "procuring_entity_id": entity.raw_id,
        "procuring_entity_org_id": entity.org_id,
        "procuring_entity_name": entity.name,
        "planning_budget_amount": number(
            budget_amount.get("amount"), "planning.budget.amount.amount", problems
        ),
        "planning_budget_currency": text(budget_amount.get("currency")),
        "has_tender": bool(tender),
    }


def _role_ref(ref: Any, role: str, parties: _Parties, problems: Problems) -> _Org:
    if isinstance(ref, dict) and ref:
        return parties.resolve(ref)
    holder = parties.single_with_role(role)
    if holder is None:
        return _Org(None, None, None)
    problems.note(role, f"missing; taken from the single party with role {role!r}")
    return parties.resolve(holder)


def _party(
    party: dict[str, Any], index: int, key: Row, parties: _Parties, problems: Problems
) -> Row:
    path = f"parties[{index}]"
    identifier = obj(party.get("identifier"), f"{path}.identifier", problems)
    address = obj(party.get("address"), f"{path}.address", problems)
    contact = obj(party.get("contactPoint"), f"{path}.contactPoint", problems)
    details = obj(party.get("details"), f"{path}.details", problems)
    raw = text(party.get("id"))
    roles = party.get("roles")
    return {
        **key,
        "party_index": index,
        "party_id": raw,
        "org_id": parties.org_ids.get(raw) if raw else stable_org_id(identifier),
        "name": text(party.get("name")),
        "roles": [r for r in roles if isinstance(r, str)] if isinstance(roles, list) else [],
        "identifier_scheme": text(identifier.get("scheme")),
        "identifier_id": text(identifier.get("id")),
        "street_address": text(address.get("streetAddress")),
        "locality": text(address.get("locality")),
        "region": text(address.get("region")),
        "postal_code": text(address.get("postalCode")),
        "country_name": text(address.get("countryName")),
        "contact_name": text(contact.get("name")),
        "contact_email": text(contact.get("email")),
        "contact_telephone": text(contact.get("telephone")),
        "contact_fax": text(contact.get("faxNumber")),
        "contact_url": text(contact.get("url")),
        "founding_date": text(details.get("foundingDate") or details.get("registrationDate")),
    }


def _items(
    rows: ReleaseRows,
    key: Row,
    items: Any,
    scope: str,
    parent: int | None,
    path: str,
    problems: Problems,
) -> None:
    for index, item in array(items, path, problems):
        here = f"{path}[{index}]"
        classification = obj(item.get("classification"), f"{here}.classification", problems)
        unit = obj(item.get("unit"), f"{here}.unit", problems)
        unit_value = obj(unit.get("value"), f"{here}.unit.value", problems)
        rows.add(
            "items",
            {
                **key,
                "scope": scope,
                "parent_index": parent,
                "item_index": index,
                "item_id": text(item.get("id")),
                "description": text(item.get("description")),
                "classification_scheme": text(classification.get("scheme")),
                "classification_id": text(classification.get("id")),
                "quantity": number(item.get("quantity"), f"{here}.quantity", problems),
                "unit_name": text(unit.get("name")),
                "unit_value_amount": number(
                    unit_value.get("amount"), f"{here}.unit.value.amount", problems
                ),
                "unit_value_currency": text(unit_value.get("currency")),
                "related_lot": text(item.get("relatedLot")),
            },
        )


def _amendments(
    rows: ReleaseRows,
    key: Row,
    holder: dict[str, Any],
    scope: str,
    parent: int | None,
    path: str,
    problems: Problems,
) -> None:
    for index, amendment in array(holder.get("amendments"), f"{path}.amendments", problems):
        date_ts, _ = timestamp(amendment.get("date"), f"{path}.amendments[{index}].date", problems)
        rows.add(
            "amendments",
            {
                **key,
                "scope": scope,
                "parent_index": parent,
                "amendment_index": index,
                "amendment_id": text(amendment.get("id")),
                "date": text(amendment.get("date")),
                "date_ts": date_ts,
                "rationale": text(amendment.get("rationale")),
                "description": text(amendment.get("description")),
            },
        )


def _bids(
    rows: ReleaseRows, key: Row, release: dict[str, Any], parties: _Parties, problems: Problems
) -> None:
    bids = obj(release.get("bids"), "bids", problems)
    for index, bid in array(bids.get("details"), "bids.details", problems):
        path = f"bids.details[{index}]"
        value = obj(bid.get("value"), f"{path}.value", problems)
        tenderers = list(array(bid.get("tenderers"), f"{path}.tenderers", problems))
        date_ts, _ = timestamp(bid.get("date"), f"{path}.date", problems)
        rows.add(
            "bids",
            {
                **key,
                "bid_index": index,
                "bid_id": text(bid.get("id")),
                "status": text(bid.get("status")),
                "date": text(bid.get("date")),
                "date_ts": date_ts,
                "value_amount": number(value.get("amount"), f"{path}.value.amount", problems),
                "value_currency": text(value.get("currency")),
                "related_lots": _text_list(bid.get("relatedLots")),
                "tenderer_count": len(tenderers),
            },
        )
        for position, tenderer in tenderers:
            org = parties.resolve(tenderer)
            rows.add(
                "bid_tenderers",
                {
                    **key,
                    "bid_index": index,
                    "tenderer_index": position,
                    "tenderer_id": org.raw_id,
                    "tenderer_org_id": org.org_id,
                    "tenderer_name": org.name,
                },
            )


def _awards(
    rows: ReleaseRows, key: Row, release: dict[str, Any], parties: _Parties, problems: Problems
) -> None:
    for index, award in array(release.get("awards"), "awards", problems):
        path = f"awards[{index}]"
        value = obj(award.get("value"), f"{path}.value", problems)
        suppliers = list(array(award.get("suppliers"), f"{path}.suppliers", problems))
        date_ts, _ = timestamp(award.get("date"), f"{path}.date", problems)
        rows.add(
            "awards",
            {
                **key,
                "award_index": index,
                "award_id": text(award.get("id")),
                "status": text(award.get("status")),
                "date": text(award.get("date")),
                "date_ts": date_ts,
                "value_amount": number(value.get("amount"), f"{path}.value.amount", problems),
                "value_currency": text(value.get("currency")),
                "related_bid": text(award.get("relatedBid")),
                "related_lots": _text_list(award.get("relatedLots")),
                "supplier_count": len(suppliers),
            },
        )
        for position, supplier in suppliers:
            org = parties.resolve(supplier)
            rows.add(
                "award_suppliers",
                {
                    **key,
                    "award_index": index,
                    "supplier_index": position,
                    "supplier_id": org.raw_id,
                    "supplier_org_id": org.org_id,
                    "supplier_name": org.name,
                },
            )
        _items(rows, key, award.get("items"), "award", index, f"{path}.items", problems)
        _amendments(rows, key, award, "award", index, path, problems)


def _contracts(
    rows: ReleaseRows, key: Row, release: dict[str, Any], parties: _Parties, problems: Problems
) -> None:
    for index, contract in array(release.get("contracts"), "contracts", problems):
        path = f"contracts[{index}]"
        value = obj(contract.get("value"), f"{path}.value", problems)
        period = obj(contract.get("period"), f"{path}.period", problems)
        signed_ts, _ = timestamp(contract.get("dateSigned"), f"{path}.dateSigned", problems)
        start_ts, _ = timestamp(period.get("startDate"), f"{path}.period.startDate", problems)
        end_ts, _ = timestamp(period.get("endDate"), f"{path}.period.endDate", problems)
        rows.add(
            "contracts",
            {
                **key,
                "contract_index": index,
                "contract_id": text(contract.get("id")),
                "award_id": text(contract.get("awardID")),
                "status": text(contract.get("status")),
                "date_signed": text(contract.get("dateSigned")),
                "date_signed_ts": signed_ts,
                "period_start_ts": start_ts,
                "period_end_ts": end_ts,
                "value_amount": number(value.get("amount"), f"{path}.value.amount", problems),
                "value_currency": text(value.get("currency")),
            },
        )
        _items(rows, key, contract.get("items"), "contract", index, f"{path}.items", problems)
        _amendments(rows, key, contract, "contract", index, path, problems)
        implementation = obj(contract.get("implementation"), f"{path}.implementation", problems)
        _transactions(rows, key, index, implementation, parties, path, problems)


def _transactions(
    rows: ReleaseRows,
    key: Row,
    contract_index: int,
    implementation: dict[str, Any],
    parties: _Parties,
    path: str,
    problems: Problems,
) -> None:
    here = f"{path}.implementation.transactions"
    for index, transaction in array(implementation.get("transactions"), here, problems):
        value = obj(
            transaction.get("value") or transaction.get("amount"),
            f"{here}[{index}].value",
            problems,
        )
        date_ts, _ = timestamp(transaction.get("date"), f"{here}[{index}].date", problems)
        payee = parties.resolve(transaction.get("payee"))
        rows.add(
            "transactions",
            {
                **key,
                "contract_index": contract_index,
                "transaction_index": index,
                "transaction_id": text(transaction.get("id")),
                "date_ts": date_ts,
                "value_amount": number(
                    value.get("amount"), f"{here}[{index}].value.amount", problems
                ),
                "value_currency": text(value.get("currency")),
                "payer_id": parties.resolve(transaction.get("payer")).raw_id,
                "payee_id": payee.raw_id,
                "payee_org_id": payee.org_id,
            },
        )


def _text_list(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [t for t in (text(v) for v in value) if t is not None]
