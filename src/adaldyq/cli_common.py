"""What every `adaldyq` command group shares: the consoles, the workspace and config options,
settings from them, and the rejects line, so the groups' modules need not import each other."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from adaldyq.ingest.report import IngestReport
from adaldyq.settings import Settings, load_settings

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

WorkspaceOpt = Annotated[
    Path, typer.Option("--workspace", "-w", help="Folder for tables, findings and outputs.")
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="TOML settings file (rule parameters, weights)."),
]


def settings_from(workspace: Path, config: Path | None, **overrides: Any) -> Settings:
    """The settings of a command: the TOML file, then the command's own options."""
    return load_settings(config, workspace=workspace, **overrides)


def print_rejects(report: IngestReport, workspace: Path, name: str) -> None:
    """Where the rejected records went and the commonest reasons."""
    if report.rejected:
        out.print(f"rejects: {workspace / name}.jsonl (also {name}.csv)")
        for reason, count in report.reasons.most_common(5):
            out.print(f"  {count:>7}  {reason}")
