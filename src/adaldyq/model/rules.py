"""Rule metadata and the registry every engine uses.

One rule = one code, one small function, one doc page (`docs/rules/CODE.md`), one golden test. The
metadata here is what the audit list, the docs check and the web pages read; the function lives
in the engine. Parameters are a pydantic model with `extra="forbid"`, so a misspelt setting is an
error, as in Cardinal's `deny_unknown_fields`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from adaldyq.errors import ConfigError


class RuleParams(BaseModel):
    """Base of every rule's parameters: frozen, unknown keys rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class RuleMeta:
    """What a rule is: code, name, what it flags, where it comes from, how to explain it.

    `explain` is a format string over the finding's evidence keys, e.g.
    "Only {tenderers} tenderer took part".
    """

    code: str
    name: str
    subjects: tuple[str, ...]
    family: str
    explain: str
    version: str = "1"
    params: type[RuleParams] = RuleParams
    ocp_codes: tuple[str, ...] = ()
    weight: float = 1.0
    price_comparison: bool = False
    needs: tuple[str, ...] = ()
    """Optional inputs the rule cannot run without (declarations: `prices`, `registers`)."""

    def parse_params(self, values: dict[str, Any]) -> RuleParams:
        """Validated parameters; a ConfigError names the rule and the key."""
        try:
            return self.params(**values)
        except ValidationError as exc:
            first = exc.errors()[0]
            key = ".".join(str(p) for p in first["loc"])
            raise ConfigError(f"rule {self.code}: parameter {key}: {first['msg']}") from None


R = TypeVar("R")


@dataclass
class Registry(Generic[R]):
    """Rules of one engine by code; `rule` is the decorator that fills it."""

    engine: str
    rules: dict[str, tuple[RuleMeta, R]] = field(default_factory=dict)

    def rule(self, meta: RuleMeta) -> Callable[[R], R]:
        def register(function: R) -> R:
            if meta.code in self.rules:
                raise ConfigError(f"rule {meta.code} registered twice in {self.engine}")
            self.rules[meta.code] = (meta, function)
            return function

        return register

    def select(self, codes: list[str] | None) -> Iterator[tuple[RuleMeta, R]]:
        """The rules named (all when None), in code order; unknown codes are a ConfigError."""
        if codes is None:
            chosen = sorted(self.rules)
        else:
            unknown = sorted(set(codes) - set(self.rules))
            if unknown:
                raise ConfigError(f"unknown {self.engine} rule(s): {', '.join(unknown)}")
            chosen = sorted(set(codes))
        for code in chosen:
            yield self.rules[code]
