"""R044 Business similarities between bidders: tenderers of a process share an address or contact.

Cardinal's definition (unreleased, branch `r044`): among `parties[]` with the role `tenderer`, a
pair is similar if their addresses are equal, or their contact points are. The address is the
trimmed, lower-cased `streetAddress`, `locality`, `region`, `postalCode` and `countryName`, each
followed by a space (a party without `streetAddress` has none). Cardinal decides the contact
points on the *first* of name, email, telephone, faxNumber and url that both parties have: a
shared telephone is missed when the names differ, and a shared generic name ("Sales") is enough.
Here any of those fields in common (trimmed, case-insensitive) makes the pair similar, unless
`compat.first_contact_field` asks for Cardinal's behaviour. The process and both tenderers are
flagged.
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir

from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

ADDRESS = ("street_address", "locality", "region", "postal_code", "country_name")
CONTACT = ("contact_name", "contact_email", "contact_telephone", "contact_fax", "contact_url")
SHARED = ("address", *CONTACT)
EVIDENCE = ["similar_tenderers", "tenderer_ids", "shared"]


@rule(
    RuleMeta(
        code="R044",
        name="Business similarities between bidders",
        subjects=(SubjectType.PROCESS, SubjectType.SUPPLIER),
        family="cardinal",
        ocp_codes=("R044",),
        explain="{similar_tenderers} tenderers of this process share their {shared}.",
    )
)
def business_similarities(ctx: RuleContext, params: RuleParams) -> RuleOutput:
    del params  # R044 has no settings
    first_field = ctx.settings.compat.first_contact_field
    pairs = ctx.rows(_similar_pairs(ctx, first_field))
    found = flags(_grouped(pairs, False), SubjectType.PROCESS, "ocid", 1.0, 1.0, EVIDENCE)
    found += flags(_grouped(pairs, True), SubjectType.SUPPLIER, "tenderer", 1.0, 1.0, EVIDENCE)
    return RuleOutput(found, {"first_contact_field": first_field})


def _similar_pairs(ctx: RuleContext, first_field: bool) -> ir.Table:
    """(ocid, a, b, same_<field>...) for each pair of distinct tenderers with a similarity."""
    parties = ctx.table("parties")
    tenderers = parties.filter(parties.roles.contains("tenderer") & parties.org_id.notnull())
    tenderers = tenderers.mutate(address=_address(tenderers))
    left = _side(tenderers, "a")
    right = _side(tenderers, "b")
    joined = left.join(
        right,
        [left.ocid == right.ocid, left.a_index < right.b_index, left.a_org != right.b_org],
    )
    same = {"address": joined.a_address.notnull() & (joined.a_address == joined.b_address)}
    both = [joined[f"a_{f}"].notnull() & joined[f"b_{f}"].notnull() for f in CONTACT]
    for position, field in enumerate(CONTACT):
        a, b = joined[f"a_{field}"], joined[f"b_{field}"]
        if first_field:
            decides = both[position]
            for earlier in both[:position]:
                decides &= ~earlier
            same[field] = decides & (a == b)
        else:
            same[field] = both[position] & (_normal(a) == _normal(b))
    marked = joined.select(ocid=joined.ocid, a=joined.a_org, b=joined.b_org, **same)
    return marked.filter(ibis.or_(*(marked[name] for name in same)))


def _address(parties: ir.Table) -> ir.StringValue:
    """Cardinal's address key: each present field trimmed, lower-cased and followed by a space."""
    parts = [_normal(parties[f]).concat(" ").fill_null("") for f in ADDRESS]
    key = parts[0]
    for part in parts[1:]:
        key = key.concat(part)
    return ibis.ifelse(parties.street_address.notnull(), key, ibis.null("string"))


def _normal(value: ir.StringValue) -> ir.StringValue:
    return value.strip().lower()


def _side(tenderers: ir.Table, prefix: str) -> ir.Table:
    """One side of the self-join, its columns prefixed so the two sides never collide."""
    columns = {f"{prefix}_{f}": tenderers[f] for f in SHARED}
    return tenderers.select(
        "ocid",
        **{f"{prefix}_index": tenderers.party_index, f"{prefix}_org": tenderers.org_id},
        **columns,
    )


def _grouped(pairs: list[dict[str, Any]], by_tenderer: bool) -> list[dict[str, Any]]:
    """Rows per process, or per (process, tenderer): who is similar and what they share.

    Only matching pairs reach Python, so this loop is over flagged rows, not over the data.
    """
    grouped: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    for pair in pairs:
        ends = (pair["a"], pair["b"])
        for own in ends if by_tenderer else ("",):
            ids, shared = grouped.setdefault((pair["ocid"], own), (set(), set()))
            ids.update(ends)
            shared.update(name for name in SHARED if pair[name])
    return [
        {"ocid": ocid, "tenderer": own, "tenderer_ids": sorted(ids),
         "similar_tenderers": len(ids), "shared": ", ".join(n for n in SHARED if n in shared)}
        for (ocid, own), (ids, shared) in sorted(grouped.items())
    ]  # fmt: skip
