"""The jobs the CLI (and later the web app) runs, one module per engine.

A job wires adapters to engines: it reads the inputs, runs the engine, writes the outputs to the
workspace and returns a summary for the caller to render. It holds no rule logic and prints
nothing.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime


def new_run_id() -> str:
    """A sortable, unique run id: UTC time plus a random suffix."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"
