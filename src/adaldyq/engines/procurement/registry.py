"""The procurement rule registry and the types a rule function deals in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from adaldyq.model.rules import Registry, RuleParams

if TYPE_CHECKING:
    from adaldyq.engines.procurement.context import RuleContext


@dataclass(frozen=True, slots=True)
class Flag:
    """A candidate finding, before the runner adds run, rule and explanation."""

    subject_type: str
    subject_id: str
    value: float | None
    score: float
    evidence: dict[str, Any]
    ocid: str | None = None


@dataclass
class RuleOutput:
    """What a rule returns: its flags and the parameters it actually used (fences, quartiles)."""

    flags: list[Flag] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


RuleFunction = Callable[["RuleContext", Any], RuleOutput]

PROCUREMENT_RULES: Registry[RuleFunction] = Registry("procurement")
rule = PROCUREMENT_RULES.rule

__all__ = ["PROCUREMENT_RULES", "Flag", "RuleOutput", "RuleParams", "rule"]
