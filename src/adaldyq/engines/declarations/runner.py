"""Run the declarations rules over one dataset and turn their flags into findings.

As in the procurement engine, the runner adds what every finding shares (run, dataset, rule,
explanation). The score is the rule's weight (0..1, NACP's design: each risk has a weight and a
person's rating is the sum of the weights triggered); `ranking.py` sums them per person.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from adaldyq.engines.declarations.balance import balance_rows
from adaldyq.engines.declarations.context import DIGITS, ScreenContext
from adaldyq.engines.declarations.registry import DECLARATION_RULES
from adaldyq.engines.declarations.rules import load_all
from adaldyq.engines.declarations.scope import SCREENED_TYPE
from adaldyq.engines.procurement.runner import weighted_finding
from adaldyq.ingest.rate_table import read_exchange_rates
from adaldyq.ingest.report import IngestReport
from adaldyq.ingest.screening_inputs import load_screening_inputs
from adaldyq.model.country import CountryProfile, country_profile
from adaldyq.model.declarations import DECLARATION_TABLES
from adaldyq.model.findings import Finding
from adaldyq.model.screening_inputs import SCREENING_INPUTS, not_given
from adaldyq.settings import Settings
from adaldyq.store.backend import Backend
from adaldyq.store.catalog import Workspace

ENGINE = "declarations"
OnFindings = Callable[[list[Finding]], None]
OnBalance = Callable[[pa.Table], None]


@dataclass
class ScreenResult:
    """A screening's accounting and per-rule counts; findings go to the `on_findings` callback,
    or into `findings` without one.

    `declarations` = `screened` + `superseded` (an older filing of a screened person-year) +
    `not_annual`, so every loaded declaration is accounted for.
    """

    run_id: str
    base_currency: str
    declarations: int = 0
    screened: int = 0
    superseded: int = 0
    not_annual: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    meta: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    unconverted: dict[str, int] = field(default_factory=dict)
    """Declarations with amounts in a currency the rates table lacks, per currency."""
    inputs: dict[str, IngestReport] = field(default_factory=dict)
    """The optional inputs given, each with its read = loaded + rejected."""
    not_run: dict[str, str] = field(default_factory=dict)
    """Rules (or parts of rules) not run for want of an input, and which one."""


def screen(
    backend: Backend,
    workspace: Workspace,
    settings: Settings,
    run_id: str,
    dataset: str,
    rates_file: Path | None = None,
    on_findings: OnFindings | None = None,
    on_balance: OnBalance | None = None,
    inputs: Mapping[str, Sequence[Path | str]] | None = None,
) -> ScreenResult:
    """Every selected rule on one dataset's declarations; each rule's findings handed over as
    soon as it has run, then (to `on_balance`) the year-by-year balance the reports show beside
    them. The rates table is read to the base currency, which is known only once the
    declarations' country is. `inputs` are the optional inputs' files by kind (`prices`,
    `registers`, `checks`): loaded into the dataset, read by the rules that need them; a rule
    whose input was not given is not run."""
    load_all()
    raw = backend.tables(workspace, dataset, DECLARATION_TABLES)
    reports = load_screening_inputs(workspace, dataset, inputs or {})
    profile = _country_profile(backend, raw, settings)
    base = settings.declarations.base_currency or profile.currency
    rates = read_exchange_rates(rates_file, base) if rates_file is not None else None
    given = [SCREENING_INPUTS[kind] for kind in reports]
    tables = backend.tables(workspace, dataset, [spec.table for spec in given])
    loaded = {spec.kind: tables[spec.table] for spec in given}
    ctx = ScreenContext(dataset, backend, raw, base, rates, profile, loaded)
    result = ScreenResult(run_id, base, inputs=reports)
    _account(ctx, result)
    result.unconverted = ctx.unconverted
    for meta, function in DECLARATION_RULES.select(settings.declarations.rules):
        params = meta.parse_params(settings.declarations.params.get(meta.code, {}))
        missing = [kind for kind in meta.needs if kind not in ctx.inputs]
        if missing:
            reason = not_given(missing)
            result.meta[meta.code] = {**params.model_dump(), "not_run": reason}
            result.not_run[meta.code] = reason
            continue
        output = function(ctx, params)
        ctx.add_currency_notes(output.flags)
        result.meta[meta.code] = output.meta
        for part, reason in output.meta.get("not_run", {}).items():
            result.not_run[f"{meta.code} {part}"] = reason
        found = [
            weighted_finding(ENGINE, run_id, dataset, meta, flag, DIGITS) for flag in output.flags
        ]
        result.counts[meta.code] += len(found)
        if on_findings is None:
            result.findings.extend(found)
        else:
            on_findings(found)
    if on_balance is not None:
        on_balance(balance_rows(ctx))
    return result


def _country_profile(backend: Backend, raw: dict[str, Any], settings: Settings) -> CountryProfile:
    """The declaring country's profile when every declaration names the same country (NACP:
    UA), else that of the settings' country: its currency and living costs."""
    declarations = raw["declarations"]
    found = backend.to_arrow(declarations.select("country").distinct()).column("country")
    countries = {c for c in found.to_pylist() if c}
    code = countries.pop() if len(countries) == 1 else settings.country
    return country_profile(code)


def _account(ctx: ScreenContext, result: ScreenResult) -> None:
    declarations = ctx.raw["declarations"]
    is_annual = (declarations.declaration_type == SCREENED_TYPE).cast("int64")
    counted = ctx.rows(
        declarations.aggregate(total=declarations.count(), annual=is_annual.sum().fill_null(0))
    )[0]
    screened = ctx.rows(ctx.declarations.aggregate(n=ctx.declarations.count()))[0]["n"]
    result.declarations = counted["total"]
    result.screened = screened
    result.superseded = counted["annual"] - screened
    result.not_annual = counted["total"] - counted["annual"]
