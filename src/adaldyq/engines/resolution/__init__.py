"""Entity resolution: the same person or company across registers (issue #5, INTEGRITY.md §3).

Exact links on valid IIN/BIN, then Splink (a Fellegi-Sunter model, DuckDB backend) on keys from
`adaldyq.model.identity`; every link keeps its match probability and the comparisons that decided
it, in words; connected components of the links are the resolved entities. `resolve_people` and
`resolve_companies` are the entry points; docs/entity_resolution.md describes the method.
"""

from adaldyq.engines.resolution.linking import Model, Training
from adaldyq.engines.resolution.resolve import (
    Options,
    Resolution,
    resolve_companies,
    resolve_people,
)

__all__ = ["Model", "Options", "Resolution", "Training", "resolve_companies", "resolve_people"]
