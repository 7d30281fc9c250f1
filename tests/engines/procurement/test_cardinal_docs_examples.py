"""Cardinal's documentation examples give the output its docs print, on both backends.

Each `docs-examples/RNNN.jsonl` runs with the settings file its page uses (`RNNN.ini`), without the
NPC/EXC settings of the indicator fixtures. An example runs once its own rule is registered; of the
other sections in its settings file, the registered rules run too (they must not flag anything the
docs do not show) and the rest are left out of the comparison until they land.
"""

from __future__ import annotations

import json
from configparser import ConfigParser
from pathlib import Path
from typing import Any

import pytest

from adaldyq.engines.procurement.registry import PROCUREMENT_RULES
from adaldyq.engines.procurement.rules import load_all
from adaldyq.store.backend import Backend
from tests.conftest import CARDINAL
from tests.engines.procurement.cardinal_fixture import LIST_SETTINGS, run_cardinal
from tests.engines.procurement.test_cardinal_fixtures import QUIRKS

EXAMPLES = sorted((CARDINAL / "docs-examples").glob("*.jsonl"))

load_all()


def ini_params(path: Path) -> dict[str, dict[str, Any]]:
    """Rule parameters by code from a Cardinal INI file (`[R003.x]` becomes R003's `x` table)."""
    parser = ConfigParser()
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    params: dict[str, dict[str, Any]] = {}
    for section in parser.sections():
        code, _, table = section.partition(".")
        values = {key: _value(key, raw) for key, raw in parser[section].items()}
        if table:
            params.setdefault(code, {})[table] = values
        else:
            params.setdefault(code, {}).update(values)
    return params


def _value(key: str, raw: str) -> Any:
    if key in LIST_SETTINGS:
        return raw.split("|")
    try:
        return int(raw)
    except ValueError:
        return float(raw)


def test_ini_params_reads_lists_numbers_and_tables(tmp_path: Path) -> None:
    ini = tmp_path / "settings.ini"
    ini.write_text(
        "[R003]\nthreshold = 10\nprocurement_methods = open|selective\n"
        "[R003.procurement_method_details]\nx = 5\n[R024]\nthreshold = 0.05\n[R028]\n"
    )
    assert ini_params(ini) == {
        "R003": {
            "threshold": 10,
            "procurement_methods": ["open", "selective"],
            "procurement_method_details": {"x": 5},
        },
        "R024": {"threshold": 0.05},
        "R028": {},
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
def test_docs_example_matches_cardinal(example: Path, backend: Backend, tmp_path: Path) -> None:
    registered = set(PROCUREMENT_RULES.rules)
    if example.stem not in registered:
        pytest.skip(f"rule {example.stem} is not registered yet")
    params = {
        code: values
        for code, values in ini_params(example.with_suffix(".ini")).items()
        if code in registered
    }
    compat = {key: on for code in params for key, on in QUIRKS.get(code, {}).items()}
    found = _flat(run_cardinal(example, backend, tmp_path, params, compat=compat))
    printed = _flat(json.loads(example.with_suffix(".expected").read_text()))
    expected = {key: value for key, value in printed.items() if key[2] in params}
    assert found.keys() == expected.keys()
    # findings round values to 9 digits; the docs print Cardinal's full f64 (1/6 for R025)
    assert found == pytest.approx(expected, abs=1e-9)


def _flat(results: dict[str, dict[str, dict[str, float]]]) -> dict[tuple[str, str, str], float]:
    """Cardinal's nested results as {(group, subject, code): value}."""
    return {
        (group, subject, code): value
        for group, subjects in results.items()
        for subject, codes in subjects.items()
        for code, value in codes.items()
    }
