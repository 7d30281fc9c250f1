"""The declarations screening's per-person ranking as one flat table, for a spreadsheet.

One row per screened person, highest score first: who they are (name, position, body and region
of their latest screened declaration), the years screened, the score (the sum of the weights of
the rules triggered, each rule counted once: `engines.declarations.ranking`), the number of
findings, a `rules` column in words ("A01 2016; A05 2015, 2016") and then one column per rule
run, named by its code, holding that rule's contribution to the score (0 when it did not fire).
Wide rather than long, because a journalist sorts and filters a spreadsheet by column: "everyone
with A04" is a filter on column A04, and the row still adds up to `score`.

Persons with no finding are listed too, at score 0, so the table is the whole population
screened. The rank is competition ranking (1, 2, 2, 4): persons with equal scores share a place,
since ordering them by id would suggest a difference that is not there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from adaldyq.engines.declarations.ranking import PersonRank
from adaldyq.reports.rendering import DATA_FORMATS, write_table

HEAD = pa.schema(
    [
        ("rank", pa.int64()),
        ("person_id", pa.string()),
        ("full_name", pa.string()),
        ("position", pa.string()),
        ("body", pa.string()),
        ("region", pa.string()),
        ("latest_year", pa.int64()),
        ("years_screened", pa.int64()),
        ("years", pa.string()),
        ("score", pa.float64()),
        ("findings", pa.int64()),
        ("rules", pa.string()),
    ]
)
"""The persons table's leading columns; one float64 column per rule code follows."""


def persons_table(ranking: list[PersonRank], balance: pa.Table, codes: Sequence[str]) -> pa.Table:
    """Every person of the balance (and any ranked person it lacks), ranked; `codes` are the
    rules run, one contribution column each."""
    latest = _latest(balance)
    years = _years(balance)
    ranked = {person.person_id: person for person in ranking}
    clean = sorted(set(latest) - set(ranked))
    order = [*ranking, *(PersonRank(person_id) for person_id in clean)]
    rows = []
    place, previous = 0, None
    for index, person in enumerate(order, start=1):
        if person.total != previous:
            place, previous = index, person.total
        head = latest.get(person.person_id, {})
        screened = years.get(person.person_id, [])
        row = {
            "rank": place,
            "person_id": person.person_id,
            "full_name": head.get("full_name"),
            "position": head.get("position"),
            "body": head.get("body"),
            "region": head.get("region"),
            "latest_year": head.get("year"),
            "years_screened": len(screened),
            "years": ", ".join(map(str, screened)),
            "score": person.total,
            "findings": person.findings,
            "rules": rules_text(person),
        }
        rows.append(row | {code: person.contributions.get(code, 0.0) for code in codes})
    schema = pa.schema([*HEAD, *(pa.field(code, pa.float64()) for code in codes)])
    return pa.Table.from_pylist(rows, schema=schema)


def rules_text(person: PersonRank) -> str:
    """The rules a person triggered with the years, e.g. `A01 2016; A05 2015, 2016`."""
    return "; ".join(
        " ".join([code, ", ".join(map(str, person.years.get(code, [])))]).strip()
        for code in sorted(person.contributions)
    )


def _latest(balance: pa.Table) -> dict[str, dict[str, object]]:
    """Per person, the head of their latest screened declaration."""
    columns = ["person_id", "full_name", "position", "body", "region", "year"]
    ordered = balance.select(columns).sort_by([("person_id", "ascending"), ("year", "ascending")])
    ids = ordered.column("person_id")
    if len(ids) == 0:
        return {}
    last_of_person = pc.not_equal(ids.slice(0, len(ids) - 1), ids.slice(1)).fill_null(True)
    last = pa.concat_arrays(
        [pc.indices_nonzero(last_of_person), pa.array([len(ids) - 1], "uint64")]
    )
    return {row["person_id"]: row for row in ordered.take(last).to_pylist()}


def _years(balance: pa.Table) -> dict[str, list[int]]:
    """Per person, the years screened in order."""
    grouped = balance.group_by("person_id").aggregate([("year", "distinct")])
    return {
        row["person_id"]: sorted(row["year_distinct"])
        for row in grouped.to_pylist()
        if row["person_id"] is not None
    }


def write_tables(
    out_dir: Path, tables: dict[str, pa.Table], formats: Iterable[str] = DATA_FORMATS
) -> list[Path]:
    """Each table as `<name>.<format>` in `out_dir`; the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in tables.items():
        for fmt in formats:
            path = out_dir / f"{name}.{fmt}"
            with path.open("wb") as sink:
                write_table(table, fmt, sink)
            written.append(path)
    return written


def top_persons(persons: pa.Table, limit: int | None) -> pa.Table:
    """The first `limit` rows of the persons table (all when None): who gets a page."""
    return persons if limit is None else persons.slice(0, limit)


def rows_of(table: pa.Table, person_ids: Iterable[str], column: str = "person_id") -> pa.Table:
    """The rows of `table` about the persons named."""
    return table.filter(pc.is_in(table.column(column), pa.array(list(person_ids), pa.string())))
