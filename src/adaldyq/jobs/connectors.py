"""Connector jobs: national sources into OCDS (issue #8), so every procurement rule runs on them."""

from __future__ import annotations

from pathlib import Path

from adaldyq.ingest.goszakup.convert import convert
from adaldyq.ingest.goszakup.ledger import ConvertReport
from adaldyq.settings import Settings


def convert_goszakup_job(settings: Settings, raw_dir: Path, output: Path) -> ConvertReport:
    """Convert a folder of raw goszakup records to OCDS compiled releases (JSON Lines)."""
    return convert(raw_dir, output, settings.goszakup)
