"""Canonical procurement tables: OCDS kept as related tables keyed by (dataset, ocid).

Nothing is flattened away: lots, bids with all their tenderers, awards with all their suppliers,
items of tender/awards/contracts, amendments and transactions each get a table. Raw strings are
kept beside parsed values where a rule's definition depends on the raw form (Cardinal compares
some dates as strings and accepts only RFC 3339 timestamps).

Organisations get a stable `org_id`: `scheme-id` from `parties[].identifier` when both are present,
otherwise the reference id the release uses (which is only stable within one dataset).
"""

from __future__ import annotations

import pyarrow as pa

TS = pa.timestamp("us", tz="UTC")
STR = pa.string()
F64 = pa.float64()
I64 = pa.int64()
BOOL = pa.bool_()
STR_LIST = pa.list_(pa.string())


def _schema(*fields: tuple[str, pa.DataType]) -> pa.Schema:
    key = [("dataset", STR), ("ocid", STR)]
    return pa.schema([pa.field(name, kind) for name, kind in (*key, *fields)])


PROCESSES = _schema(
    ("source_file", STR),
    ("source_line", I64),
    ("release_date", STR),
    ("tender_id", STR),
    ("tender_title", STR),
    ("tender_status", STR),
    ("procurement_method", STR),
    ("procurement_method_details", STR),
    ("main_procurement_category", STR),
    ("award_criteria", STR),
    ("tender_value_amount", F64),
    ("tender_value_currency", STR),
    ("tender_date_published", STR),
    ("tender_date_published_ts", TS),
    ("tender_period_start", STR),
    ("tender_period_start_ts", TS),
    ("tender_period_start_has_tz", BOOL),
    ("tender_period_end", STR),
    ("tender_period_end_ts", TS),
    ("tender_period_end_has_tz", BOOL),
    ("award_period_end_ts", TS),
    ("number_of_tenderers", I64),
    ("buyer_id", STR),
    ("buyer_org_id", STR),
    ("buyer_name", STR),
    ("buyer_region", STR),
    ("procuring_entity_id", STR),
    ("procuring_entity_org_id", STR),
    ("procuring_entity_name", STR),
    ("planning_budget_amount", F64),
    ("planning_budget_currency", STR),
    ("has_tender", BOOL),
)

PARTIES = _schema(
    ("party_index", I64),
    ("party_id", STR),
    ("org_id", STR),
    ("name", STR),
    ("roles", STR_LIST),
    ("identifier_scheme", STR),
    ("identifier_id", STR),
    ("street_address", STR),
    ("locality", STR),
    ("region", STR),
    ("postal_code", STR),
    ("country_name", STR),
    ("contact_name", STR),
    ("contact_email", STR),
    ("contact_telephone", STR),
    ("contact_fax", STR),
    ("contact_url", STR),
    ("founding_date", STR),
)

LOTS = _schema(
    ("lot_index", I64),
    ("lot_id", STR),
    ("title", STR),
    ("status", STR),
    ("value_amount", F64),
    ("value_currency", STR),
)

ITEMS = _schema(
    ("scope", STR),  # planning | tender | award | contract
    ("parent_index", I64),  # index of the award or contract; null for tender/planning
    ("item_index", I64),
    ("item_id", STR),
    ("description", STR),
    ("classification_scheme", STR),
    ("classification_id", STR),
    ("quantity", F64),
    ("unit_name", STR),
    ("unit_value_amount", F64),
    ("unit_value_currency", STR),
    ("related_lot", STR),
)

BIDS = _schema(
    ("bid_index", I64),
    ("bid_id", STR),
    ("status", STR),
    ("date", STR),
    ("date_ts", TS),
    ("value_amount", F64),
    ("value_currency", STR),
    ("related_lots", STR_LIST),
    ("tenderer_count", I64),
)

BID_TENDERERS = _schema(
    ("bid_index", I64),
    ("tenderer_index", I64),
    ("tenderer_id", STR),
    ("tenderer_org_id", STR),
    ("tenderer_name", STR),
)

AWARDS = _schema(
    ("award_index", I64),
    ("award_id", STR),
    ("status", STR),
    ("date", STR),
    ("date_ts", TS),
    ("value_amount", F64),
    ("value_currency", STR),
    ("related_bid", STR),
    ("related_lots", STR_LIST),
    ("supplier_count", I64),
)

AWARD_SUPPLIERS = _schema(
    ("award_index", I64),
    ("supplier_index", I64),
    ("supplier_id", STR),
    ("supplier_org_id", STR),
    ("supplier_name", STR),
)

CONTRACTS = _schema(
    ("contract_index", I64),
    ("contract_id", STR),
    ("award_id", STR),
    ("status", STR),
    ("date_signed", STR),
    ("date_signed_ts", TS),
    ("period_start_ts", TS),
    ("period_end_ts", TS),
    ("value_amount", F64),
    ("value_currency", STR),
)

AMENDMENTS = _schema(
    ("scope", STR),  # tender | award | contract
    ("parent_index", I64),
    ("amendment_index", I64),
    ("amendment_id", STR),
    ("date", STR),
    ("date_ts", TS),
    ("rationale", STR),
    ("description", STR),
)

TRANSACTIONS = _schema(
    ("contract_index", I64),
    ("transaction_index", I64),
    ("transaction_id", STR),
    ("date_ts", TS),
    ("value_amount", F64),
    ("value_currency", STR),
    ("payer_id", STR),
    ("payee_id", STR),
    ("payee_org_id", STR),
)

PLAN_LINES = _schema(
    # Lines of procurement plans from the plan CSV form (`ingest/plans.py`), keyed by dataset and
    # plan_id. A plan line precedes any process, so `ocid` is always null: rules read this table
    # unscoped (`RuleContext.plan_lines`), never through the process scope.
    ("source_file", STR),
    ("source_line", I64),
    ("plan_id", STR),
    ("buyer_id", STR),
    ("buyer_name", STR),
    ("year", I64),
    ("classification_scheme", STR),
    ("classification_id", STR),
    ("description", STR),
    ("quantity", F64),
    ("unit", STR),
    ("unit_price", F64),
    ("currency", STR),
    ("region", STR),
    ("planned_method", STR),
)

BID_SCORES = _schema(
    # Published evaluation of bids, one row per bid and criterion, from the bid-score CSV form
    # (`ingest/bid_scores.py`); `ocid` is the process the bids belong to. A row carries either a
    # weighted score (`weight`, `score`) or a conditional discount in percent (`discount`).
    ("source_file", STR),
    ("source_line", I64),
    ("lot_id", STR),
    ("bid_id", STR),
    ("tenderer_id", STR),
    ("tenderer_name", STR),
    ("price", F64),
    ("currency", STR),
    ("criterion", STR),
    ("weight", F64),
    ("score", F64),
    ("discount", F64),
)

SIDE_TABLES = frozenset({"plan_lines", "bid_scores"})
"""Tables filled by their own CSV readers, not by OCDS ingest: re-ingesting OCDS keeps them."""

CANONICAL_TABLES: dict[str, pa.Schema] = {
    "processes": PROCESSES,
    "parties": PARTIES,
    "lots": LOTS,
    "items": ITEMS,
    "bids": BIDS,
    "bid_tenderers": BID_TENDERERS,
    "awards": AWARDS,
    "award_suppliers": AWARD_SUPPLIERS,
    "contracts": CONTRACTS,
    "amendments": AMENDMENTS,
    "transactions": TRANSACTIONS,
    "plan_lines": PLAN_LINES,
    "bid_scores": BID_SCORES,
}
