"""Field coverage of a JSON Lines file, with exactly the semantics of Cardinal's `coverage`.

Coverage tells which red flags a dataset can support before any rule runs, so our counts must be
the ones OCP publishes: `ocdscardinal.coverage` is the oracle and the tests compare with it.

What is counted: every non-empty node, by path. The path `""` is the line itself, `P/` an object
at `P`, `P/key` a member, `P[]` an array element. Empty nodes are `""`, `[]`, `{}`, `null` and any
container holding only empty nodes. Blank and invalid lines are skipped, and "invalid" means what
serde_json (Cardinal's parser) rejects: NaN, lone surrogates, more than 127 nested containers.

Why a trie instead of path strings: counting into a tree keyed by the member names that orjson
already interned (with their hashes cached) avoids building a string per node; the path strings
are built once per distinct path at the end. Large files are split into blocks of whole lines and
counted by a process pool, since parsing and walking are CPU-bound and the GIL serialises threads.
"""

from __future__ import annotations

import gzip
import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import suppress
from itertools import repeat
from multiprocessing import get_context
from pathlib import Path
from typing import IO, Any, Final

import orjson

# serde_json refuses a 128th level of nesting (its recursion limit), so Cardinal skips such lines.
MAX_DEPTH: Final = 127
BLOCK_SIZE: Final = 4 << 20
# Below this many bytes on disk a pool costs more (process start-up) than it saves.
POOL_THRESHOLD: Final = 32 << 20

# A node of the trie: [count at P, {member: node at P/member}, {None: node at P[]}, count at P/].
Node = list[Any]
_COUNT, _MEMBERS, _ELEMENTS, _OBJECTS = 0, 1, 2, 3
_INVALID: Final = object()


class _TooDeep(Exception):
    """A line nests deeper than serde_json accepts."""


def coverage(
    path: str | Path, workers: int | None = None, block_size: int = BLOCK_SIZE
) -> dict[str, int]:
    """Counts of non-empty nodes per path, identical to `ocdscardinal.coverage(path)`.

    Accepts gzip (sniffed by its magic bytes). `workers` processes count blocks of lines in
    parallel; by default one for small files and every available core for large ones.
    """
    if workers is None:
        workers = _default_workers(Path(path))
    blocks = _blocks(Path(path), block_size)
    if workers <= 1:
        trie = _new_node()
        for block in blocks:
            _count_lines(block.split(b"\n"), trie)
        return _paths(trie)
    totals: dict[str, int] = {}
    for partial in _map_bounded(_count_block, blocks, workers):
        for key, count in partial.items():
            totals[key] = totals.get(key, 0) + count
    return totals


def _map_bounded(
    function: Callable[[bytes], dict[str, int]], blocks: Iterator[bytes], workers: int
) -> Iterator[dict[str, int]]:
    """Results of `function` over blocks in a pool, with at most two blocks per worker in flight.

    `Executor.map` and `Pool.imap` read their whole input first, which would hold the file in
    memory. Workers are forked: they need only this module, already imported, and fork spares
    re-importing the caller's `__main__` (which fails when it is a REPL or stdin).
    """
    pending: deque[Future[dict[str, int]]] = deque()
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        for block in blocks:
            pending.append(pool.submit(function, block))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _default_workers(path: Path) -> int:
    if path.stat().st_size < POOL_THRESHOLD:
        return 1
    return max(1, len(os.sched_getaffinity(0)))


def _blocks(path: Path, block_size: int) -> Iterator[bytes]:
    """The file as blocks of whole lines (the last one may lack its newline)."""
    with _open(path) as handle:
        rest = b""
        while chunk := handle.read(block_size):
            chunk = rest + chunk
            cut = chunk.rfind(b"\n") + 1
            if cut:
                yield chunk[:cut]
                rest = chunk[cut:]
            else:
                rest = chunk
        if rest:
            yield rest


def _open(path: Path) -> IO[bytes]:
    handle = path.open("rb")
    if handle.read(2) == b"\x1f\x8b":
        handle.seek(0)
        return gzip.GzipFile(fileobj=handle)  # type: ignore[return-value]
    handle.seek(0)
    return handle


def _count_block(block: bytes) -> dict[str, int]:
    """Worker entry point: the counts of one block, as path strings (small to send back)."""
    trie = _new_node()
    _count_lines(block.split(b"\n"), trie)
    return _paths(trie)


def _count_lines(lines: Iterable[bytes], trie: Node) -> None:
    """Add each line's nodes to the trie; a too-deep line is walked again to undo its counts."""
    top = {None: trie}
    for line in lines:
        value = _parse(line)
        if value is _INVALID:
            continue
        pair = ((None, value),)
        try:
            _children(pair, top, 0, 1)
        except _TooDeep:
            # The same walk stops at the same node, so subtracting undoes exactly what was added.
            with suppress(_TooDeep):
                _children(pair, top, 0, -1)


def _parse(line: bytes) -> Any:
    """The line's JSON value, or _INVALID where serde_json would fail."""
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:
        return _parse_slowly(line)


def _parse_slowly(line: bytes) -> Any:
    """Second chance for what serde_json accepts and orjson does not (numbers beyond a double).

    The standard library is more lenient than serde_json in two ways, closed here: it reads NaN
    and Infinity, and it reads lone surrogate escapes.
    """
    try:
        value = json.loads(line.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError):
        return _INVALID
    return _INVALID if _has_lone_surrogate(value) else value


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _has_lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(v) for v in value)
    return False


def _new_node() -> Node:
    return [0, {}, {}, 0]


def _children(
    pairs: Iterable[tuple[Any, Any]], table: dict[Any, Node], depth: int, inc: int
) -> bool:
    """Count the non-empty values of (key, value) pairs into the nodes of `table` by key.

    One loop serves object members (key = member name) and array elements (key = None, since all
    elements share the path `P[]`). Returns whether any value was non-empty, which decides whether
    the enclosing container counts. Scalars are handled inline: they are most nodes, and a call
    per node would cost more than the walk itself.
    """
    found = False
    for key, value in pairs:
        kind = type(value)
        if kind is str:
            if not value:
                continue
        elif kind is dict or kind is list:
            if depth >= MAX_DEPTH:
                raise _TooDeep
            node = table.get(key)
            if node is None:
                node = table[key] = _new_node()
            if kind is dict:
                if not _children(value.items(), node[_MEMBERS], depth + 1, inc):
                    continue
                node[_OBJECTS] += inc
            elif not _children(zip(repeat(None), value), node[_ELEMENTS], depth + 1, inc):
                continue
            node[_COUNT] += inc
            found = True
            continue
        elif value is None:
            continue
        node = table.get(key)
        if node is None:
            node = table[key] = _new_node()
        node[_COUNT] += inc
        found = True
    return found


def _paths(trie: Node) -> dict[str, int]:
    """The trie as {path: count}; paths that coincide as strings (key "" vs "/") are summed."""
    counts: dict[str, int] = {}
    stack: list[tuple[str, Node]] = [("", trie)]
    while stack:
        path, node = stack.pop()
        for key, count in ((path, node[_COUNT]), (path + "/", node[_OBJECTS])):
            if count:
                counts[key] = counts.get(key, 0) + count
        stack.extend((f"{path}/{member}", child) for member, child in node[_MEMBERS].items())
        stack.extend((path + "[]", child) for child in node[_ELEMENTS].values())
    return counts
