"""What the fetcher reads for each entity: the OWS v3 endpoint, its page size and date field.

REST is used where it returns every field without a field list (GOSZAKUP.md §1.2); bids come
from GraphQL `TrdApp`, because REST `/v3/trd-app` is unconfirmed (§1.2) and GraphQL filters them
by `dateApply` (§1.3). REST lists have no date filter: a REST walk reads the whole list and
keeps the records whose date field is in the window. It cannot stop at the first old page,
because the lists are ordered by id (newest first) while an old record can be updated any day.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RestSource:
    """A paginated REST list: `{total, limit, next_page, items}`, followed by `next_page`."""

    entity: str
    path: str
    limit: int = 50
    date_field: str | None = "last_update_date"


@dataclass(frozen=True)
class GraphqlSource:
    """A GraphQL root query, paged with `after: extensions.pageInfo.lastId`."""

    entity: str
    type_name: str
    fields: str
    window_field: str
    filter_type: str
    limit: int = 200


TRD_APP_FIELDS = """
  id buyId supplierId supplierBinIin dateApply protId protNumber crFio modFio
  Supplier { bin nameRu }
  AppLots {
    id lotId pointList statusId RefAppStatus { nameRu } price amount discountValue discountPrice
    Offers { id pointId lotId appLotId price amount }
  }
"""
"""The fields of `TrdApp` as `tcomextetl`'s `goszakup_trd_app_offers.gql` asks for them (§1.4)."""

CONTRACT_UNITS = "contract_units"
"""Contract lines are read per contract (`/v3/contract/{id}/units`) after the contracts."""

SOURCES: dict[str, RestSource | GraphqlSource] = {
    "refs": RestSource("ref_trade_methods", "/v3/refs/ref_trade_methods", 500, None),
    "plans": RestSource("plans", "/v3/plans/all", date_field="timestamp"),
    "announcements": RestSource("trd_buy", "/v3/trd-buy"),
    "lots": RestSource("lots", "/v3/lots"),
    "bids": GraphqlSource("trd_app", "TrdApp", TRD_APP_FIELDS, "dateApply", "TrdAppFiltersInput"),
    "contracts": RestSource("contract", "/v3/contract"),
    "acts": RestSource("acts", "/v3/acts", date_field="index_date"),
    "payments": RestSource("treasury_pay", "/v3/treasury-pay", date_field="index_date"),
    "participants": RestSource("subject", "/v3/subject/all", 500),
    "rnu": RestSource("rnu", "/v3/rnu", 500, "index_date"),
}
"""The `--entities` names of `adaldyq fetch goszakup`, in the order they are fetched."""


def graphql_query(source: GraphqlSource) -> str:
    """The paged query of a GraphQL source."""
    return (
        f"query($filter: {source.filter_type}, $limit: Int, $after: Int) {{\n"
        f"  {source.type_name}(filter: $filter, limit: $limit, after: $after) {{"
        f"{source.fields}}}\n}}"
    )
