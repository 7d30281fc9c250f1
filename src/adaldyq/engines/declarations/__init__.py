"""The declarations screening engine: red-flag rules over the canonical declaration tables.

Rules run on the backend (DuckDB by default) over one dataset's declaration tables. What several
rules share, the family unit's money per declaration in one base currency, is built once in
`money.py`; `scope.py` says which declarations are screened; `runner.py` turns each rule's flags
into findings about the declarant (`SubjectType.PERSON`), and `ranking.py` sums them per person.
"""

from adaldyq.engines.declarations.runner import ENGINE, ScreenResult, screen

__all__ = ["ENGINE", "ScreenResult", "screen"]
