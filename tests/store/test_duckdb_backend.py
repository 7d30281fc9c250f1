"""The DuckDB backend keeps memory flat by default: a memory limit, spilling into the workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

from adaldyq.settings import load_settings
from adaldyq.store.backend import connect


@pytest.mark.parametrize(("limit", "shown"), [(None, "1.8 GiB"), ("3GB", "2.7 GiB")])
def test_memory_limit_spills_into_the_workspace(
    tmp_path: Path, limit: str | None, shown: str
) -> None:
    """2 GB (DuckDB shows GiB) unless set; above it, DuckDB writes to `duckdb-tmp` in the
    workspace, not to `.tmp` in whatever folder the command was started from."""
    settings = load_settings(workspace=tmp_path / "ws")
    if limit:
        settings = settings.model_copy(update={"duckdb_memory_limit": limit})
    with connect(settings) as backend:
        con = backend.con
        setting = "SELECT current_setting('memory_limit'), current_setting('temp_directory')"
        memory, temp = con.raw_sql(setting).fetchone()
    assert (memory, Path(temp)) == (shown, tmp_path / "ws" / "duckdb-tmp")
