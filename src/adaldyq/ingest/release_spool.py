"""Releases waiting to be merged, spooled to SQLite on disk so memory stays flat.

Releases of one process may be spread over many files (daily packages); they are grouped by
(dataset, ocid) here and compiled with OCP's merge routine (`ocdsmerge`) once every input is read.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import ocdsmerge
import orjson
from ocdsmerge.rules import get_merge_rules

from adaldyq.ingest.json_stream import Position


@cache
def merger() -> ocdsmerge.Merger:
    """A merger built on the vendored OCDS 1.1.4 release schema (no network)."""
    schema_file = resources.files("adaldyq.ingest") / "schema" / "release-schema-1.1.4.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    return ocdsmerge.Merger(merge_rules=get_merge_rules(schema))


class ReleaseSpool:
    """An on-disk queue of releases grouped by (dataset, ocid)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        path.unlink(missing_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute(
            "CREATE TABLE releases (dataset TEXT, ocid TEXT, file TEXT, line INTEGER, "
            "path TEXT, body BLOB)"
        )
        self.count = 0

    def add(self, dataset: str, position: Position, release: dict[str, Any]) -> None:
        self._db.execute(
            "INSERT INTO releases VALUES (?, ?, ?, ?, ?, ?)",
            (
                dataset,
                release["ocid"],
                position.file,
                position.line,
                position.path,
                orjson.dumps(release),
            ),
        )
        self.count += 1

    def groups(self) -> Iterator[tuple[str, str, list[tuple[Position, dict[str, Any]]]]]:
        """(dataset, ocid, [(position, release)]) for each process, in dataset and ocid order."""
        self._db.execute("CREATE INDEX by_ocid ON releases (dataset, ocid)")
        cursor = self._db.execute(
            "SELECT dataset, ocid, file, line, path, body FROM releases "
            "ORDER BY dataset, ocid, rowid"
        )
        current: tuple[str, str] | None = None
        group: list[tuple[Position, dict[str, Any]]] = []
        for dataset, ocid, file, line, path, body in cursor:
            if (dataset, ocid) != current:
                if current is not None:
                    yield (*current, group)
                current, group = (dataset, ocid), []
            group.append((Position(file, line, path), orjson.loads(body)))
        if current is not None:
            yield (*current, group)

    def close(self) -> None:
        self._db.close()
        self._path.unlink(missing_ok=True)
