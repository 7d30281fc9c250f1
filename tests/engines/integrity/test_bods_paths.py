"""Paths through the real BODS 0.4 examples' ownership chains, as the importer loads them.

indirect-ownership.json: Person 1 holds 30 % of Company A indirectly, through Company B (which
holds 60 % of A directly); the Person-B tie is an interest of unknown type (UnknownLink).
multiple-indirect-ownership.json: Person 1 holds 60 % of Company B indirectly, through C and D
(each 50 % of B), tied to Person 1 by interests of unknown type. All interests start 2017-11.
full-pep-declaration.json: a PEP's stake in a company, found by B09 at an award to it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from adaldyq.engines.integrity.context import load_graph
from adaldyq.engines.integrity.runner import run_patterns
from adaldyq.engines.integrity.ties import CONTROL, TieGraph, path_nodes
from adaldyq.engines.integrity.ties import Path as TiePath
from adaldyq.ingest.ocds import OcdsIngest
from adaldyq.jobs.graph import import_graph
from adaldyq.model.graph import GRAPH_TABLES
from adaldyq.store.backend import Backend
from adaldyq.store.catalog import Workspace
from tests.conftest import SHARED_DATA
from tests.engines.integrity.world import path_of, settings_for

BODS = SHARED_DATA / "bods"
AFTER, BEFORE = date(2018, 1, 1), date(2017, 10, 31)
pytestmark = pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)


def _graph(root: Path, backend: Backend, name: str) -> TieGraph:
    workspace = Workspace(root / "ws")
    import_graph(workspace, [str(BODS / name)], "bods")
    return load_graph(backend, backend.tables(workspace, "bods", GRAPH_TABLES))


def _named(graph: TieGraph, paths: dict[str, TiePath]) -> dict[str, list[str]]:
    return {
        graph.nodes[n]["name"]: [graph.nodes[m]["name"] for m in path_nodes(p)]
        for n, p in paths.items()
    }


def test_indirect_ownership_chain(tmp_path: Path, backend: Backend) -> None:
    graph = _graph(tmp_path, backend, "indirect-ownership.json")
    [company_a] = [n for n, row in graph.nodes.items() if row["name"] == "Company A"]
    found = graph.controllers(company_a, AFTER)
    assert _named(graph, found) == {
        "Company B": ["Company B", "Company A"],
        "Person 1": ["Person 1", "Company A"],  # the declared indirect interest, one tie
    }
    [indirect] = found[next(n for n in found if graph.nodes[n]["name"] == "Person 1")]
    assert indirect.as_evidence()["direct_or_indirect"] == "indirect"
    assert indirect.as_evidence()["start_day"] == "2017-11-01"
    assert graph.controllers(company_a, BEFORE) == {}
    with_unknown = graph.paths_into(company_a, AFTER, CONTROL | {"UnknownLink"})
    chains = sorted([graph.nodes[m]["name"] for m in path_nodes(p)] for p in with_unknown)
    assert ["Person 1", "Company B", "Company A"] in chains


def test_multiple_indirect_ownership_chains(tmp_path: Path, backend: Backend) -> None:
    graph = _graph(tmp_path, backend, "multiple-indirect-ownership.json")
    [company_b] = [n for n, row in graph.nodes.items() if row["name"] == "Company B"]
    assert _named(graph, graph.controllers(company_b, AFTER)) == {
        "Company C": ["Company C", "Company B"],
        "Company D": ["Company D", "Company B"],
        "Person 1": ["Person 1", "Company B"],
    }
    chains = sorted(
        [graph.nodes[m]["name"] for m in path_nodes(p)]
        for p in graph.paths_into(company_b, AFTER, CONTROL | {"UnknownLink"})
        if len(p) == 2
    )
    assert chains == [
        ["Person 1", "Company C", "Company B"],
        ["Person 1", "Company D", "Company B"],
    ]


def _award(ocid: str, day: str) -> dict[str, Any]:
    supplier = {"id": "S", "name": "PEPM Ltd", "roles": ["supplier"],
                "identifier": {"scheme": "GB-COH", "id": "XE-000079054"}}  # fmt: skip
    return {
        "ocid": ocid,
        "parties": [supplier, {"id": "B", "name": "Council", "roles": ["buyer"]}],
        "buyer": {"id": "B"},
        "awards": [{"id": "1", "status": "active", "date": f"{day}T00:00:00Z",
                    "suppliers": [{"id": "S"}], "value": {"amount": 10.0, "currency": "GBP"}}],
    }  # fmt: skip


def test_pep_owner_of_a_real_bods_declaration(tmp_path: Path, backend: Backend) -> None:
    """B09 on full-pep-declaration.json: Michael Hubbard (PEP, a Member of Parliament) holds
    25-50 % of the company from 2016-07-07; an award to it after that date is found through the
    BODS identifier (GB-COH), one before it is not."""
    workspace = Workspace(tmp_path / "ws")
    import_graph(workspace, [str(BODS / "full-pep-declaration.json")], "graph")
    releases = tmp_path / "releases.jsonl"
    awards = [_award("ocds-after", "2018-01-01"), _award("ocds-before", "2016-01-01")]
    releases.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in awards))
    OcdsIngest(workspace, dataset="tenders").run([str(releases)])
    settings = settings_for(tmp_path, ["B09"])
    result = run_patterns(backend, workspace, settings, "test", "graph", "tenders")
    [finding] = result.findings
    assert finding.subject_id == "ocds-after"
    assert finding.evidence["listed_name"] == "Michael Hubbard"
    assert path_of(finding) == (
        ["9bcdcc85e803", "a7b3bd81d8ba", "ocds-after/1"],
        ["Ownership", "ContractAward"],
    )
    assert finding.evidence["path"]["edges"][0]["id"] == "91e4b9055ca0-0"
    assert result.unmatched == {"buyer": {"organisations": 1, "sample": ["B"]}}
