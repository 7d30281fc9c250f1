"""Declaration records out of JSON files: one per line, one per file, or an array of them.

Declarations are small (well under a megabyte each), so each record is parsed whole; files are
still read one record at a time, decompressing gzip and bzip2 on the fly. JSON Lines are told by
the name or, for exports that write JSON Lines under a `.json` name, by the first line. A line
that is not JSON, or a file that is not JSON at all, is a rejected record naming the file and
line, and the next file is read.
"""

from __future__ import annotations

from collections.abc import Iterator

from adaldyq.errors import InputError
from adaldyq.ingest.declaration_rows import Rejected
from adaldyq.ingest.json_stream import Position, holds_json_lines, read_documents


def declaration_records(file: str) -> Iterator[tuple[Position, object] | Rejected]:
    """Every record of `file` with its position, or the reason it cannot be parsed."""
    try:
        json_lines = True if holds_json_lines(file) else None
        for document in read_documents(file, json_lines):
            if document.error is not None:
                yield Rejected(document.position, None, "", document.error)
            elif isinstance(document.value, list) and document.position.line is None:
                for index, value in enumerate(document.value):
                    position = document.position
                    yield Position(position.file, None, f"{position.path}[{index}]"), value
            else:
                yield document.position, document.value
    except InputError as exc:
        reason = exc.message.removeprefix(f"{file}: ")
        yield Rejected(Position(file, None, "$"), None, "", reason)
