"""The population the audit list ranks: every process with its title, entities and value.

Scoring must rank processes without any finding too ("rank all 13,107 payments"), so it starts
from the canonical `processes` table, not from the findings. Everything here is columnar (pyarrow
and pandas), so a million processes take about a second.

Entity keys are the stable organisation ids of `model/tables.py` (`*_org_id`), falling back to the
reference id a release uses when a party has no identifier: the same keys buyer- and supplier-level
rules use as `subject_id`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from adaldyq.store.catalog import Workspace

KEY = ["dataset", "ocid"]

POPULATION_COLUMNS = [
    "dataset",
    "ocid",
    "title",
    "buyer_id",
    "buyer_name",
    "procuring_entity_id",
    "procuring_entity_name",
    "value",
    "currency",
    "value_source",
]


def keys_table(frame: pd.DataFrame, columns: Sequence[str] = tuple(KEY)) -> pa.Table:
    """String key columns of a frame as Arrow, to semi-join Arrow tables against (even if empty)."""
    return pa.table({c: pa.array(frame[c].astype(str), pa.string()) for c in columns})


def read_table(
    workspace: Workspace,
    table: str,
    columns: Sequence[str],
    datasets: Sequence[str] | None = None,
) -> pa.Table:
    """Columns of one canonical table over every dataset partition (or those named).

    Partition folder names are not read as columns: each file carries its own `dataset` column,
    which keeps the dataset's real name where the folder holds only its slug.
    """
    source = ds.dataset(workspace.table_dir(table), format="parquet", partitioning=None)
    selection = None if datasets is None else pc.field("dataset").isin(list(datasets))
    return source.to_table(columns=list(columns), filter=selection)


def process_frame(processes: pa.Table, awards: pa.Table | None = None) -> pd.DataFrame:
    """One row per (dataset, ocid) with the columns of `POPULATION_COLUMNS`.

    The value is the tender's expected value (`tender_value_amount`, SASU's "expected value");
    when a process has none, the sum of its active (or status-less) award values in the currency
    with the largest sum, so direct contracts and payments without a tender are still ranked by
    money. `value_source` says which one was used ("tender", "awards") or is null.
    """
    frame = pd.DataFrame(
        {
            "dataset": processes.column("dataset").to_pandas(),
            "ocid": processes.column("ocid").to_pandas(),
            "title": processes.column("tender_title").to_pandas(),
            "buyer_id": _coalesce(processes, "buyer_org_id", "buyer_id"),
            "buyer_name": processes.column("buyer_name").to_pandas(),
            "procuring_entity_id": _coalesce(
                processes, "procuring_entity_org_id", "procuring_entity_id"
            ),
            "procuring_entity_name": processes.column("procuring_entity_name").to_pandas(),
            "value": processes.column("tender_value_amount").to_pandas(),
            "currency": processes.column("tender_value_currency").to_pandas(),
        }
    ).drop_duplicates(KEY)
    frame["value_source"] = frame["value"].notna().map({True: "tender", False: None})
    if awards is not None and len(awards):
        frame = _award_values(frame, awards)
    return frame.reset_index(drop=True)[POPULATION_COLUMNS]


def _award_values(frame: pd.DataFrame, awards: pa.Table) -> pd.DataFrame:
    a = awards.select(["dataset", "ocid", "status", "value_amount", "value_currency"]).to_pandas()
    a = a[(a["status"].isna() | (a["status"] == "active")) & a["value_amount"].notna()]
    sums = a.groupby(["dataset", "ocid", "value_currency"], dropna=False, as_index=False)[
        "value_amount"
    ].sum()
    best = sums.sort_values("value_amount", ascending=False, kind="stable").drop_duplicates(KEY)
    merged = frame.merge(best, on=KEY, how="left")
    fill = merged["value"].isna() & merged["value_amount"].notna()
    merged.loc[fill, "value"] = merged.loc[fill, "value_amount"]
    merged.loc[fill, "currency"] = merged.loc[fill, "value_currency"]
    merged.loc[fill, "value_source"] = "awards"
    return merged.drop(columns=["value_amount", "value_currency"])


def process_suppliers(award_suppliers: pa.Table, awards: pa.Table) -> pd.DataFrame:
    """(dataset, ocid, supplier_id, supplier_name): the suppliers of active or status-less awards.

    A supplier of a cancelled or unsuccessful award did not get the money, so a process's risk is
    not rolled up to it.
    """
    s = award_suppliers.select(
        ["dataset", "ocid", "award_index", "supplier_org_id", "supplier_id", "supplier_name"]
    ).to_pandas()
    a = awards.select(["dataset", "ocid", "award_index", "status"]).to_pandas()
    live = a[a["status"].isna() | (a["status"] == "active")]
    s = s.merge(live[[*KEY, "award_index"]], on=[*KEY, "award_index"])
    s["supplier_id"] = s["supplier_org_id"].fillna(s["supplier_id"])
    s = s[s["supplier_id"].notna()]
    links: pd.DataFrame = s[[*KEY, "supplier_id", "supplier_name"]]
    return links.drop_duplicates([*KEY, "supplier_id"])


def load_population(
    workspace: Workspace, datasets: Sequence[str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The process frame and the process-supplier links of a workspace's canonical tables."""
    processes = read_table(
        workspace,
        "processes",
        [
            "dataset",
            "ocid",
            "tender_title",
            "buyer_org_id",
            "buyer_id",
            "buyer_name",
            "procuring_entity_org_id",
            "procuring_entity_id",
            "procuring_entity_name",
            "tender_value_amount",
            "tender_value_currency",
        ],
        datasets,
    )
    awards = read_table(
        workspace,
        "awards",
        ["dataset", "ocid", "award_index", "status", "value_amount", "value_currency"],
        datasets,
    )
    suppliers = read_table(
        workspace,
        "award_suppliers",
        ["dataset", "ocid", "award_index", "supplier_org_id", "supplier_id", "supplier_name"],
        datasets,
    )
    return process_frame(processes, awards), process_suppliers(suppliers, awards)


def _coalesce(table: pa.Table, first: str, second: str) -> pd.Series:
    return pd.Series(pc.coalesce(table.column(first), table.column(second)).to_pandas())
