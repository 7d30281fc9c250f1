"""`fetch`: read goszakup's OWS v3 API for a date window into raw JSON Lines, resumably.

Each entity is walked page by page (REST `next_page`, GraphQL `after`), every page is appended
to `<raw_dir>/<entity>.jsonl` exactly as the API returned its records, and a checkpoint per
entity (`checkpoint.py`) records the position, so a run stopped by an error or a kill resumes.
The raw folder is what `convert` reads, so a conversion can be repeated without the network.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

import orjson

from adaldyq.errors import ConfigError
from adaldyq.ingest.goszakup.checkpoint import Checkpoints, EntityState, append_records
from adaldyq.ingest.goszakup.ows import FetchError, OwsClient
from adaldyq.ingest.goszakup.sources import (
    CONTRACT_UNITS,
    GRAPHQL_SOURCES,
    SOURCES,
    GraphqlSource,
    RestSource,
    graphql_query,
)

Progress = Callable[[str, int], None]


@dataclass
class FetchReport:
    """Per raw entity file: pages and records fetched by this run, and whether it resumed."""

    raw_dir: Path
    pages: dict[str, int] = field(default_factory=dict)
    records: dict[str, int] = field(default_factory=dict)
    resumed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Window:
    """The dates a fetch covers, inclusive, as the API's `YYYY-MM-DD` strings."""

    since: date
    until: date

    def as_list(self) -> list[str]:
        return [self.since.isoformat(), self.until.isoformat()]

    def holds(self, value: Any) -> bool | None:
        """Whether a record's date is inside; None when it has none (kept)."""
        if not isinstance(value, str) or len(value) < 10:
            return None
        return self.as_list()[0] <= value[:10] <= self.as_list()[1]


def fetch(
    client: OwsClient,
    raw_dir: Path,
    window: Window,
    entities: list[str],
    progress: Progress | None = None,
    api: Literal["rest", "graphql"] = "rest",
) -> FetchReport:
    """Fetch the named entities (`SOURCES` keys) for the window into `raw_dir`; with
    `api="graphql"` those in `GRAPHQL_SOURCES` are filtered by date on the server."""
    unknown = [name for name in entities if name not in SOURCES]
    if unknown:
        raise ConfigError(f"unknown entities {unknown}; known: {', '.join(SOURCES)}")
    raw_dir.mkdir(parents=True, exist_ok=True)
    checkpoints = Checkpoints(raw_dir)
    report = FetchReport(raw_dir)
    walk = _Walk(client, raw_dir, window, checkpoints, report, progress)
    for name in (n for n in SOURCES if n in entities):
        source = GRAPHQL_SOURCES.get(name, SOURCES[name]) if api == "graphql" else SOURCES[name]
        if isinstance(source, RestSource):
            walk.rest(source)
        else:
            walk.graphql(source)
        if name == "contracts":
            walk.contract_units()
    return report


@dataclass
class _Walk:
    client: OwsClient
    raw_dir: Path
    window: Window
    checkpoints: Checkpoints
    report: FetchReport
    progress: Progress | None

    def rest(self, source: RestSource) -> None:
        state = self._start(source.entity, source.path)
        path = state.next if isinstance(state.next, str) else f"{source.path}?limit={source.limit}"
        while not state.done:
            page = self.client.get(path)
            items = page.get("items") if isinstance(page, dict) else None
            if not isinstance(items, list):
                raise FetchError(f"{path}: no 'items' list in the answer")
            keep = [
                item
                for item in items
                if not source.date_field
                or self.window.holds(item.get(source.date_field)) is not False
            ]
            path = str(page.get("next_page") or "")
            self._commit(source.entity, state, keep, path, done=not path)

    def graphql(self, source: GraphqlSource) -> None:
        state = self._start(source.entity, f"graphql {source.type_name}")
        query = graphql_query(source)
        while not state.done:
            variables: dict[str, Any] = {
                "filter": {source.window_field: self.window.as_list()},
                "limit": source.limit,
            }
            if state.next is not None:
                variables["after"] = state.next
            answer = self.client.graphql(query, variables)
            if not isinstance(answer, dict) or answer.get("errors"):
                errors = answer.get("errors") if isinstance(answer, dict) else answer
                raise FetchError(f"GraphQL {source.type_name}: {orjson.dumps(errors).decode()}")
            items = (answer.get("data") or {}).get(source.type_name) or []
            info = (answer.get("extensions") or {}).get("pageInfo") or {}
            more = bool(info.get("hasNextPage")) and bool(items)
            self._commit(source.entity, state, items, info.get("lastId"), done=not more)

    def contract_units(self) -> None:
        """The lines of every fetched contract not read yet: one request per contract."""
        state = self._start(CONTRACT_UNITS, "/v3/contract/{id}/units")
        if state.done:
            return
        contracts = self.raw_dir / f"{SOURCES['contracts'].entity}.jsonl"
        lines = contracts.read_bytes().splitlines() if contracts.exists() else []
        ids = [_record_id(line) for line in lines]
        done: list[int] = state.extra.setdefault("contracts", [])
        todo = [i for i in dict.fromkeys(ids) if isinstance(i, int) and i not in done]
        for contract_id in todo:
            page = self.client.get(f"/v3/contract/{contract_id}/units")
            items = page.get("items", []) if isinstance(page, dict) else page
            done.append(contract_id)
            self._commit(CONTRACT_UNITS, state, list(items or []), None, done=False)
        state.done = True
        self.checkpoints.save()

    def _start(self, entity: str, endpoint: str) -> EntityState:
        """The entity's state for this window and endpoint: a checkpoint of a REST walk is not
        resumed by a GraphQL one (their positions differ), it starts again."""
        raw_file = self.raw_dir / f"{entity}.jsonl"
        window = [*self.window.as_list(), endpoint]
        state, resumed = self.checkpoints.start(entity, window, raw_file)
        if resumed:
            self.report.resumed.append(entity)
        self.report.pages.setdefault(entity, 0)
        self.report.records.setdefault(entity, 0)
        return state

    def _commit(
        self, entity: str, state: EntityState, items: list[Any], position: Any, done: bool
    ) -> None:
        state.committed_bytes = append_records(self.raw_dir / f"{entity}.jsonl", items)
        state.next = position
        state.pages += 1
        state.records += len(items)
        state.done = done
        self.checkpoints.save()
        self.report.pages[entity] += 1
        self.report.records[entity] += len(items)
        if self.progress is not None:
            self.progress(entity, self.report.records[entity])


def _record_id(line: bytes) -> Any:
    """The `id` of a raw JSON line; None for a line that is not a JSON object (the converter
    reports it)."""
    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    return record.get("id") if isinstance(record, dict) else None
