"""R017 golden test: unit prices against their class fence and a reference price list.

Class CPV A per " Srv " (unit "srv": spaces dropped, lower-cased, and the final "v" kept on Spark
too) in KZT has 11 prices: 10..18 (award items), 19 (tender item, the fallback
of a process without award or contract prices) and 100 (a contract item; the award item of the
same process, 1000, is not counted because the contract stage wins). Type-8 quartiles 12.1667 and
17.8333, median 15, fence Q3 + 3 x IQR = 34.8333: only 100 is out of line. Class B has too few
prices for a fence; the reference list caps it at 50.
"""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.helpers import run_rule
from tests.engines.procurement.value_releases import award, contract, item, release

REFERENCE = """classification_scheme,classification_id,unit,currency,price,source
CPV,B,piece,KZT,50,Price guide 2020
"""


def _a(price: float) -> dict[str, object]:
    return item("A", price, unit=" Srv ")


def _releases() -> list[dict[str, object]]:
    releases = [
        release(f"a{price}", awards=[award("a", price, items=[_a(price)])])
        for price in range(10, 19)
    ]
    releases += [
        release("a-high", awards=[award("a", 1000, items=[_a(1000)])],
                contracts=[contract("c", "a", 100, items=[_a(100)])]),
        release("tender-only", tender_items=[_a(19)]),
        release("other-unit", awards=[award("a", 500, items=[item("A", 500, unit="kg")])]),
        release("ref-b", awards=[award("a", 60, items=[item("B", 40), item("B", 60)])]),
        release("ref-b-ok", awards=[award("a", 40, items=[item("B", 40)])]),
    ]  # fmt: skip
    return releases


CLASS_A = {
    "item_scope": "contract", "item_index": 0, "item_id": "A", "description": None,
    "classification_scheme": "CPV", "classification_id": "A", "unit": "srv", "currency": "KZT",
    "unit_price": 100.0, "n": 11, "q1": 12.166666667, "median": 15.0, "q3": 17.833333333,
    "upper_fence": 34.833333333, "reference_unit_price": None, "reference_source": None,
    "excess_ratio": 6.666666667, "compared_with": "class median", "matches": 1,
}  # fmt: skip


def test_unit_price_out_of_line(backend: Backend, tmp_path: Path) -> None:
    prices = tmp_path / "reference.csv"
    prices.write_text(REFERENCE, encoding="utf-8")
    findings = run_rule(backend, tmp_path, _releases(), "R017", {"reference_prices": str(prices)})
    assert [(f.subject_id, f.value, f.evidence) for f in findings] == [
        ("a-high", 6.666666667, CLASS_A),
        ("ref-b", 1.2, {
            **CLASS_A, "item_scope": "award", "item_index": 1, "item_id": "B",
            "classification_id": "B", "unit": "piece", "unit_price": 60.0, "n": None,
            "q1": None, "median": None, "q3": None, "upper_fence": None,
            "reference_unit_price": 50.0, "reference_source": "Price guide 2020",
            "excess_ratio": 1.2, "compared_with": "reference price",
        }),
    ]  # fmt: skip
    assert findings[0].explanation == (
        "Unit price 100.0 KZT per srv for CPV A is 6.666666667 times the class median (class "
        "of 11 prices: median 15.0, fence 34.833333333; reference None)."
    )


def test_class_fence_needs_enough_prices(backend: Backend, tmp_path: Path) -> None:
    findings = run_rule(backend, tmp_path, _releases(), "R017", {"minimum_observations": 12})
    assert findings == []
