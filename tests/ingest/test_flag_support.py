"""Red-flag support from coverage, checked against what the real samples hold.

Expected values were read off the data by hand (see the README table in
`data/ocds/real-2018-sample-data/` and the coverage counts): Armenia has bids with ids, amounts,
currencies, statuses, dates and tenderer ids, and award suppliers with ids; Ukraine's bid tenderers
carry an identifier but no `id`, and its awards neither `relatedBid` nor supplier ids; Moldova has
no bids at all but lists `tender/tenderers[]/id` in all 51 processes.
"""

from __future__ import annotations

import pytest

from adaldyq.engines.procurement.ocp_support import implemented_ocp_codes
from adaldyq.ingest.coverage import coverage
from adaldyq.ingest.flag_support import (
    FlagSupport,
    flag_support,
    load_catalogue,
    present_fields,
)
from tests.conftest import OCDS, REAL_OCDS

BID_FLAGS = ("R024", "R028", "R030", "R036")


def _support(name: str) -> dict[str, FlagSupport]:
    counts = coverage(REAL_OCDS / f"{name}.jsonl")
    return {f.code: f for f in flag_support(counts, implemented_ocp_codes())}


def test_shipped_catalogue_is_the_shared_one() -> None:
    import orjson

    shared = orjson.loads((OCDS / "catalogue" / "indicators.json").read_bytes())
    assert load_catalogue() == shared


def test_every_red_flag_is_judged_and_only_red_flags() -> None:
    codes = [f.code for f in flag_support({})]
    assert codes == [f"R{n:03d}" for n in range(1, 74)]
    assert not any(f.supported for f in flag_support({}))


def test_coverage_paths_become_catalogue_fields() -> None:
    counts = {"": 3, "/": 3, "/a[]/b[]/": 2, "/a[]/b[]/c": 1, "/x": 0}
    assert present_fields(counts) == {"", "a/b", "a/b/c"}


def test_armenia_supports_the_bid_based_flags() -> None:
    support = _support("armenia")
    for code in ("R003", "R018", *BID_FLAGS):
        assert support[code].supported, code
        assert support[code].missing == ()


def test_ukraine_lacks_tenderer_ids_and_related_bids() -> None:
    support = _support("ukraine")
    assert support["R028"].missing == ("bids/details/tenderers/id",)
    # WINNING_BID_RULE: `awards/relatedBid`, or tenderer ids and supplier ids (both absent).
    assert support["R030"].missing == ("awards/relatedBid",)
    assert support["R024"].missing == ("awards/relatedBid",)
    assert support["R036"].supported  # awardCriteria and bid id, amount, currency, status exist
    assert support["R003"].supported


def test_moldova_has_no_bids_but_counts_tenderers() -> None:
    support = _support("moldova")
    assert support["R028"].missing == (
        "bids/details/id",
        "bids/details/value/amount",
        "bids/details/value/currency",
        "bids/details/tenderers/id",
    )
    assert not any(support[code].supported for code in BID_FLAGS)
    assert support["R018"].supported  # through tender/tenderers/id
    assert support["R003"].supported


def test_registered_rules_are_marked_as_implemented() -> None:
    support = _support("armenia")
    assert support["R018"].implemented_by == ("R018",)
    assert support["R018"].implemented
    assert not support["R001"].implemented  # planning documents: no rule computes it


@pytest.mark.parametrize(
    ("present", "missing"),
    [
        ({"a", "b"}, ()),
        ({"a"}, ("b",)),
        ({"c", "d"}, ("e",)),  # the second alternative lacks fewer fields
        (set(), ("a", "b")),
        ({"c"}, ("a", "b")),  # a tie: the first alternative
    ],
)
def test_any_reports_the_alternative_missing_fewest_fields(
    present: set[str], missing: tuple[str, ...]
) -> None:
    catalogue = {
        "rules": {"EITHER": {"any": [{"all": ["a", "b"]}, {"all": ["c", "d", "e"]}]}},
        "indicators": {"R999": {"name": "test", "rule": {"all": [{"ref": "EITHER"}]}}},
    }
    (result,) = flag_support({f"/{field}": 1 for field in present}, catalogue=catalogue)
    assert result.missing == missing
    assert result.supported is (missing == ())
