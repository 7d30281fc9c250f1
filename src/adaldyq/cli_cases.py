"""`adaldyq cases`: the case store's commands (issue 6): migrate it, verify its audit chain,
and show the statistics and recommendation rates as of a day. The store is
`cases.database_url`, or `--db`, or the SQLite file `cases.sqlite` in the workspace."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from adaldyq.cli_common import ConfigOpt, WorkspaceOpt, out, settings_from
from adaldyq.errors import AdaldyqError
from adaldyq.jobs.cases import (
    case_statistics,
    migrate_store,
    recommendation_rates,
    verify_audit,
)
from adaldyq.settings import Settings

cases_app = typer.Typer(
    help="Case store: migrate, verify the audit chain, statistics and recommendation rates.",
    no_args_is_help=True,
)

DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="Case store URL (SQLite file or postgresql+psycopg://...)."),
]
AsOfOpt = Annotated[
    datetime, typer.Option("--as-of", formats=["%Y-%m-%d"], help="Day the figures are as of.")
]


class ChainBroken(AdaldyqError):
    """The audit chain does not verify (exit 7)."""

    exit_code = 7


def _settings(workspace: Path, config: Path | None, db: str | None) -> Settings:
    settings = settings_from(workspace, config)
    if db is None:
        return settings
    cases: dict[str, Any] = {**settings.cases.model_dump(), "database_url": db}
    return settings_from(workspace, config, cases=cases)


@cases_app.command("migrate")
def cases_migrate(
    workspace: WorkspaceOpt = Path("adaldyq-workspace"),
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Create the case store, or bring it to the newest schema; print both revisions."""
    done = migrate_store(_settings(workspace, config, db))
    out.print(f"{done.url}: schema {done.before or 'none'} -> {done.after}")


@cases_app.command("audit-verify")
def cases_audit_verify(
    workspace: WorkspaceOpt = Path("adaldyq-workspace"),
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Walk the audit chain: print OK and the rows checked, or the first broken row and why
    (exit 7)."""
    check = verify_audit(_settings(workspace, config, db))
    if not check.ok:
        raise ChainBroken(
            f"audit chain broken at seq {check.broken_seq} (row id {check.broken_id}): "
            f"{check.reason}; {check.checked} rows before it verify"
        )
    out.print(f"OK: {check.checked} audit rows verify")


@cases_app.command("stats")
def cases_stats(
    as_of: AsOfOpt,
    csv: Annotated[Path | None, typer.Option("--csv", help="Also write the figures here.")] = None,
    workspace: WorkspaceOpt = Path("adaldyq-workspace"),
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Reports by channel, type, region and status, deadlines missed, and recommendation rates
    as of a day; counts below `cases.small_cell_threshold` shown as "<N"."""
    figures = case_statistics(_settings(workspace, config, db), as_of.date(), csv)
    for section, group, measure, value in figures.rows():
        out.print(f"{section:<16} {group:<40} {measure:<28} {value}", markup=False)
    if csv is not None:
        out.print(f"csv: {csv}")


@cases_app.command("recommendations")
def cases_recommendations(
    as_of: AsOfOpt,
    by: Annotated[
        Literal["body", "region", "year", "category"],
        typer.Option(
            "--by", help="One line per body, assessment region, year of issue or risk category."
        ),
    ] = "body",
    workspace: WorkspaceOpt = Path("adaldyq-workspace"),
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Recommendation figures as of a day: bodies, recommendations, implemented, the rate,
    and the risks found and eliminated; then one line per body (or region, year, category)."""
    day = as_of.date()
    overall, groups, risks = recommendation_rates(_settings(workspace, config, db), day, by)
    out.print(
        f"as of {day}: {overall.bodies} bodies, {overall.recommendations} recommendations, "
        f"{overall.implemented} implemented ({_percent(overall.implementation_rate)} of those "
        f"still relevant), {overall.partly} partly, {overall.not_implemented} not, "
        f"{overall.no_longer_relevant} no longer relevant, {overall.unverified} unverified, "
        f"{overall.overdue} overdue; risks: {risks.found} found, {risks.eliminated} eliminated"
    )
    for rates in groups:
        out.print(
            f"  {rates.group}: {rates.recommendations} recommendations, {rates.implemented} "
            f"implemented ({_percent(rates.implementation_rate)}), {rates.overdue} overdue"
        )


def _percent(rate: float | None) -> str:
    return "n/a" if rate is None else f"{rate:.1%}"
