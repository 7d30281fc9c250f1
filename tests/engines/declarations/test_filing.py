"""A21 on planted filings: days late counted from the profile's deadline (Ukraine: 31 March of
the next year, 30 October 2016 for 2015), corrections after a check started, look-alikes on
time, and the check part not run without the checks table."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from adaldyq.model.country import KAZAKHSTAN, UKRAINE
from tests.engines.declarations.population import declaration, screen


def filed(person: str, year: int, on: str, suffix: str = "", **fields: Any) -> dict[str, Any]:
    head = declaration(person, year) | {"submitted_on": on, **fields}
    return head | {"declaration_id": f"{person}-{year}{suffix}"}


POPULATION = [
    filed("late-2015", 2015, "2016-11-05"),  # due 2016-10-30: 6 days late
    filed("late-2016", 2016, "2017-04-03"),  # due 2017-03-31: 3 days late
    filed("on-time", 2016, "2017-03-31"),
    # Filed on time, corrected on 10 May 2017; a check started on 20 April: 20 days before.
    filed("fixed-after", 2016, "2017-02-01"),
    filed("fixed-after", 2016, "2017-05-10", "-c", corrected=True),
    # Corrected on 1 March, before the check of 20 April; a late correction of a timely filing.
    filed("fixed-before", 2016, "2017-02-01"),
    filed("fixed-before", 2016, "2017-04-15", "-c", corrected=True),
]
CHECKS = (
    "person_id,started_on,kind,reference\n"
    "fixed-after,2017-04-20,full check,NACP-1\n"
    "fixed-before,2017-04-20,full check,NACP-2\n"
    "on-time,2017-01-10,full check,NACP-3\n"
)


def test_deadlines_of_the_profiles() -> None:
    assert UKRAINE.declaration_deadline(2015) == date(2016, 10, 30)
    assert UKRAINE.declaration_deadline(2016) == date(2017, 3, 31)
    assert KAZAKHSTAN.declaration_deadline(2024) == date(2025, 9, 15)


@pytest.fixture(scope="module")
def flags(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict[str, Any]]:
    root = tmp_path_factory.mktemp("a21")
    _, rows = screen(root, POPULATION, {"checks": CHECKS}, declarations={"rules": ["A21"]})
    return {(r["subject_id"], r["evidence"]["variant"]): r for r in rows}


def test_late_filings(flags: dict[tuple[str, str], dict[str, Any]]) -> None:
    late = {key[0]: row for key, row in flags.items() if key[1] == "late"}
    assert sorted(late) == ["late-2015", "late-2016"]
    assert late["late-2015"]["value"] == 6
    assert late["late-2015"]["evidence"]["formula"] == (
        "first filed 2016-11-05 > due 2016-10-30: 6 days late"
    )
    assert late["late-2016"]["evidence"]["days_late"] == 3


def test_corrected_after_a_check(flags: dict[tuple[str, str], dict[str, Any]]) -> None:
    fixed = {key[0]: row for key, row in flags.items() if key[1] == "corrected_after_check"}
    assert sorted(fixed) == ["fixed-after"]
    evidence = fixed["fixed-after"]["evidence"]
    assert evidence["declaration_id"] == "fixed-after-2016-c"
    assert evidence["check"] == {"started_on": "2017-04-20", "kind": "full check",
                                 "reference": "NACP-1"}  # fmt: skip
    assert evidence["formula"] == (
        "filed 2017-02-01 < check started 2017-04-20 <= corrected 2017-05-10 "
        "(20 days after the check started)"
    )


def test_check_part_not_run_without_checks(tmp_path: Path) -> None:
    summary, rows = screen(tmp_path, POPULATION, declarations={"rules": ["A21"]})
    assert {r["evidence"]["variant"] for r in rows} == {"late"}
    reason = summary.result.not_run["A21 corrected after a check"]
    assert reason == "not run: no checks started on declarants (--checks) given"
