"""Legal drafts engine: anti-corruption expertise of draft legal acts (issue 3).

`parse_act` splits an act, or a single provision, into units with locators and offsets;
`check_text` / `check_act` run the factor checks F01-F17 (`FACTORS`) on its provisions.
"""

from adaldyq.engines.legal_drafts.check import check_act, check_text
from adaldyq.engines.legal_drafts.structure import parse_act
from adaldyq.engines.legal_drafts.taxonomy import FACTORS, FactorInfo

__all__ = ["FACTORS", "FactorInfo", "check_act", "check_text", "parse_act"]
