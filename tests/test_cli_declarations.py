"""`adaldyq declarations import` as users run it: counts printed, tables written, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import SHARED_DATA

DATA = SHARED_DATA / "declarations_ua"


def _adaldyq(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "adaldyq", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_import_prints_balanced_counts(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    raw = [str(DATA / name) for name in ("poroshenko_jr.json", "derkatch.json", "poroshenko.json")]
    done = _adaldyq(
        "declarations", "import", *raw, "--format", "nacp", "--workspace", str(workspace)
    )
    assert done.returncode == 0, done.stderr
    assert "read 3 = loaded 3 + rejected 0 declarations" in done.stdout
    assert "declaration_real_estate" in done.stdout
    assert any((workspace / "tables" / "declarations" / "dataset=declarations").glob("*.parquet"))
    assert (workspace / "rejects-declarations.jsonl").is_file()


def test_unloadable_input_exits_2_with_one_line(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.json"
    garbage.write_text("not json", encoding="utf-8")
    done = _adaldyq("declarations", "import", str(garbage), "--workspace", str(tmp_path / "ws"))
    assert done.returncode == 2
    assert done.stderr.startswith("adaldyq: error: no declaration could be loaded; first: not JSON")
    bad_format = _adaldyq("declarations", "import", str(garbage), "--format", "xml")
    assert bad_format.returncode == 2
    assert "xml" in bad_format.stderr
