"""The integrity rule registry (patterns B01-B11). A rule returns the same `Flag`s and
`RuleOutput` as a procurement rule, so the finding shape and explanation templates are shared."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from adaldyq.engines.procurement.registry import Flag, RuleOutput
from adaldyq.model.rules import Registry, RuleParams

if TYPE_CHECKING:
    from adaldyq.engines.integrity.context import IntegrityContext

RuleFunction = Callable[["IntegrityContext", Any], RuleOutput]

INTEGRITY_RULES: Registry[RuleFunction] = Registry("integrity")
rule = INTEGRITY_RULES.rule

PROCUREMENT = "procurement"
"""A rule's `needs`: the procurement tables of a dataset (awards, bids, parties)."""
DECLARATIONS = "declarations"
"""A rule's `needs`: the canonical declaration tables of a dataset (B02 reads their securities)."""
DECLARATIONS_FINDINGS = "declarations findings"
"""A rule's `needs`: the declarations engine's findings in the workspace's store."""

__all__ = [
    "DECLARATIONS",
    "DECLARATIONS_FINDINGS",
    "INTEGRITY_RULES",
    "PROCUREMENT",
    "Flag",
    "RuleOutput",
    "RuleParams",
    "rule",
]
