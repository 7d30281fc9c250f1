"""The converter's output is valid against the OCDS 1.1.4 release schema vendored in the package
(`adaldyq/ingest/schema/`), and every date in it is RFC 3339 with an offset."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from importlib import resources
from typing import Any

from jsonschema import Draft4Validator

from tests.ingest.goszakup.conftest import Converted

DATE_KEYS = {"date", "dateSigned", "datePublished", "startDate", "endDate", "dateMet"}


def _schema() -> dict[str, Any]:
    text = (resources.files("adaldyq.ingest") / "schema" / "release-schema-1.1.4.json").read_text(
        encoding="utf-8"
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


def _dates(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            here = f"{path}.{key}" if path else key
            if key in DATE_KEYS and not isinstance(item, dict | list):
                yield here, item
            else:
                yield from _dates(item, here)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _dates(item, f"{path}[{index}]")


def test_every_release_is_valid_ocds(converted: Converted) -> None:
    _, releases = converted
    validator = Draft4Validator(_schema())
    problems = {
        ocid: [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(release)]
        for ocid, release in releases.items()
    }
    assert problems == {ocid: [] for ocid in releases}


def test_the_schema_catches_a_broken_release(converted: Converted) -> None:
    _, releases = converted
    broken = dict(releases["ocds-kzgz00-gz-9001"])
    broken["tender"] = {**broken["tender"], "status": "finished"}
    assert list(Draft4Validator(_schema()).iter_errors(broken))


def test_every_date_carries_its_offset(converted: Converted) -> None:
    _, releases = converted
    dates = [(path, value) for release in releases.values() for path, value in _dates(release)]
    assert len(dates) > 40
    for path, value in dates:
        assert datetime.fromisoformat(value).tzinfo is not None, (path, value)
