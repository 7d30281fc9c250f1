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


def _fields(names: str) -> str:
    """GraphQL field names from the REST ones (GOSZAKUP.md §1.4: they correspond one to one)."""
    return " ".join(_camel(name) for name in names.split())


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


_TRD_BUY = """id number_anno name_ru name_kz total_sum count_lots ref_trade_methods_id
ref_subject_type_id ref_type_trade_id ref_buy_status_id customer_bin customer_pid customer_name_ru
customer_name_kz org_bin org_pid org_name_ru org_name_kz publish_date start_date end_date
repeat_start_date repeat_end_date discus_start_date discus_end_date itogi_date_public id_supplier
biin_supplier parent_id singl_org_sign is_light_industry is_construction_work fin_year kato
last_update_date system_id index_date"""
_LOTS = """id lot_number ref_lot_status_id last_update_date count amount name_ru name_kz
description_ru description_kz customer_id customer_bin customer_name_ru trd_buy_number_anno
trd_buy_id dumping dumping_lot_price psd_sign consulting_services point_list singl_org_sign
is_light_industry is_construction_work ref_trade_methods_id ref_buy_trade_methods_id enstru_list
pln_point_kato_list is_deleted system_id index_date"""
_CONTRACT = """id parent_id root_id trd_buy_id trd_buy_number_anno trd_buy_name_ru trd_buy_name_kz
trd_buy_itogi_date_public ref_contract_status_id deleted crdate last_update_date supplier_id
supplier_biin customer_id customer_bin contract_number contract_number_sys ref_subject_type_id
is_gu fin_year ref_contract_year_type_id ref_finsource_id ref_currency_code exchange_rate
contract_sum contract_sum_wnds fakt_sum fakt_sum_wnds sign_date ec_end_date plan_exec_date
fakt_exec_date contract_end_date ref_contract_cancel_id ref_contract_type_id fakt_trade_methods_id
description_ru description_kz contract_ms system_id index_date"""
_SUBJECT = """pid bin iin inn unp regdate crdate number_reg series name_ru name_kz full_name_ru
full_name_kz country_code customer organizer supplier type_supplier qvazi is_single_org
mark_resident mark_small_employer mark_national_company email phone website last_update_date"""
_PLANS = """id rootrecord_id sys_subjects_id sys_organizator_id subject_biin subject_name_ru name_ru
name_kz desc_ru extra_desc_ru ref_trade_methods_id ref_units_code ref_enstru_code count price
amount ref_months_id ref_pln_point_status_id pln_point_year ref_point_type_id ref_subject_type_id
ref_finsource_id ref_abp_code is_qvazi ref_justification_id ref_budget_type_id is_active is_deleted
date_create timestamp"""
_PLANS_NESTED = """
  PlansKato { refKatoCode refCountriesCode fullDeliveryPlaceNameRu count }
  PlansSpec { ekrbCode fkrbProgramCode abpCode amount }"""

GRAPHQL_SOURCES: dict[str, GraphqlSource] = {
    "plans": GraphqlSource(
        "plans", "Plans", _fields(_PLANS) + _PLANS_NESTED, "timestamp", "PlansFiltersInput"
    ),
    "announcements": GraphqlSource(
        "trd_buy", "TrdBuy", _fields(_TRD_BUY), "lastUpdateDate", "TrdBuyFiltersInput"
    ),
    "lots": GraphqlSource("lots", "Lots", _fields(_LOTS), "lastUpdateDate", "LotsFiltersInput"),
    "contracts": GraphqlSource(
        "contract", "Contract", _fields(_CONTRACT), "lastUpdateDate", "ContractFiltersInput"
    ),
    "participants": GraphqlSource(
        "subject", "Subjects", _fields(_SUBJECT), "lastUpdateDate", "SubjectFiltersInput"
    ),
}
"""`--api graphql`: the entities GraphQL filters by date on the server (GOSZAKUP.md §1.3, §7),
so a window reads only what changed in it instead of the whole REST list. The field names are
the REST names in camelCase, as the document says they correspond; they were not tried against
the live API, hence REST stays the default."""


def graphql_query(source: GraphqlSource) -> str:
    """The paged query of a GraphQL source."""
    return (
        f"query($filter: {source.filter_type}, $limit: Int, $after: Int) {{\n"
        f"  {source.type_name}(filter: $filter, limit: $limit, after: $after) {{"
        f"{source.fields}}}\n}}"
    )
