"""Stream JSON documents out of files, folders, gzip, bzip2 and stdin, each with where it came from.

Two framings are supported and told apart by the file name, or by sniffing the first line for
streams without one:
- JSON Lines (`.jsonl`, `.ndjson`, `.jsonlines`): one document per line; a bad line is reported
  and the next line read, as Cardinal does; blank lines are skipped.
- JSON documents (`.json`, anything else): one or more concatenated top-level values, parsed
  incrementally. Inside a package the `releases` and `records` arrays are streamed item by
  item, so a package of a million releases never sits in memory whole.
"""

from __future__ import annotations

import bz2
import gzip
import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import ijson
import orjson

from adaldyq.errors import InputError

JSON_LINES_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}
COMPRESSION_SUFFIXES = (".gz", ".bz2")
STREAMED_ARRAYS = ("releases", "records")
STDIN = "-"


@dataclass(frozen=True, slots=True)
class Position:
    """Where a document was found: file, line (JSON Lines) and JSON path inside it."""

    file: str
    line: int | None
    path: str

    def label(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.path:
            parts.append(self.path)
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Document:
    """One parsed JSON value, or the reason it could not be parsed (`value` is then None)."""

    position: Position
    value: Any
    error: str | None = None
    size: int = 0


def expand_inputs(inputs: list[str], also: tuple[str, ...] = ()) -> list[str]:
    """Files named, files found under folders (sorted), `-` for stdin; errors for missing paths.

    In a folder, JSON and JSON Lines files are taken (compressed or not), and the files ending
    in one of the suffixes `also` names (the graph's `.csv` forms), so a reader of several
    formats lists a folder once."""
    files: list[str] = []
    for name in inputs:
        if name == STDIN:
            files.append(STDIN)
            continue
        path = Path(name)
        if path.is_dir():
            found = sorted(
                str(p)
                for p in path.rglob("*")
                if p.is_file() and (_looks_like_json(p) or p.suffix.lower() in also)
            )
            if not found:
                kinds = ", ".join((".json", ".jsonl", ".gz", ".bz2", *also))
                raise InputError(f"folder holds no file of these kinds: {kinds}", path=path)
            files.extend(found)
        elif path.is_file():
            files.append(str(path))
        else:
            raise InputError("no such file or folder", path=path)
    return files


def _looks_like_json(path: Path) -> bool:
    suffixes = _content_suffixes(str(path))
    return bool(suffixes) and (suffixes[-1] == ".json" or suffixes[-1] in JSON_LINES_SUFFIXES)


def _content_suffixes(file: str) -> list[str]:
    """The suffixes of a file name that tell its content: compression suffixes left out."""
    suffixes = [s.lower() for s in Path(file).suffixes] if file != STDIN else []
    if suffixes and suffixes[-1] in COMPRESSION_SUFFIXES:
        suffixes = suffixes[:-1]
    return suffixes


def dataset_name(file: str) -> str:
    """The default dataset name of a file: its name without JSON and gzip suffixes."""
    if file == STDIN:
        return "stdin"
    name = Path(file).name
    for suffix in (*COMPRESSION_SUFFIXES, *sorted(JSON_LINES_SUFFIXES), ".json"):
        name = name.removesuffix(suffix)
    return name


def _open_binary(file: str) -> IO[bytes]:
    raw: IO[bytes] = sys.stdin.buffer if file == STDIN else Path(file).open("rb")  # noqa: SIM115
    head = raw.peek(3)[:3] if isinstance(raw, io.BufferedReader) else b""
    if file.endswith(".gz") or head[:2] == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
    if file.endswith(".bz2") or head == b"BZh":
        return bz2.BZ2File(raw)
    return raw


def read_documents(file: str, json_lines: bool | None = None) -> Iterator[Document]:
    """Every top-level document (or streamed package item) of one file, in order; `json_lines`
    overrides what the file name (or, for stdin, the first line) tells."""
    handle = io.BufferedReader(_open_binary(file), buffer_size=1 << 20)  # type: ignore[type-var]
    try:
        if json_lines if json_lines is not None else _is_json_lines(file, handle):
            yield from _json_lines(file, handle)
        else:
            yield from _json_documents(file, handle)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(f"cannot read: {exc}", path=file) from None
    finally:
        if file != STDIN:
            handle.close()


def holds_json_lines(file: str) -> bool:
    """True when the (decompressed) file's first line is a whole JSON value and another line
    follows: JSON Lines under a `.json` name, as some exports are written."""
    if file == STDIN:
        return False
    with io.BufferedReader(_open_binary(file), buffer_size=1 << 20) as handle:  # type: ignore[type-var]
        try:
            orjson.loads(handle.readline())
        except orjson.JSONDecodeError:
            return False
        return any(line.strip() for line in iter(handle.readline, b""))


def read_json_lines_range(file: str, start: int, end: int, first_line: int) -> Iterator[Document]:
    """The JSON Lines documents of bytes [start, end) of a plain file, numbered from `first_line`.

    Lets several processes read one large file: `start` and `end` fall just after a newline, so
    each line belongs to exactly one range and keeps the number it has in the whole file.
    """
    with Path(file).open("rb") as handle:
        handle.seek(start)
        yield from _json_lines(file, _lines_until(handle, end - start), first_line)


def _lines_until(handle: IO[bytes], length: int) -> Iterator[bytes]:
    for line in handle:
        if length <= 0:
            return
        length -= len(line)
        yield line


def is_splittable_json_lines(file: str) -> bool:
    """A plain (not gzip, not stdin) JSON Lines file, which can be read in byte ranges."""
    if file == STDIN or file.endswith(COMPRESSION_SUFFIXES):
        return False
    with Path(file).open("rb") as raw:
        head = raw.read(3)
        if head[:2] == b"\x1f\x8b" or head == b"BZh":
            return False
    with io.BufferedReader(Path(file).open("rb"), buffer_size=1 << 16) as handle:
        return _is_json_lines(file, handle)


def _is_json_lines(file: str, handle: io.BufferedReader[Any]) -> bool:
    suffixes = _content_suffixes(file)
    if suffixes:
        return suffixes[-1] in JSON_LINES_SUFFIXES
    first = handle.peek(1 << 16).split(b"\n", 1)[0]
    try:
        orjson.loads(first)
    except orjson.JSONDecodeError:
        return False
    return True


def _json_lines(
    file: str, handle: IO[bytes] | Iterator[bytes], first_line: int = 1
) -> Iterator[Document]:
    for number, line in enumerate(handle, start=first_line):
        if not line.strip():
            continue
        position = Position(file, number, "")
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            yield Document(position, None, f"invalid JSON: {exc}", len(line))
            continue
        yield Document(position, value, None, len(line))


def _json_documents(file: str, handle: IO[bytes]) -> Iterator[Document]:
    """Concatenated JSON values; package arrays are streamed out item by item.

    A top-level object is built whole except for its `releases`/`records` arrays, whose items are
    yielded as they complete, each with the path `releases[i]`. The rest of the object (package
    metadata, or a bare release) is yielded at its end with the path `$` (its ordinal when the
    file holds several values).
    """
    events = ijson.parse(handle, multiple_values=True, use_float=True)
    ordinal = 0
    try:
        for _, event, value in events:
            if event == "start_map":
                yield from _top_object(file, ordinal, events)
            else:
                builder = ijson.ObjectBuilder()
                builder.event(event, value)
                if event == "start_array":
                    _build_until_closed(builder, events)
                yield Document(Position(file, None, _ordinal_path(ordinal)), builder.value)
            ordinal += 1
    except ijson.JSONError as exc:
        reason = " ".join(str(exc).split())  # the C parser's message spans several lines
        detail = f"invalid JSON after {ordinal} complete value(s): {reason}"
        if ordinal == 0:
            raise InputError(f"not JSON: {reason}", path=file) from None
        yield Document(Position(file, None, _ordinal_path(ordinal)), None, detail)


def _ordinal_path(ordinal: int) -> str:
    return "$" if ordinal == 0 else f"$[{ordinal}]"


def _top_object(
    file: str, ordinal: int, events: Iterator[tuple[str, str, Any]]
) -> Iterator[Document]:
    shell = ijson.ObjectBuilder()
    shell.event("start_map", None)
    base = _ordinal_path(ordinal)
    for prefix, event, value in events:
        if prefix == "" and event == "end_map":
            shell.event(event, value)
            yield Document(Position(file, None, base), shell.value)
            return
        if prefix in STREAMED_ARRAYS and event == "start_array":
            shell.event("start_array", None)
            shell.event("end_array", None)
            yield from _stream_array(file, prefix, base, events)
            continue
        shell.event(event, value)


def _stream_array(
    file: str, key: str, base: str, events: Iterator[tuple[str, str, Any]]
) -> Iterator[Document]:
    index = 0  # counts items, not events: an item consumes many events
    for prefix, event, value in events:
        if prefix == key and event == "end_array":
            return
        builder = ijson.ObjectBuilder()
        builder.event(event, value)
        if event in ("start_map", "start_array"):
            _build_until_closed(builder, events)
        path = f"{key}[{index}]" if base == "$" else f"{base}.{key}[{index}]"
        yield Document(Position(file, None, path), builder.value)
        index += 1  # noqa: SIM113


def _build_until_closed(builder: Any, events: Iterator[tuple[str, str, Any]]) -> None:
    depth = 1
    for _, event, value in events:
        builder.event(event, value)
        if event in ("start_map", "start_array"):
            depth += 1
        elif event in ("end_map", "end_array"):
            depth -= 1
            if depth == 0:
                return
