"""The hand-made goszakup fixtures and their conversion, shared by the connector's tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from pydantic import SecretStr

from adaldyq.ingest.goszakup.convert import convert
from adaldyq.ingest.goszakup.ledger import ConvertReport
from adaldyq.settings import GoszakupSettings

RAW = Path(__file__).parents[2] / "fixtures" / "goszakup" / "raw"
KEY = SecretStr("test-key")
Converted = tuple[ConvertReport, dict[str, Any]]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[ConvertReport, dict[str, Any]]:
    """The fixtures converted once: the report and the releases by ocid."""
    output = tmp_path_factory.mktemp("goszakup") / "out.jsonl"
    report = convert(RAW, output, GoszakupSettings(iin_key=KEY))
    releases = [orjson.loads(line) for line in output.read_bytes().splitlines()]
    return report, {release["ocid"]: release for release in releases}
