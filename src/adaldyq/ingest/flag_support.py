"""Which of OCP's red flags (R001-R073) a dataset can support, judged from its field coverage.

A rule is only as good as the fields a publisher fills: Cardinal's bid-based flags are supported
by two registry datasets at most (PROCUREMENT.md §1). Before trusting a silent rule, ask whether
the data could have raised it at all. OCP's catalogue (`catalogue/indicators.json`, shipped in the
package) lists, for every flag, the fields it needs as a tree of `all`, `any` and `ref` nodes over
paths without array markers (`awards/suppliers/id`). A field is present when its coverage count
is above zero, wherever in the arrays it sits.

This module stays in the ingest layer and does not read the rule registry (engines and ingest
are independent layers); the caller passes which OCP codes Adaldyq implements, e.g. from
`adaldyq.engines.procurement.ocp_support.implemented_ocp_codes()`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import orjson

RED_FLAG_PREFIX = "R"


@dataclass(frozen=True, slots=True)
class FlagSupport:
    """Whether a dataset has the fields one red flag needs, and who computes it here.

    `missing` is empty when supported; otherwise the fields to add, taking for each `any` the
    alternative that lacks the fewest fields (the cheapest way to support the flag).
    """

    code: str
    name: str
    supported: bool
    missing: tuple[str, ...]
    implemented_by: tuple[str, ...] = ()

    @property
    def implemented(self) -> bool:
        return bool(self.implemented_by)


@cache
def load_catalogue() -> dict[str, Any]:
    """OCP's catalogue as shipped in the package: `{"rules": {...}, "indicators": {...}}`."""
    data: dict[str, Any] = orjson.loads(
        files("adaldyq.ingest").joinpath("catalogue", "indicators.json").read_bytes()
    )
    return data


def present_fields(counts: Mapping[str, int]) -> frozenset[str]:
    """Catalogue-style field paths of a coverage result: `/a[]/b[]/c` and `/a[]/b[]/` are `a/b/c`
    and `a/b`; only paths counted at least once."""
    return frozenset(
        path.replace("[]", "").strip("/") for path, count in counts.items() if count > 0
    )


def flag_support(
    counts: Mapping[str, int],
    implemented: Mapping[str, Sequence[str]] | None = None,
    catalogue: Mapping[str, Any] | None = None,
) -> list[FlagSupport]:
    """Support of every red flag (R-codes, in code order) given coverage `counts`.

    `implemented` maps an OCP code to the Adaldyq rule codes that compute it.
    """
    catalogue = catalogue if catalogue is not None else load_catalogue()
    implemented = implemented or {}
    present = present_fields(counts)
    shared: Mapping[str, Any] = catalogue["rules"]
    result = []
    for code, indicator in sorted(catalogue["indicators"].items()):
        if not code.startswith(RED_FLAG_PREFIX):
            continue
        missing = _missing(indicator["rule"], shared, present)
        result.append(
            FlagSupport(
                code=code,
                name=indicator["name"],
                supported=not missing,
                missing=missing,
                implemented_by=tuple(sorted(implemented.get(code, ()))),
            )
        )
    return result


def _missing(node: Any, shared: Mapping[str, Any], present: frozenset[str]) -> tuple[str, ...]:
    """The fields a rule tree lacks; empty when it is satisfied."""
    if isinstance(node, str):
        return () if node in present else (node,)
    if "ref" in node:
        return _missing(shared[node["ref"]], shared, present)
    if "all" in node:
        lacking: dict[str, None] = {}  # ordered, without repeats
        for child in node["all"]:
            lacking.update(dict.fromkeys(_missing(child, shared, present)))
        return tuple(lacking)
    if "any" in node:
        options = [_missing(child, shared, present) for child in node["any"]]
        return min(options, key=len)
    raise ValueError(f"catalogue rule node has no all, any or ref: {node!r}")
