"""Unit conversion for declarations: currencies, areas, exchange rates, declared numbers, dates."""

# ruff: noqa: RUF001  (unit names in Ukrainian and Russian)

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from adaldyq.errors import InputError
from adaldyq.ingest.declaration_values import parse_date, parse_decimal, parse_flag, parse_year
from adaldyq.ingest.rate_table import read_exchange_rates
from adaldyq.model.areas import area_unit, to_square_metres
from adaldyq.model.currencies import normalise_currency


@pytest.mark.parametrize(
    ("declared", "code"),
    [("UAH", "UAH"), ("usd", "USD"), (" EUR ", "EUR"), ("грн", "UAH"), ("Долар США", "USD"),
     ("€", "EUR"), ("тенге", "KZT"), ("BYR", "BYR")],
)  # fmt: skip
def test_currencies_normalise_to_iso_4217(declared: str, code: str) -> None:
    assert normalise_currency(declared) == code


@pytest.mark.parametrize("declared", ["XYZ", "dollars", "", "[Конфіденційна інформація]"])
def test_unknown_currency_is_an_error_naming_it(declared: str) -> None:
    with pytest.raises(ValueError, match="unknown currency"):
        normalise_currency(declared)


def test_areas_convert_to_square_metres() -> None:
    assert to_square_metres(949.3, "m2") == 949.3
    assert to_square_metres(0.25, "га") == 2500.0
    assert to_square_metres(6, "соток") == 600.0
    assert area_unit("кв.м") == "m2"
    with pytest.raises(ValueError, match="unknown area unit 'acre'"):
        to_square_metres(1, "acre")


@pytest.mark.parametrize(
    ("declared", "value"),
    [("1 234,56", 1234.56), ("949,30", 949.3), ("0.25", 0.25), ("100", 100.0), (70633, 70633.0),
     ("1\u00a0000", 1000.0)],
)  # fmt: skip
def test_declared_numbers(declared: object, value: float) -> None:
    assert parse_decimal(declared) == pytest.approx(value)


@pytest.mark.parametrize("declared", ["12,3,4", "n/a", True, None, "1e400"])
def test_bad_numbers_say_what_they_got(declared: object) -> None:
    with pytest.raises(ValueError, match="number"):
        parse_decimal(declared)


def test_dates_in_nacp_and_iso_forms() -> None:
    assert parse_date("31.12.2015") == date(2015, 12, 31)
    assert parse_date("2015-12-31") == date(2015, 12, 31)
    assert parse_date("2016-09-14T00:00:00") == date(2016, 9, 14)
    with pytest.raises(ValueError, match="not a date"):
        parse_date("31/12/2015")
    with pytest.raises(ValueError, match="not a date"):
        parse_date("30.02.2015")
    assert parse_year("2015") == 2015
    with pytest.raises(ValueError, match="four-digit year"):
        parse_year("15")
    assert parse_flag("true") is True
    assert parse_flag("0") is False


def _rates(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rates.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_money_converts_only_through_the_rate_table(tmp_path: Path) -> None:
    # NBU official rates of 31 Dec 2015 and 2016 (UAH per unit)
    path = _rates(
        tmp_path,
        'date,currency,rate\n31.12.2015,USD,"24,000667"\n2016-12-31,USD,27.190858\n'
        "2015-12-31,EUR,26.223129\n",
    )
    rates = read_exchange_rates(path, "UAH")
    year_end = rates.convert(205_240, "USD", date(2015, 12, 31))
    assert year_end.amount == pytest.approx(4_925_896.89, abs=0.01)
    assert year_end.rate is not None and year_end.rate.day == date(2015, 12, 31)
    # a day without its own rate takes the latest one before it, and says which
    assert rates.rate("USD", date(2016, 6, 30)).day == date(2015, 12, 31)
    assert rates.convert(100, "UAH", date(2015, 1, 1)).rate is None
    with pytest.raises(InputError, match=r"no GBP rate to UAH on or before 2015-12-31"):
        rates.convert(1, "GBP", date(2015, 12, 31))
    with pytest.raises(InputError, match="no USD rate to UAH on or before 2014-12-31"):
        rates.convert(1, "USD", date(2014, 12, 31))


def test_bad_rate_tables_name_file_line_and_column(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"rates.csv: line 3: currency: unknown currency 'XYZ'"):
        read_exchange_rates(
            _rates(tmp_path, "date,currency,rate\n2015-12-31,USD,24\n2015-12-31,XYZ,1\n"), "UAH"
        )
    with pytest.raises(InputError, match=r"line 2: rate: must be greater than 0"):
        read_exchange_rates(_rates(tmp_path, "date,currency,rate\n2015-12-31,USD,0\n"), "UAH")
    with pytest.raises(InputError, match="USD has two rates for 2015-12-31"):
        read_exchange_rates(
            _rates(tmp_path, "date,currency,rate\n2015-12-31,USD,24\n31.12.2015,USD,25\n"), "UAH"
        )
