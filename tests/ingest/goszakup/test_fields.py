"""Raw field reads take the API's quirks (numbers as strings, 0/1 flags, empty strings) and
reject anything else with the field's name."""

from __future__ import annotations

import pytest

from adaldyq.ingest.goszakup.fields import FieldError, flag, id_list, integer, number, objects
from adaldyq.ingest.goszakup.raw import snake_keys


def test_numbers_as_strings_and_as_numbers_agree() -> None:
    assert number({"x": "185000000.00"}, "x") == 185000000.0
    assert number({"x": 24000000}, "x") == 24000000.0
    assert number({"x": "1 500"}, "x") == 1500.0
    assert number({"x": ""}, "x") is None
    assert integer({"x": "400"}, "x") == 400


@pytest.mark.parametrize("bad", ["двадцать", True, "nan", [1], "1.5"])
def test_bad_numbers_name_the_field(bad: object) -> None:
    with pytest.raises(FieldError) as caught:
        integer({"price": bad}, "price")
    assert caught.value.field == "price"


def test_flags_lists_and_objects() -> None:
    assert flag({"f": 1}, "f") is True
    assert flag({"f": "0"}, "f") is False
    assert flag({"f": None}, "f") is None
    with pytest.raises(FieldError):
        flag({"f": 2}, "f")
    assert id_list({"point_list": None}, "point_list") == []
    assert id_list({"point_list": [5101, "5102"]}, "point_list") == [5101, 5102]
    assert objects({"plan_acts": {"a": 1}}, "plan_acts") == [{"a": 1}]
    with pytest.raises(FieldError):
        objects({"plans_kato": "x"}, "plans_kato")


def test_graphql_names_become_rest_names() -> None:
    record = {
        "supplierBinIin": "1",
        "AppLots": [{"discountPrice": 1, "RefAppStatus": {"nameRu": "x"}}],
    }
    assert snake_keys(record) == {
        "supplier_bin_iin": "1",
        "app_lots": [{"discount_price": 1, "ref_app_status": {"name_ru": "x"}}],
    }
