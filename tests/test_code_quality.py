"""The house rules that tools can check: ruff, ruff format, mypy --strict, import-linter layers.

They run in the suite so that CI fails on a lint error like on any other defect.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CHECKS = {
    "ruff": ["ruff", "check", "src", "tests", "benchmarks"],
    "ruff-format": ["ruff", "format", "--check", "src", "tests", "benchmarks"],
    "mypy": ["mypy"],
    "import-linter": ["lint-imports", "--no-cache"],
}


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_tool_is_clean(name: str) -> None:
    command = CHECKS[name]
    executable = BIN / command[0] if (BIN / command[0]).exists() else shutil.which(command[0])
    assert executable is not None, f"{command[0]} is not installed in the environment"
    done = subprocess.run(
        [str(executable), *command[1:]], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"


def test_no_module_over_500_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in (ROOT / "src").rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert not long, f"modules over 500 lines: {long}"
