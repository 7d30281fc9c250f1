"""Legal drafts engine: anti-corruption expertise of draft legal acts (issue 3).

`parse_act` splits an act, or a single provision, into units with locators and offsets; the
factor rules work on those units.
"""

from adaldyq.engines.legal_drafts.structure import parse_act

__all__ = ["parse_act"]
