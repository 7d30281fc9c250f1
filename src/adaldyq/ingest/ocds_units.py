"""What each OCDS document holds: compiled releases, releases to merge, or rejects.

- an object with a `records` array: a record package; each record contributes its
  `compiledRelease`, or else its embedded `releases`, which are merged;
- an object with a `releases` array: a release package; its releases are merged per ocid, except
  those tagged `compiled`, taken as they are;
- any other object with an `ocid`: a compiled release, unless its `tag` is a list without
  `compiled` (then it is a release to merge). Cardinal's inputs are of this kind.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from adaldyq.ingest.json_stream import Document, Position


@dataclass(frozen=True, slots=True)
class Unit:
    """One record of the input: a compiled release, a release to merge, or a reject."""

    kind: str  # compiled | release | reject
    position: Position
    value: dict[str, Any] | None
    reason: str = ""
    path: str = ""


def units(document: Document) -> Iterator[Unit]:
    """The records a document holds, classified."""
    position, value = document.position, document.value
    if document.error is not None:
        yield Unit("reject", position, None, document.error)
        return
    if not isinstance(value, dict):
        yield Unit("reject", position, None, f"not a JSON object but {type(value).__name__}")
        return
    if position.path.startswith("records["):
        yield from _record_units(position, value)
        return
    if position.path.startswith("releases["):
        yield _release_unit(position, value, default_kind="release")
        return
    if isinstance(value.get("records"), list) or isinstance(value.get("releases"), list):
        yield from _package_units(position, value)
        return
    if "ocid" not in value:
        keys = ", ".join(sorted(value)[:8]) or "none"
        yield Unit(
            "reject",
            position,
            None,
            f"not an OCDS release, record or package (no ocid, releases or records; keys: {keys})",
        )
        return
    yield _release_unit(position, value, default_kind="compiled")


def _package_units(position: Position, package: dict[str, Any]) -> Iterator[Unit]:
    """Items of a package given whole (a JSON Lines line); streamed packages arrive empty."""
    line = position.line
    for key in ("records", "releases"):
        entries = package.get(key)
        if not isinstance(entries, list):
            continue
        for index, entry in enumerate(entries):
            item = Position(position.file, line, f"{key}[{index}]")
            if not isinstance(entry, dict):
                yield Unit("reject", item, None, f"not a JSON object but {type(entry).__name__}")
            elif key == "records":
                yield from _record_units(item, entry)
            else:
                yield _release_unit(item, entry, default_kind="release")


def _record_units(position: Position, record: dict[str, Any]) -> Iterator[Unit]:
    compiled = record.get("compiledRelease")
    if isinstance(compiled, dict):
        yield _release_unit(position, compiled, default_kind="compiled", path="compiledRelease")
        return
    releases = record.get("releases")
    embedded = (
        [r for r in releases if isinstance(r, dict) and "ocid" in r]
        if isinstance(releases, list)
        else []
    )
    if not embedded:
        yield Unit(
            "reject",
            position,
            None,
            "record has neither a compiledRelease nor "
            "embedded releases (linked releases are not fetched)",
            "releases",
        )
        return
    for index, release in enumerate(embedded):
        inner = Position(position.file, position.line, f"{position.path}.releases[{index}]")
        yield _release_unit(inner, release, default_kind="release")


def _release_unit(
    position: Position, release: dict[str, Any], default_kind: str, path: str = ""
) -> Unit:
    if not isinstance(release.get("ocid"), str) or not release["ocid"]:
        return Unit("reject", position, None, "ocid missing or not a string", _join(path, "ocid"))
    tag = release.get("tag")
    if isinstance(tag, list):
        kind = "compiled" if "compiled" in tag else "release"
    else:
        kind = default_kind
    return Unit(kind, position, release)


def _join(outer: str, inner: str) -> str:
    return f"{outer}.{inner}" if outer else inner
