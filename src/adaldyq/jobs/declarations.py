"""Declaration jobs: import declarations into a workspace (screening will build on it)."""

from __future__ import annotations

from adaldyq.ingest.declarations import DEFAULT_DATASET, DeclarationsIngest, Format, Progress
from adaldyq.ingest.report import IngestReport
from adaldyq.settings import Settings
from adaldyq.store.catalog import Workspace


def import_declarations_job(
    settings: Settings,
    inputs: list[str],
    fmt: Format,
    dataset: str | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Read declarations into the workspace's declaration tables; the report balances
    read = loaded + rejected per file. `adaldyq declarations screen` imports through this too."""
    workspace = Workspace(settings.workspace)
    return DeclarationsIngest(workspace, fmt, dataset or DEFAULT_DATASET, progress).run(inputs)
