"""One error hierarchy for every engine, mapped once to exit codes (CLI) and HTTP statuses (web).

Errors carry what a user needs to act: the file, the record and the field for bad input; the SQL for
a backend failure. Nothing else in the code prints tracebacks at a user.
"""

from __future__ import annotations

from pathlib import Path


class AdaldyqError(Exception):
    """Base of every error Adaldyq raises on purpose."""

    exit_code = 1
    http_status = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(AdaldyqError):
    """Input that cannot be read: names the file, the record (line or ordinal) and the field."""

    exit_code = 2
    http_status = 422

    def __init__(
        self,
        message: str,
        path: Path | str | None = None,
        record: int | str | None = None,
        field: str | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.record = record
        self.field = field
        where = [part for part in (self.path, _record_label(record), field) if part]
        super().__init__(f"{': '.join(where)}: {message}" if where else message)


def _record_label(record: int | str | None) -> str | None:
    if record is None:
        return None
    return f"line {record}" if isinstance(record, int) else str(record)


class ConfigError(AdaldyqError):
    """A settings file or value that is wrong: names the key."""

    exit_code = 3
    http_status = 500


class BackendError(AdaldyqError):
    """The analytics backend failed: carries the SQL it was running."""

    exit_code = 4
    http_status = 500

    def __init__(self, message: str, sql: str | None = None) -> None:
        self.sql = sql
        super().__init__(message if sql is None else f"{message}\n-- while running:\n{sql}")


class NotFound(AdaldyqError):
    """A workspace, table, run or object that does not exist."""

    exit_code = 5
    http_status = 404


class AccessDenied(AdaldyqError):
    """A user (or a reporter's receipt) lacks the right or the key to do or read something."""

    exit_code = 6
    http_status = 403
