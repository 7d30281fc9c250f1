"""Statistics of the channel and of the recommendations (WB-17, Directive Art. 27): reports by
channel, type, region and status as of any day, the time to acknowledge and to give feedback,
the overdue deadlines, and recommendation rates by body; exportable to CSV.

A small count could point at a reporter (the only report of a region this month), so a count
below `cases.small_cell_threshold` is shown as "<N". When a dimension has exactly one such
cell, its total would give it away, so the next smallest cell of the dimension is hidden too
(shown as ">=N"). Reports purged by retention are still counted: their rows stay, anonymised,
for this. Recommendation rates are about public bodies, not reporters, and are not suppressed.
"""

from __future__ import annotations

import csv
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import and_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from adaldyq.cases import followup, history, recommendations
from adaldyq.cases.models import Report, ReportStatus, ReportStatusChange
from adaldyq.cases.recommendations import Rates
from adaldyq.cases.workflow import end_of

DIMENSIONS = ("channel", "type", "region", "status")
UNKNOWN = "(none)"


@dataclass(frozen=True)
class Cell:
    """One count of a dimension: the exact count (never exported) and what may be shown."""

    dimension: str
    value: str
    count: int
    shown: str


@dataclass(frozen=True)
class Statistics:
    """Everything `adaldyq cases stats` shows for a day."""

    as_of: date
    total: Cell
    cells: list[Cell]
    median_days_to_acknowledge: float | None
    median_days_to_feedback: float | None
    overdue_acknowledgements: int
    overdue_feedback: int
    recommendations: Rates
    by_body: list[Rates]

    def rows(self) -> list[tuple[str, str, str, str]]:
        """The figures in long form (section, group, measure, value), as shown, for CSV."""
        out = [("reports", "all", "count", self.total.shown)]
        out += [("reports", f"{c.dimension}={c.value}", "count", c.shown) for c in self.cells]
        for measure, median in (
            ("median_days_to_acknowledge", self.median_days_to_acknowledge),
            ("median_days_to_feedback", self.median_days_to_feedback),
        ):
            out.append(("reports", "all", measure, _number(median)))
        out.append(
            ("reports", "all", "overdue_acknowledgements", str(self.overdue_acknowledgements))
        )
        out.append(("reports", "all", "overdue_feedback", str(self.overdue_feedback)))
        for rates in [self.recommendations, *self.by_body]:
            group = "all" if rates.group is None else f"body={rates.group}"
            out += [
                ("recommendations", group, measure, value) for measure, value in _rate_rows(rates)
            ]
        return out


def compute(session: Session, as_of: date, threshold: int) -> Statistics:
    """The statistics as of the end of `as_of`, small cells suppressed below `threshold`."""
    reports = _reports(session, as_of)
    counters: dict[str, Counter[str]] = {name: Counter() for name in DIMENSIONS}
    for channel, report_type, region, status in reports:
        for name, value in zip(DIMENSIONS, (channel, report_type, region, status), strict=True):
            counters[name][value or UNKNOWN] += 1
    cells = [cell for name in DIMENSIONS for cell in suppress(name, counters[name], threshold)]
    late = followup.overdue(session, as_of)
    overall, by_body = recommendations.rates(session, as_of)
    return Statistics(
        as_of=as_of,
        total=_cell("total", "all", len(reports), threshold),
        cells=cells,
        median_days_to_acknowledge=_median_days(
            session, as_of, Report.acknowledged_at, len(reports), threshold
        ),
        median_days_to_feedback=_median_days(
            session, as_of, Report.feedback_sent_at, len(reports), threshold
        ),
        overdue_acknowledgements=sum(item.deadline == "acknowledgement" for item in late),
        overdue_feedback=sum(item.deadline == "feedback" for item in late),
        recommendations=overall,
        by_body=by_body,
    )


def suppress(dimension: str, counts: Counter[str], threshold: int) -> list[Cell]:
    """The cells of a dimension, in order of value, with small counts hidden; a lone hidden
    cell takes the next smallest one with it (complementary suppression)."""
    cells = {value: _cell(dimension, value, count, threshold) for value, count in counts.items()}
    hidden = [value for value, cell in cells.items() if cell.count < threshold]
    if len(hidden) == 1 and len(cells) > 1:
        partner = min((v for v in cells if v not in hidden), key=lambda v: (cells[v].count, v))
        cells[partner] = Cell(dimension, partner, counts[partner], f">={threshold}")
    return [cells[value] for value in sorted(cells)]


def write_csv(stats: Statistics, path: Path) -> None:
    """The shown figures as CSV (section, group, measure, value); exact small counts never
    leave the database."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["section", "group", "measure", "value"])
        writer.writerows(stats.rows())


def _reports(session: Session, as_of: date) -> list[tuple[str, str, str | None, str]]:
    """Channel, type, region and status on that day of every report received by then."""
    moment = end_of(as_of)
    ranked = history.latest(
        ReportStatusChange.report_id,
        [ReportStatusChange.to_status],
        [ReportStatusChange.changed_at, ReportStatusChange.id],
        ReportStatusChange.changed_at < moment,
    )
    query = (
        select(Report.channel, Report.report_type, Report.region, ranked.c.to_status)
        .join(ranked, and_(ranked.c.report_id == Report.id, ranked.c.rank == 1))
        .where(Report.received_at < moment)
    )
    return [
        (channel.value, report_type, region, ReportStatus(status).value)
        for channel, report_type, region, status in session.execute(query)
    ]


def _median_days(
    session: Session,
    as_of: date,
    done: InstrumentedAttribute[datetime | None],
    total: int,
    threshold: int,
) -> float | None:
    """Median days from receipt to `done` (acknowledgement, feedback) of the reports done by
    the end of `as_of`; withheld when the reports are few (it would tell about each)."""
    if total < threshold:
        return None
    query = select(Report.received_at, done).where(done < end_of(as_of))
    days = [
        (finished - received).total_seconds() / 86400
        for received, finished in session.execute(query)
        if finished is not None
    ]
    return round(statistics.median(days), 1) if days else None


def _cell(dimension: str, value: str, count: int, threshold: int) -> Cell:
    return Cell(dimension, value, count, f"<{threshold}" if 0 < count < threshold else str(count))


def _rate_rows(rates: Rates) -> list[tuple[str, str]]:
    return [
        ("bodies", str(rates.bodies)),
        ("recommendations", str(rates.recommendations)),
        ("implemented", str(rates.implemented)),
        ("partly", str(rates.partly)),
        ("not_implemented", str(rates.not_implemented)),
        ("no_longer_relevant", str(rates.no_longer_relevant)),
        ("unverified", str(rates.unverified)),
        ("overdue", str(rates.overdue)),
        ("implementation_rate", _number(rates.implementation_rate)),
        ("median_days_to_implement", _number(rates.median_days_to_implement)),
    ]


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4g}"
