"""The company facts CSV form of the integrity graph: dated figures about a company, one line per
company and date, for the shell signs the graph's ties cannot show.

A line gives, as of `date`, any of: the charter capital registered on that day (`capital`,
`capital_currency`), the number of employees, the turnover and the tax paid (`turnover`,
`tax_paid` in `currency`) of the period `date` names (a year `2023` for yearly figures). B05
reads capital raised just before an award (a later line with more capital than the one before),
B06 no employees or little tax against turnover. Registers publish these apart from ownership
(the tax service's taxpayer data, the statistics register's staff counts, the justice register's
capital changes), so they come as a form of their own; FtM has `Company.capital` undated and
`TaxRoll` (`income`, `taxPaid`) without staff, so there is no FtM form to read them from.

The form is told by its `company_id` column; the company is named as in the organisations form
(`kz-bin-<BIN>` for a valid BIN). A line without any figure, or with an amount and no currency,
is rejected with its field.
"""

from __future__ import annotations

import pyarrow as pa

from adaldyq.ingest.csv_forms import Column, Line, currency, non_negative, optional, text
from adaldyq.ingest.graph_values import (
    GraphRead,
    GraphRecord,
    Rejected,
    parse_partial_date,
    partial_date_text,
)

FIGURES = ("capital", "employees", "turnover", "tax_paid")
COMPANY_FACTS = pa.schema(
    [
        ("dataset", pa.string()),
        ("company", pa.string()),
        ("date", pa.string()),
        ("first_day", pa.date32()),
        ("last_day", pa.date32()),
        ("capital", pa.float64()),
        ("capital_currency", pa.string()),
        ("employees", pa.int64()),
        ("turnover", pa.float64()),
        ("tax_paid", pa.float64()),
        ("currency", pa.string()),
        ("source_file", pa.string()),
        ("source_line", pa.int64()),
    ]
)
"""The `company_facts` table of a graph dataset: `first_day`..`last_day` the period `date`
covers (one day for a capital change, a year for yearly figures)."""
FACT_TABLES = {"company_facts": COMPANY_FACTS}


def _count(cell: str) -> int:
    value = non_negative(cell)
    if value != int(value):
        raise ValueError(f"not a whole number: {cell!r}")
    return int(value)


FACT_COLUMNS = (
    Column("company_id", text),
    Column("date", partial_date_text),
    optional("capital", non_negative),
    optional("capital_currency", currency),
    optional("employees", _count),
    optional("turnover", non_negative),
    optional("tax_paid", non_negative),
    optional("currency", currency),
)


def fact_record(line: Line, dataset: str, company: str) -> GraphRead:
    """One line as a `company_facts` row of `company` (its node id), or why it was rejected."""
    values = line.values
    if all(values[name] is None for name in FIGURES):
        return Rejected(line.position, None, "capital", f"no figure: give one of {FIGURES}")
    if values["capital"] is not None and values["capital_currency"] is None:
        return Rejected(line.position, None, "capital_currency", "capital needs its currency")
    money = values["turnover"] is not None or values["tax_paid"] is not None
    if money and values["currency"] is None:
        return Rejected(line.position, None, "currency", "turnover and tax need a currency")
    period = parse_partial_date(values["date"])
    row = {
        "dataset": dataset,
        "company": company,
        "date": period.text,
        "first_day": period.first_day,
        "last_day": period.last_day,
        **{name: values[name] for name in (*FIGURES, "capital_currency", "currency")},
        "source_file": line.position.file,
        "source_line": line.position.line,
    }
    record = GraphRecord(line.position, f"{company}@{period.text}")
    record.facts.append(row)
    return record
