"""Statistics (WB-17): reports by channel, type, region and status as of a day (the status
from the history), small cells shown as "<N" with a partner cell hidden when one would give
it away, and the CSV export of what is shown."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import time_machine
from sqlalchemy.orm import Session

from adaldyq.cases import followup, intake, stats
from adaldyq.cases.crypto import KdfParams
from adaldyq.cases.models import Channel, ReportStatus
from adaldyq.settings import CasesSettings
from tests.cases.conftest import Staff

# channel, type, region for 16 reports: web 12 / phone 4; Almaty 10 / Astana 5 / Shymkent 1
REPORTS = (
    [(Channel.WEB, "bribery", "Almaty")] * 8
    + [(Channel.WEB, "fraud", "Almaty")] * 2
    + [(Channel.WEB, "fraud", "Astana")] * 2
    + [(Channel.PHONE, "fraud", "Astana")] * 3
    + [(Channel.PHONE, "fraud", "Shymkent")]
)


def _shown(figures: stats.Statistics) -> dict[tuple[str, str], str]:
    return {(cell.dimension, cell.value): cell.shown for cell in figures.cells}


def test_wb_17_counts_by_dimension_with_small_cells_suppressed(
    session: Session, staff: dict[str, Staff], kdf: KdfParams, tmp_path: Path
) -> None:
    alma = staff["alma"].user
    with time_machine.travel(datetime(2026, 1, 5, 9, tzinfo=UTC), tick=False):
        reports = [
            intake.submit(session, "t", channel, kind, [alma], kdf, region=region).report
            for channel, kind, region in REPORTS
        ]
    with time_machine.travel(datetime(2026, 1, 8, 9, tzinfo=UTC), tick=False):
        for report in reports[:10]:
            followup.move_report(session, report, ReportStatus.ACKNOWLEDGED, alma, CasesSettings())
    with time_machine.travel(datetime(2026, 1, 15, 9, tzinfo=UTC), tick=False):
        for report in reports[:5]:
            followup.record_feedback(session, report, alma)
    session.commit()

    assert stats.compute(session, date(2026, 1, 4), 5).total.shown == "0"
    figures = stats.compute(session, date(2026, 1, 8), 5)
    assert (figures.total.count, figures.total.shown) == (16, "16")
    assert _shown(figures) == {
        ("channel", "phone"): "<5",
        ("channel", "web"): ">=5",  # with the total, it would give phone's 4 away
        ("type", "bribery"): "8",
        ("type", "fraud"): "8",
        ("region", "Almaty"): "10",
        ("region", "Astana"): ">=5",
        ("region", "Shymkent"): "<5",
        ("status", "acknowledged"): "10",
        ("status", "received"): "6",
    }
    assert figures.median_days_to_acknowledge == 3.0
    assert figures.median_days_to_feedback is None  # none given by the 8th
    assert stats.compute(session, date(2026, 1, 15), 5).median_days_to_feedback == 10.0
    assert figures.overdue_acknowledgements == 0

    before = stats.compute(session, date(2026, 1, 7), 5)  # the status as of that day
    assert _shown(before)[("status", "received")] == "16"
    assert ("status", "acknowledged") not in _shown(before)
    late = stats.compute(session, date(2026, 1, 12), 5)
    assert late.overdue_acknowledgements == 6  # due on the 12th at 09:00

    strict = stats.compute(session, date(2026, 1, 8), 20)
    assert strict.total.shown == "<20"
    assert strict.median_days_to_acknowledge is None

    path = tmp_path / "out" / "stats.csv"
    stats.write_csv(figures, path)
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {
        "section": "reports",
        "group": "channel=phone",
        "measure": "count",
        "value": "<5",
    } in rows
    assert {"section": "reports", "group": "all", "measure": "count", "value": "16"} in rows
    assert "4" not in {row["value"] for row in rows if row["measure"] == "count"}
    assert Counter(row["section"] for row in rows)["recommendations"] == 10  # no body yet


def test_a_lone_small_cell_hides_its_smallest_partner_only() -> None:
    cells = stats.suppress("region", Counter({"a": 3, "b": 7, "c": 9}), 5)
    assert [(cell.value, cell.shown) for cell in cells] == [("a", "<5"), ("b", ">=5"), ("c", "9")]
    two = stats.suppress("region", Counter({"a": 3, "b": 2, "c": 9}), 5)
    assert [cell.shown for cell in two] == ["<5", "<5", "9"]  # two hidden cells hide each other
    alone = stats.suppress("region", Counter({"a": 3}), 5)
    assert [cell.shown for cell in alone] == ["<5"]
