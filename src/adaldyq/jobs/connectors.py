"""Connector jobs: national sources into OCDS (issue #8), so every procurement rule runs on them."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Literal

from adaldyq.errors import ConfigError
from adaldyq.ingest.goszakup.convert import convert
from adaldyq.ingest.goszakup.fetch import FetchReport, Progress, Window, fetch
from adaldyq.ingest.goszakup.ledger import ConvertReport
from adaldyq.ingest.goszakup.ows import OwsClient
from adaldyq.settings import Settings

TOKEN_VARIABLE = "GOSZAKUP_TOKEN"
"""The only place the OWS token is read from: never a setting, a file or an argument."""


def goszakup_raw_dir(settings: Settings) -> Path:
    """Where fetched raw records live in a workspace (and what `convert` reads)."""
    return settings.workspace / "goszakup" / "raw"


def fetch_goszakup_job(
    settings: Settings,
    since: date,
    until: date | None,
    entities: list[str],
    progress: Progress | None = None,
    api: Literal["rest", "graphql"] = "rest",
) -> FetchReport:
    """Fetch goszakup records changed in the window into the workspace, resuming if stopped."""
    token = os.environ.get(TOKEN_VARIABLE, "").strip()
    if not token:
        raise ConfigError(
            f"set the environment variable {TOKEN_VARIABLE} to your OWS v3 token "
            "(issued by the Ministry of Finance to registered users of goszakup.gov.kz)"
        )
    config = settings.goszakup
    client = OwsClient(
        config.api_url, token, config.retries, config.backoff_seconds, config.timeout_seconds
    )
    window = Window(since, until or date.today())
    if window.until < window.since:
        raise ConfigError(f"--until {window.until} is before --since {window.since}")
    return fetch(client, goszakup_raw_dir(settings), window, entities, progress, api)


def convert_goszakup_job(settings: Settings, raw_dir: Path, output: Path) -> ConvertReport:
    """Convert a folder of raw goszakup records to OCDS compiled releases (JSON Lines)."""
    return convert(raw_dir, output, settings.goszakup)
