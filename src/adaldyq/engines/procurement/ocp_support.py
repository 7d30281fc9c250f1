"""Which of OCP's red-flag codes the registered procurement rules compute.

The ingest layer judges which flags a dataset's fields could support; only the engine knows which
flags Adaldyq computes. Joining the two tells a user both "your data cannot support R024" and "we
compute R024, but your data gives it nothing to find".
"""

from __future__ import annotations

from collections import defaultdict

from adaldyq.engines.procurement.registry import PROCUREMENT_RULES
from adaldyq.engines.procurement.rules import load_all


def implemented_ocp_codes() -> dict[str, tuple[str, ...]]:
    """OCP code -> the Adaldyq rule codes covering it (`RuleMeta.ocp_codes`), both sorted."""
    load_all()
    covering: dict[str, set[str]] = defaultdict(set)
    for meta, _ in PROCUREMENT_RULES.select(None):
        for ocp_code in meta.ocp_codes:
            covering[ocp_code].add(meta.code)
    return {code: tuple(sorted(rules)) for code, rules in sorted(covering.items())}
