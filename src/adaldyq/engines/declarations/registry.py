"""The declarations rule registry. A rule returns the same `Flag`s and `RuleOutput` as a
procurement rule, so the finding shape and the explanation templates are shared, not copied."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from adaldyq.engines.procurement.registry import Flag, RuleOutput
from adaldyq.model.rules import Registry, RuleParams

if TYPE_CHECKING:
    from adaldyq.engines.declarations.context import ScreenContext

RuleFunction = Callable[["ScreenContext", Any], RuleOutput]

DECLARATION_RULES: Registry[RuleFunction] = Registry("declarations")
rule = DECLARATION_RULES.rule

__all__ = ["DECLARATION_RULES", "Flag", "RuleOutput", "RuleParams", "rule"]
