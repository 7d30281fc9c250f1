"""Almaty local times become RFC 3339 through the tz database, across the 2024 offset change."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adaldyq.ingest.goszakup.almaty import ALMATY, latest, local_time
from adaldyq.ingest.goszakup.fields import FieldError


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-02-28 18:00:00", "2024-02-28T18:00:00+06:00"),  # before 1 March 2024: UTC+6
        ("2024-03-01 00:30:00", "2024-03-01T00:30:00+05:00"),  # after the change: UTC+5
        ("2024-12-27 17:30:00", "2024-12-27T17:30:00+05:00"),
        ("1995-08-20 00:00:00", "1995-08-20T00:00:00+07:00"),  # summer time of the 1990s
        ("2024-02-29 23:30:00", "2024-02-29T23:30:00+06:00"),  # the repeated hour: first reading
        ("2024-01-15", "2024-01-15T00:00:00+06:00"),
        ("2025-01-01T09:00:00Z", "2025-01-01T09:00:00+00:00"),  # an explicit offset is kept
    ],
)
def test_local_times_take_the_offset_of_their_day(raw: str, expected: str) -> None:
    assert local_time({"d": raw}, "d") == expected


def test_missing_is_none_and_garbage_names_the_field() -> None:
    assert local_time({"d": None}, "d") is None
    assert local_time({"d": " "}, "d") is None
    with pytest.raises(FieldError) as caught:
        local_time({"sign_date": "2024-13-05 10:00:00"}, "sign_date")
    assert caught.value.field == "sign_date"


def test_latest_compares_instants_not_strings() -> None:
    # 00:30 at +06:00 is 18:30 UTC the day before; 23:00 at +00:00 is later.
    assert latest(["2024-02-01T00:30:00+06:00", "2024-01-31T23:00:00+00:00", None]) == (
        "2024-01-31T23:00:00+00:00"
    )
    assert latest([None]) is None


@given(st.datetimes(min_value=datetime(2005, 1, 1), max_value=datetime(2035, 12, 31)))
def test_every_local_time_names_the_same_wall_clock_in_almaty(moment: datetime) -> None:
    """From 2005 (no more summer time) Almaty's clocks never skipped an hour, only repeated one
    (1 March 2024), so every wall-clock time exists and reads back unchanged."""
    naive = moment.replace(microsecond=0)
    converted = datetime.fromisoformat(str(local_time({"d": str(naive)}, "d")))
    assert converted.utcoffset() is not None
    assert converted.astimezone(ALMATY).replace(tzinfo=None) == naive
    expected = "+05:00" if naive >= datetime(2024, 3, 1) else None
    if expected is not None:
        assert converted.isoformat().endswith(expected)
