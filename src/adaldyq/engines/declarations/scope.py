"""Which declarations are screened: the latest annual declaration of each person and year.

The ratio rules compare a year's income with what the family holds and spent, which only an
annual declaration states for a whole year (a candidate's or a dismissal declaration covers part
of one, a change notice one event). A person may file a year's declaration again to correct it;
the latest filed (then the greatest id, so the choice is repeatable) replaces the others, or
the same year would be counted twice. The job counts the declarations left out, and why.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

SCREENED_TYPE = "annual"


def screened_declarations(declarations: ir.Table) -> ir.Table:
    """The declarations the rules read: annual, the latest filed per person and year."""
    annual = declarations.filter(declarations.declaration_type == SCREENED_TYPE)
    order = ibis.row_number().over(
        group_by=[annual.person_id, annual.year],
        order_by=[ibis.desc(annual.submitted_on), ibis.desc(annual.declaration_id)],
    )
    ranked = annual.mutate(version=order)
    return ranked.filter(ranked.version == 0).drop("version")
