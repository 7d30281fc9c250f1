"""Running `adaldyq` as a user does, in a fresh interpreter: what every CLI test shares."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def adaldyq(
    *args: str | Path, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m adaldyq ARGS`: exit code, stdout and stderr as text, never raising on failure."""
    return subprocess.run(
        [sys.executable, "-m", "adaldyq", *map(str, args)],
        capture_output=True,
        text=True,
        input=stdin,
        check=False,
        timeout=300,
        cwd=cwd,
    )
