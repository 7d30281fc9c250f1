"""The workspace: one folder per analysis, so any engine can read it and a run can be repeated.

```
DIR/
  tables/<table>/dataset=<name>/part-<n>.parquet   canonical tables, hive-partitioned by dataset
  rejects.jsonl, rejects.csv                        records that were read but not loaded, and why
  issues.jsonl                                      field-level problems in records that were loaded
  ingest.json                                       read / loaded / rejected counts per file
  findings.parquet                                  every engine's findings (the `engine` column)
  runs/<engine>.json                                run id, settings and the parameters rules used
  declarations/balance.parquet                      year-by-year balance of each screened person
  declarations/report/                              persons ranked (CSV, Parquet, JSON), HTML pages
  audit-list.{csv,json,parquet,html}, report.html   outputs for people
```
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from adaldyq.errors import NotFound
from adaldyq.model.tables import CANONICAL_TABLES


@dataclass(frozen=True)
class Workspace:
    """Paths of one workspace folder; creating it is explicit (`create`)."""

    root: Path

    def create(self) -> Workspace:
        """Make the folder tree; returns self for chaining."""
        self.tables_dir.mkdir(parents=True, exist_ok=True)
        return self

    @property
    def tables_dir(self) -> Path:
        return self.root / "tables"

    def table_dir(self, table: str) -> Path:
        return self.tables_dir / table

    def partition_dir(self, table: str, dataset: str) -> Path:
        return self.table_dir(table) / f"dataset={dataset_slug(dataset)}"

    def has_partition(self, table: str, dataset: str) -> bool:
        """Whether the dataset has any rows file of `table` (a folder may be left empty)."""
        return any(self.partition_dir(table, dataset).glob("*.parquet"))

    def replace_partition(self, table: str, dataset: str, data: pa.Table) -> Path:
        """Replace one dataset's rows of `table` with `data`: one file, written beside the
        folder and moved in, so readers never see half of it."""
        folder = self.partition_dir(table, dataset)
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = folder.with_name(f".{folder.name}.writing")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        pq.write_table(data, staging / "part-0.parquet", compression="zstd")
        shutil.rmtree(folder, ignore_errors=True)
        staging.rename(folder)
        return folder

    def drop_dataset(self, dataset: str, tables: Iterable[str] | None = None) -> None:
        """Remove a dataset's partitions before it is written again: of every table, or those
        named (a reader drops only the tables it fills)."""
        for table in CANONICAL_TABLES if tables is None else tables:
            shutil.rmtree(self.partition_dir(table, dataset), ignore_errors=True)

    def datasets(self) -> list[str]:
        """Datasets present in the processes table, sorted."""
        processes = self.table_dir("processes")
        if not processes.is_dir():
            return []
        return sorted(
            p.name.removeprefix("dataset=")
            for p in processes.iterdir()
            if p.is_dir() and any(p.glob("*.parquet"))
        )

    def table_glob(self, table: str) -> str:
        """A glob over every partition of a table, for readers that take one."""
        return str(self.table_dir(table) / "*" / "*.parquet")

    def require_tables(self) -> None:
        """NotFound unless the workspace holds ingested tables."""
        if not self.datasets():
            raise NotFound(f"{self.root}: no ingested data; run `adaldyq ingest` first")

    @property
    def rejects_jsonl(self) -> Path:
        return self.root / "rejects.jsonl"

    @property
    def rejects_csv(self) -> Path:
        return self.root / "rejects.csv"

    @property
    def issues_jsonl(self) -> Path:
        return self.root / "issues.jsonl"

    @property
    def ingest_report(self) -> Path:
        return self.root / "ingest.json"

    @property
    def findings(self) -> Path:
        """The common findings store: one file in the finding schema for every engine, the file
        automated checks and the dashboard read; each engine replaces only its own rows."""
        return self.root / "findings.parquet"

    @property
    def declarations_balance(self) -> Path:
        """The declarations screening's year-by-year balance per person, which the report
        re-renders from without screening again."""
        return self.root / "declarations" / "balance.parquet"

    @property
    def declarations_report(self) -> Path:
        """Where the declarations report goes unless told otherwise."""
        return self.root / "declarations" / "report"

    def run_file(self, engine: str) -> Path:
        return self.root / "runs" / f"{engine}.json"

    def output(self, name: str) -> Path:
        return self.root / name


def dataset_slug(dataset: str) -> str:
    """Dataset names become folder names: keep them to a portable character set."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in dataset)
