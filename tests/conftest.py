"""Shared fixtures: paths to the real data beside the repo, settings, and both backends.

The Spark session is expensive (about 12 s), so one is shared by the whole test session.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from adaldyq.settings import Settings, load_settings
from adaldyq.store.backend import Backend, connect

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
OCDS = SHARED_DATA / "ocds"
REAL_OCDS = OCDS / "real-2018-sample-data"
CARDINAL = OCDS / "cardinal-fixtures"

BACKENDS = [
    pytest.param("duckdb", id="duckdb"),
    pytest.param("spark", id="spark", marks=pytest.mark.spark),
]


def pytest_configure(config: pytest.Config) -> None:  # noqa: ARG001  (pytest hook signature)
    if not SHARED_DATA.is_dir():
        raise pytest.UsageError(f"the shared data is missing: expected it at {SHARED_DATA}")


@pytest.fixture(params=BACKENDS)
def backend_name(request: pytest.FixtureRequest) -> str:
    """Each test that takes it runs once per backend."""
    return str(request.param)


@pytest.fixture
def backend(backend_name: str) -> Iterator[Backend]:
    with connect(load_settings(backend=backend_name)) as opened:
        yield opened


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(workspace=tmp_path / "ws")
