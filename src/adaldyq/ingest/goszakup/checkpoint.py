"""Checkpoints of a fetch: per entity, the window, where the walk stands and how much of the raw
file is committed, so an interrupted run resumes where it stopped and writes no record twice.

A page is appended to `<entity>.jsonl` and synced before the checkpoint moves past it; the
checkpoint itself is replaced atomically. On resume the raw file is cut back to the committed
size, so a page written but not checkpointed when the run died is fetched again, not doubled.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import orjson

FILE = "checkpoints.json"


@dataclass
class EntityState:
    """Where the walk of one entity stands for one window."""

    window: list[str]
    next: str | int | None = None
    committed_bytes: int = 0
    pages: int = 0
    records: int = 0
    done: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class Checkpoints:
    """The checkpoint file of one raw folder."""

    def __init__(self, raw_dir: Path) -> None:
        self.path = raw_dir / FILE
        data = json.loads(self.path.read_text(encoding="utf-8")) if self.path.exists() else {}
        self.states = {entity: EntityState(**state) for entity, state in data.items()}

    def start(self, entity: str, window: list[str], raw_file: Path) -> tuple[EntityState, bool]:
        """The state to walk `entity` for `window`, and whether it resumes an unfinished walk.

        The raw file is first cut back to the last committed size (a page written but not
        checkpointed is dropped). The same unfinished window then resumes; the same finished
        window has nothing left to do; a different window (or endpoint) starts at the top,
        appending to the raw file (`extra`, such as contracts whose lines were read, carries
        over)."""
        state = self.states.get(entity)
        if (
            state is not None
            and raw_file.exists()
            and raw_file.stat().st_size > state.committed_bytes
        ):
            with raw_file.open("r+b") as handle:
                handle.truncate(state.committed_bytes)
        if state is not None and state.window == window:
            return state, not state.done
        size = raw_file.stat().st_size if raw_file.exists() else 0
        extra = state.extra if state is not None else {}
        state = EntityState(window=window, committed_bytes=size, extra=extra)
        self.states[entity] = state
        self.save()
        return state, False

    def save(self) -> None:
        temporary = self.path.with_suffix(".tmp")
        states = {entity: asdict(state) for entity, state in self.states.items()}
        temporary.write_bytes(orjson.dumps(states, option=orjson.OPT_INDENT_2))
        temporary.replace(self.path)


def append_records(raw_file: Path, records: list[Any]) -> int:
    """Append records as JSON Lines, synced to disk; the file's size afterwards."""
    with raw_file.open("ab") as handle:
        for record in records:
            handle.write(orjson.dumps(record) + b"\n")
        handle.flush()
        os.fsync(handle.fileno())
        return handle.tell()
