"""A small client of goszakup's OWS v3 API: Bearer token, JSON, retries with back-off.

Only the standard library is used (`urllib`), so the connector adds no dependency. The token is
sent in the `Authorization` header and nowhere else: it is not in any URL, message or file, so
an error that quotes the URL cannot leak it. 429 and 5xx answers, time-outs and dropped
connections are retried with exponential back-off (or the server's `Retry-After`); a 403 is the
API's "Access denied" for a wrong token and is not retried (GOSZAKUP.md §1.1).
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

from adaldyq.errors import AdaldyqError

RETRIED = frozenset({429, 500, 502, 503, 504})


class FetchError(AdaldyqError):
    """The API could not be read: names the URL and what it answered (never the token)."""

    exit_code = 7
    http_status = 502


class OwsClient:
    """GET and GraphQL POST against one OWS base URL with one token."""

    def __init__(
        self,
        base_url: str,
        token: str,
        retries: int,
        backoff: float,
        timeout: float,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._base = base_url.rstrip("/")
        self._token = token
        self._retries = retries
        self._backoff = backoff
        self._timeout = timeout
        self._sleep = sleep

    def get(self, path: str) -> Any:
        """The JSON of `GET base + path` (a path such as `/v3/acts?limit=50` or a `next_page`)."""
        return self._send(urllib.request.Request(self._url(path), method="GET"))

    def graphql(self, query: str, variables: dict[str, Any]) -> Any:
        """The JSON of `POST /v3/graphql` with the query and variables."""
        body = json.dumps({"query": query, "variables": variables}).encode()
        request = urllib.request.Request(self._url("/v3/graphql"), data=body, method="POST")
        request.add_header("Content-Type", "application/json")
        return self._send(request)

    def _url(self, path: str) -> str:
        return path if path.startswith(("http://", "https://")) else f"{self._base}{path}"

    def _send(self, request: urllib.request.Request) -> Any:
        request.add_header("Authorization", f"Bearer {self._token}")
        request.add_header("Accept", "application/json")
        last = ""
        for attempt in range(self._retries + 1):
            wait = self._backoff * 2**attempt
            try:
                with urllib.request.urlopen(request, timeout=self._timeout) as response:
                    return json.loads(response.read())
            except urllib.error.HTTPError as exc:
                if exc.code == 403:
                    raise FetchError(
                        f"{request.full_url}: 403 access denied: check the token in GOSZAKUP_TOKEN"
                    ) from None
                if exc.code not in RETRIED:
                    raise FetchError(f"{request.full_url}: HTTP {exc.code}") from None
                last = f"HTTP {exc.code}"
                wait = _retry_after(exc.headers.get("Retry-After"), wait)
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                last = f"no answer ({exc})"
            except json.JSONDecodeError:
                last = "an answer that is not JSON"
            if attempt < self._retries:
                self._sleep(wait)
        raise FetchError(f"{request.full_url}: {last} after {self._retries + 1} attempts")


def _retry_after(value: str | None, default: float) -> float:
    """Seconds from a `Retry-After` header in seconds; the back-off when absent or a date."""
    try:
        return max(0.0, float(value)) if value is not None else default
    except ValueError:
        return default
