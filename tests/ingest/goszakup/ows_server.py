"""A loopback stand-in for OWS v3 (stdlib `http.server` in a thread), serving the fixtures in the
API's envelopes: REST pages newest id first with `next_page`, GraphQL `TrdApp` pages with
`extensions.pageInfo`, a 403 for a wrong token, and failures planted on chosen requests."""

from __future__ import annotations

import json
import re
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

TOKEN = "0123456789abcdef0123456789abcdef"
PAGE = 2
REST = {
    "/v3/refs/ref_trade_methods": "ref_trade_methods",
    "/v3/plans/all": "plans",
    "/v3/trd-buy": "trd_buy",
    "/v3/lots": "lots",
    "/v3/contract": "contract",
    "/v3/acts": "acts",
    "/v3/treasury-pay": "treasury_pay",
    "/v3/subject/all": "subject",
    "/v3/rnu": "rnu",
}


@dataclass
class Faults:
    """Planted failures: for a request key (path with query, or `graphql after=N`), the statuses
    to answer before serving it normally. A list longer than the client's retries interrupts."""

    planned: dict[str, list[int]] = field(default_factory=dict)
    seen: Counter[str] = field(default_factory=Counter)


GRAPHQL = {
    "TrdApp": "trd_app",
    "TrdBuy": "trd_buy",
    "Lots": "lots",
    "Contract": "contract",
    "Subjects": "subject",
    "Plans": "plans",
}


def _selection(query: str) -> tuple[str, set[str]]:
    """The root type of a paged query and the names it selects at the top level."""
    match = re.search(r"\b(\w+)\(filter:[^)]*\)\s*\{(.*)\}\s*\}\s*$", query, re.S)
    assert match is not None, query
    text = match.group(2)
    while "{" in text:  # drop nested selections, keeping their names
        text = re.sub(r"\{[^{}]*\}", " ", text)
    return match.group(1), set(text.split())


def _camel_keys(record: dict[str, Any]) -> dict[str, Any]:
    """A REST-shaped fixture in GraphQL's camelCase (GraphQL-shaped ones are left as they are)."""
    return {re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), k): v for k, v in record.items()}


def _projected(record: dict[str, Any], selection: set[str]) -> dict[str, Any]:
    """Only the fields the query asked for, as a GraphQL server answers."""
    return {k: v for k, v in record.items() if k in selection}


def _records(raw: Path, entity: str) -> list[dict[str, Any]]:
    path = raw / f"{entity}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _key(record: dict[str, Any]) -> int:
    return int(record.get("id", record.get("pid", 0)))


@contextmanager
def ows_server(raw: Path, faults: Faults) -> Iterator[str]:
    """Serve `raw` on 127.0.0.1; yields the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args: Any) -> None:
            pass

        def do_GET(self) -> None:
            if self._planted(self.path):
                return
            url = urlsplit(self.path)
            query = parse_qs(url.query)
            if url.path.endswith("/units"):
                contract_id = int(url.path.split("/")[3])
                items = [
                    r for r in _records(raw, "contract_units") if r["contract_id"] == contract_id
                ]
                self._json({"total": len(items), "limit": 50, "next_page": "", "items": items})
                return
            entity = REST.get(url.path)
            if entity is None:
                self._json({"name": "Not Found", "status": 404}, 404)
                return
            ordered = sorted(_records(raw, entity), key=_key, reverse=True)
            if "search_after" in query:
                after = int(query["search_after"][0])
                ordered = [r for r in ordered if _key(r) < after]
            page, rest = ordered[:PAGE], ordered[PAGE:]
            following = f"{url.path}?page=next&search_after={_key(page[-1])}" if rest else ""
            self._json(
                {"total": len(ordered), "limit": PAGE, "next_page": following, "items": page}
            )

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            variables = body["variables"]
            after = variables.get("after")
            type_name, selection = _selection(body["query"])
            if self._planted(f"graphql {type_name} after={after}"):
                return
            entity = GRAPHQL[type_name]
            ((window_field, (low, high)),) = variables["filter"].items()
            records = [_projected(_camel_keys(r), selection) for r in _records(raw, entity)]
            records = sorted(records, key=_key)
            records = [r for r in records if low <= str(r.get(window_field))[:10] <= high]
            if after is not None:
                records = [r for r in records if _key(r) > after]
            page = records[: min(PAGE, variables["limit"])]
            info = {
                "limitPage": PAGE,
                "totalCount": len(records),
                "hasNextPage": len(records) > len(page),
                "lastId": _key(page[-1]) if page else None,
            }
            self._json({"data": {type_name: page}, "extensions": {"pageInfo": info}})

        def _planted(self, key: str) -> bool:
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                self._json({"name": "Forbidden", "message": "Access denied", "status": 403}, 403)
                return True
            faults.seen[key] += 1
            statuses = faults.planned.get(key, [])
            if faults.seen[key] <= len(statuses):
                status = statuses[faults.seen[key] - 1]
                self._json(
                    {"status": status}, status, {"Retry-After": "0"} if status == 429 else {}
                )
                return True
            return False

        def _json(
            self, body: Any, status: int = 200, headers: dict[str, str] | None = None
        ) -> None:
            data = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
