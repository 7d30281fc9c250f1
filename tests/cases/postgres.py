"""A real, throwaway PostgreSQL 15 cluster for the case-store tests (never a mock).

`initdb` and `pg_ctl` refuse to run as root, so as root (CI) they run as Debian's `postgres`
user through `runuser`, in a temporary folder that user owns; as anyone else they run as
that user. Each pytest-xdist worker starts its own cluster on a free port (session fixtures
are per worker), so workers never share one. Durability is off (`fsync`), as nothing here
must survive a crash of the test machine.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg
from psycopg import sql

BIN = Path(os.environ.get("ADALDYQ_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))
OS_USER = "postgres"
START_TRIES = 3


class Cluster:
    """One running cluster: its folder, port and an admin connection on demand."""

    def __init__(self) -> None:
        for tool in ("initdb", "pg_ctl"):
            if not (BIN / tool).is_file():
                raise RuntimeError(f"PostgreSQL 15 is missing: no {BIN / tool}")
        self.root = Path(tempfile.mkdtemp(prefix="adaldyq-pg-", dir=_reachable_temp()))
        self.data_dir = self.root / "data"
        self.log_file = self.root / "server.log"
        self.port = 0
        if os.geteuid() == 0:
            shutil.chown(self.root, user=OS_USER, group=OS_USER)
        self._run(
            "initdb",
            "-D",
            str(self.data_dir),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )

    def start(self) -> None:
        """Start on a free loopback port, trying another port if one was taken meanwhile."""
        for attempt in range(START_TRIES):
            self.port = _free_port()
            options = (
                f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                "-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
            )
            done = self._run(
                "pg_ctl",
                "-D",
                str(self.data_dir),
                "-l",
                str(self.log_file),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
                check=False,
            )
            if done.returncode == 0:
                return
            if attempt == START_TRIES - 1:
                log = self.log_file.read_text() if self.log_file.exists() else ""
                raise RuntimeError(f"PostgreSQL did not start:\n{done.stdout}{done.stderr}{log}")

    def stop(self) -> None:
        """Stop the server and remove the whole folder."""
        try:
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "stop", check=False)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of a database of this cluster."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, template: str | None = None) -> str:
        """A new database (a copy of `template` if given); returns its name."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        query: sql.Composed = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template is not None:
            query += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        self.execute(query)
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database, closing whatever connection is still open on it."""
        self.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )

    def execute(self, query: sql.Composed | sql.SQL) -> None:
        """Run one statement as the superuser, outside a transaction."""
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(query)

    def _run(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(BIN / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", OS_USER, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=self.root)
        if check and done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
        return done


def _reachable_temp() -> str | None:
    """As root, a temporary folder the postgres user can reach (`TMPDIR` may be root's own)."""
    base = Path(tempfile.gettempdir())
    if os.geteuid() == 0 and not base.stat().st_mode & 0o001:
        return "/tmp"  # world-traversable and sticky; the cluster folder itself is 0700
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
