"""A17 and A17R: declarations against the state's registers of real estate, vehicles and company
ownership (NACP's additional list reconciles a declaration with the registers, DECLARATIONS.md
§3).

For each screened declaration, the register lines of its declarant (`person_id` as in the
declarations) held on 31 December of the year (`held_from` in or before the year, `held_to`
empty or after it) are compared with the items declared:

    real estate  same property type, area within max(area_tolerance_m2, area_tolerance_share x area)
    vehicles     same brand and model (case and spacing ignored), same year of manufacture when
                 both give one
    companies    same company code (leading zeros and spaces ignored) as a declared security or
                 corporate right

A17 flags register lines no declared item matches ("in the register, not declared"); any item of
the declaration counts, whoever of the family is named its owner. A17R flags the reverse: items
the declarant owns, in the home country (real estate), that no register line of the declarant
held at the year's end matches. Registers are often given as extracts for the persons under
check, so A17R compares only persons the register names at least once, unless told the register
is complete. Family members have no ids in the declarations, so their register lines cannot be
matched and their items are not in A17R.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir

from adaldyq.engines.declarations.context import ScreenContext, fold, plain
from adaldyq.engines.declarations.money import OWNING
from adaldyq.engines.declarations.registry import Flag, RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

FAMILY_NOT_MATCHED = "not matched: register lines of family members (declarations give no ids)"


class A17Params(RuleParams):
    area_tolerance_m2: float = 1.0
    area_tolerance_share: float = 0.01


class A17RParams(A17Params):
    register_complete: bool = False
    """True: the register covers every declarant, so one who is absent from it is compared too."""


Match = Callable[[ir.Table, ir.Table, A17Params], list[ir.BooleanValue]]


def _code(value: ir.StringValue) -> ir.StringValue:
    return value.re_replace(r"\s", "").re_replace(r"^0+", "")


def _same_estate(reg: ir.Table, item: ir.Table, p: A17Params) -> list[ir.BooleanValue]:
    tolerance = ibis.greatest(p.area_tolerance_m2, p.area_tolerance_share * reg.area_m2)
    return [
        reg.property_type == item.property_type,
        (reg.area_m2 - item.area_m2).abs() <= tolerance,
    ]


def _same_vehicle(reg: ir.Table, item: ir.Table, _p: A17Params) -> list[ir.BooleanValue]:
    year = reg.manufacture_year.isnull() | item.manufacture_year.isnull()
    return [
        fold(reg.brand) == fold(item.brand),
        fold(reg.model) == fold(item.model),
        year | (reg.manufacture_year == item.manufacture_year),
    ]


def _same_company(reg: ir.Table, item: ir.Table, _p: A17Params) -> list[ir.BooleanValue]:
    return [_code(reg.company_code) == _code(item.issuer_code)]


@dataclass(frozen=True)
class Register:
    """One register: its name in the form, the declaration table it is compared with, the
    fields shown of each side, and the match."""

    name: str
    table: str
    register_fields: tuple[str, ...]
    item_fields: tuple[str, ...]
    match: Match

    def describe(self, line: dict[str, Any], params: A17Params) -> str:
        """Why no declared item matched a register line."""
        if self.name == "real_estate":
            tolerance = max(params.area_tolerance_m2, params.area_tolerance_share * line["area_m2"])
            return (
                f"no declared {line['property_type']} within {tolerance:g} m2 of "
                f"{line['area_m2']:g} m2"
            )
        if self.name == "vehicle":
            year = f" made in {line['manufacture_year']}" if line["manufacture_year"] else ""
            return f"no declared vehicle {line['brand']} {line['model']}{year}"
        return f"no declared security or corporate right of company code {line['company_code']}"


_HELD = ("held_from", "held_to", "share", "object", "source_line")
REGISTERS = (
    Register(
        "real_estate", "declaration_real_estate", ("property_type", "area_m2", *_HELD),
        ("item_id", "owner_id", "property_type", "area_m2", "city"), _same_estate,
    ),
    Register(
        "vehicle", "declaration_vehicles",
        ("brand", "model", "manufacture_year", "vin", "plate", *_HELD),
        ("item_id", "owner_id", "brand", "model", "manufacture_year"), _same_vehicle,
    ),
    Register(
        "company", "declaration_securities", ("company_code", "company_name", *_HELD),
        ("item_id", "owner_id", "security_type", "issuer_code", "issuer_name"), _same_company,
    ),
)  # fmt: skip


def _held(ctx: ScreenContext, register: Register) -> ir.Table:
    """The register's lines held by a screened declarant at the end of a screened year."""
    lines = ctx.inputs["registers"]
    lines = lines.filter(lines.register == register.name)
    heads = ctx.declarations.select("declaration_id", "person_id", "year")
    joined = lines.join(heads, "person_id")
    at_end = (joined.held_from.year() <= joined.year) & (
        joined.held_to.isnull() | (joined.held_to.year() > joined.year)
    )
    return joined.filter(at_end)


def _present(ctx: ScreenContext) -> dict[str, int]:
    lines = ctx.inputs["registers"]
    counted = lines.group_by("register").aggregate(n=lines.count())
    return {row["register"]: row["n"] for row in ctx.rows(counted)}


def _not_run(present: dict[str, int]) -> dict[str, str]:
    missing = {
        f"{r.name} register": f"not run: no {r.name} lines in the registers given"
        for r in REGISTERS
        if r.name not in present
    }
    return {**missing, "family members": FAMILY_NOT_MATCHED}


def _by_declaration(
    ctx: ScreenContext, table: ir.Table, fields: tuple[str, ...]
) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in ctx.rows(table.order_by(["declaration_id", *fields[:1]])):
        found[row["declaration_id"]].append({name: plain(row[name]) for name in fields})
    return found


Compared = dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]]


def _unmatched(
    ctx: ScreenContext,
    register: Register,
    params: A17Params,
    wanted: ir.Table,
    against: ir.Table,
    register_side: bool = False,
) -> Compared:
    """Per declaration: the rows of `wanted` that no row of `against` in the same declaration
    matches, and the rows of `against` they were compared with (the evidence of why none
    matched). `wanted` is the register side when `register_side`, else the declared items;
    both directions (A17, A17R) share this one comparison."""
    held, items = (wanted, against) if register_side else (against, wanted)
    fields = (register.register_fields, register.item_fields)
    wanted_fields, against_fields = fields if register_side else fields[::-1]
    missing = wanted.anti_join(
        against,
        [wanted.declaration_id == against.declaration_id, *register.match(held, items, params)],
    )
    unmatched = _by_declaration(ctx, missing, wanted_fields)
    compared = _by_declaration(
        ctx, against.semi_join(missing.select("declaration_id"), "declaration_id"), against_fields
    )
    return {key: (rows, compared.get(key, [])) for key, rows in unmatched.items()}


def _flags(
    ctx: ScreenContext, found: dict[str, list[dict[str, Any]]], key: str, formula: str
) -> list[Flag]:
    """One flag per declaration in `found`: its register lines or items under `key`."""
    heads = ctx.declarations.select("declaration_id", "person_id", "year")
    chosen = heads.filter(heads.declaration_id.isin(sorted(found)))
    flags = []
    for row in ctx.rows(chosen.order_by("declaration_id")):
        listed = found[row["declaration_id"]]
        evidence = {key: listed, "formula": formula.format(count=len(listed))}
        flags.append(ctx.flag(row, len(listed), evidence, money=False))
    return flags


@rule(
    RuleMeta(
        code="A17",
        name="In a register, not declared",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        params=A17Params,
        weight=0.8,
        needs=("registers",),
        explain="{formula} in the {year} declaration.",
    )
)
def in_register_not_declared(ctx: ScreenContext, params: A17Params) -> RuleOutput:
    present = _present(ctx)
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for register in (r for r in REGISTERS if r.name in present):
        held, items = _held(ctx, register), ctx.table(register.table)
        compared = _unmatched(ctx, register, params, held, items, register_side=True)
        for declaration_id, (lines, declared) in compared.items():
            for line in lines:
                found[declaration_id].append({
                    "register": register.name, **line,
                    "why": register.describe(line, params), "declared": declared,
                })  # fmt: skip
    flags = _flags(
        ctx, found, "lines", "{count} register line(s) held on 31 December, not declared"
    )
    return RuleOutput(flags, {**params.model_dump(), "not_run": _not_run(present)})


def _owned(ctx: ScreenContext, register: Register) -> ir.Table:
    """Items the declarant owns that the register should hold: real estate in the home country,
    every vehicle, corporate rights in companies not registered abroad."""
    heads = ctx.declarations.select("declaration_id", "person_id", "year", home="country")
    items = ctx.table(register.table).join(heads, "declaration_id")
    owned = (items.owner_role == "declarant") & (
        items.ownership_type.isnull() | items.ownership_type.isin(OWNING)
    )
    if register.name == "real_estate":
        owned &= items.country.isnull() | (items.country == items.home)
    if register.name == "company":
        domestic = items.issuer_kind.isnull() | (items.issuer_kind != "legal_entity_foreign")
        owned &= (items.security_type == "corporate_right") & domestic
    return items.filter(owned)


@rule(
    RuleMeta(
        code="A17R",
        name="Declared, not in a register",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        params=A17RParams,
        weight=0.3,
        needs=("registers",),
        explain="{formula} in the {year} declaration.",
    )
)
def declared_not_in_register(ctx: ScreenContext, params: A17RParams) -> RuleOutput:
    present = _present(ctx)
    lines = ctx.inputs["registers"]
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for register in (r for r in REGISTERS if r.name in present):
        owned = _owned(ctx, register)
        if not params.register_complete:
            named = lines.filter(lines.register == register.name).select("person_id")
            owned = owned.semi_join(named, "person_id")
        compared = _unmatched(ctx, register, params, owned, _held(ctx, register))
        for declaration_id, (items, held_lines) in compared.items():
            for item in items:
                found[declaration_id].append({
                    "register": register.name, **item,
                    "why": f"no {register.name} register line of the declarant held on 31 "
                           "December matches it",
                    "register_lines": held_lines,
                })  # fmt: skip
    flags = _flags(
        ctx, found, "items", "{count} declared item(s) in no register line held on 31 December"
    )
    return RuleOutput(flags, {**params.model_dump(), "not_run": _not_run(present)})
