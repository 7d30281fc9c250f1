"""A small hand-built world for the integrity patterns: FtM entities for the graph, compiled OCDS
releases for the procurement tables, both imported by the real importers into one workspace."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from adaldyq.engines.integrity.runner import IntegrityResult, run_patterns
from adaldyq.ingest.declarations import DeclarationsIngest
from adaldyq.ingest.ocds import OcdsIngest
from adaldyq.jobs.graph import import_graph
from adaldyq.model.findings import Finding
from adaldyq.model.ftm_vocabulary import EDGE_ENDS
from adaldyq.model.identity.identifiers import check_digit
from adaldyq.settings import Settings, load_settings
from adaldyq.store.backend import Backend
from adaldyq.store.catalog import Workspace
from adaldyq.synthetic.integrity_facts import write_facts

GRAPH = "graph"
TENDERS = "tenders"
DECLARED = "declared"


def make_bin(yymm: str, serial: int = 1) -> str:
    """A valid BIN of a resident legal entity registered in `yymm` (the first valid serial)."""
    while True:
        first = f"{yymm}40{serial:05d}"
        check = check_digit(first)
        if check is not None:
            return first + str(check)
        serial += 1


def org_id(bin_: str) -> str:
    return f"KZ-BIN-{bin_}"


@dataclass
class World:
    """Entities and releases under construction; `run` imports them and runs patterns."""

    entities: list[dict[str, Any]] = field(default_factory=list)
    releases: list[dict[str, Any]] = field(default_factory=list)
    declarations: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    """Company facts CSV rows (`ingest/company_facts.py`), imported with the graph."""
    _ties: int = 0

    def entity(self, entity_id: str, schema: str, **properties: Any) -> str:
        props = {k: v if isinstance(v, list) else [v] for k, v in properties.items() if v}
        self.entities.append({"id": entity_id, "schema": schema, "properties": props})
        return entity_id

    def company(self, entity_id: str, bin_: str, **properties: Any) -> str:
        return self.entity(
            entity_id, "Company", name=entity_id, registrationNumber=bin_, **properties
        )

    def body(self, entity_id: str, bin_: str) -> str:
        return self.entity(entity_id, "PublicBody", name=entity_id, registrationNumber=bin_)

    def person(self, entity_id: str, **properties: Any) -> str:
        return self.entity(entity_id, "Person", name=entity_id, **properties)

    def tie(
        self, schema: str, source: str, target: str, start: str | None = None,
        end: str | None = None, **properties: Any,
    ) -> str:  # fmt: skip
        self._ties += 1
        source_prop, target_prop = EDGE_ENDS[schema]
        tie_id = f"{schema.lower()}-{self._ties}"
        self.entity(
            tie_id, schema, **{source_prop: source, target_prop: target},
            startDate=start, endDate=end, **properties,
        )  # fmt: skip
        return tie_id

    def tender(
        self,
        ocid: str,
        buyer_bin: str,
        bidders: list[str],
        winner: str | None,
        tender_day: str = "2023-03-01",
        award_day: str = "2023-04-01",
        amount: float = 1_000_000.0,
        contacts: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        """A process of `buyer_bin` with bids by the BINs in `bidders`; `winner` gets the award.
        `contacts` gives a bidder's party `address`/`contactPoint` by BIN."""
        parties = [_party(buyer_bin, ["buyer"], {})]
        for bin_ in bidders:
            roles = ["tenderer", "supplier"] if bin_ == winner else ["tenderer"]
            parties.append(_party(bin_, roles, (contacts or {}).get(bin_, {})))
        if winner is not None and winner not in bidders:
            parties.append(_party(winner, ["supplier"], (contacts or {}).get(winner, {})))
        release: dict[str, Any] = {
            "ocid": ocid,
            "date": f"{award_day}T00:00:00Z",
            "parties": parties,
            "buyer": {"id": buyer_bin},
            "tender": {"id": ocid, "tenderPeriod": {"startDate": f"{tender_day}T00:00:00Z"}},
            "bids": {"details": [
                {"id": f"bid-{b}", "status": "valid", "tenderers": [{"id": b}]} for b in bidders
            ]},
            "awards": [],
        }  # fmt: skip
        if winner is not None:
            release["awards"] = [
                {
                    "id": "1",
                    "status": "active",
                    "date": f"{award_day}T00:00:00Z",
                    "suppliers": [{"id": winner}],
                    "value": {"amount": amount, "currency": "KZT"},
                }
            ]
        self.releases.append(release)

    def write(self, root: Path) -> str | None:
        """Import the world into the workspace `root/ws`; the procurement dataset, if any. The
        declarations, if any, go to the dataset `DECLARED`."""
        root.mkdir(parents=True, exist_ok=True)
        workspace = Workspace(root / "ws")
        if self.declarations:
            source = root / "declarations.jsonl"
            source.write_bytes(b"".join(orjson.dumps(d) + b"\n" for d in self.declarations))
            DeclarationsIngest(workspace, "canonical", DECLARED).run([str(source)])
        graph_file = root / "graph.ftm.jsonl"
        graph_file.write_bytes(b"".join(orjson.dumps(e) + b"\n" for e in self.entities))
        if self.facts:
            facts = root / "company_facts.csv"
            write_facts(facts, self.facts)
            import_graph(workspace, [str(graph_file), str(facts)], GRAPH)
        else:
            import_graph(workspace, [str(graph_file)], GRAPH, "ftm")
        if not self.releases:
            return None
        ocds = root / "releases.jsonl"
        ocds.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in self.releases))
        OcdsIngest(workspace, dataset=TENDERS).run([str(ocds)])
        return TENDERS

    def run(
        self,
        root: Path,
        backend: Backend,
        codes: list[str],
        params: dict[str, dict[str, Any]] | None = None,
    ) -> IntegrityResult:
        procurement = self.write(root)
        settings = settings_for(root, codes, params)
        workspace = Workspace(root / "ws")
        declared = DECLARED if self.declarations else None
        return run_patterns(
            backend, workspace, settings, "test", GRAPH, procurement, declarations_dataset=declared
        )


def settings_for(
    root: Path, codes: list[str] | None, params: dict[str, dict[str, Any]] | None = None
) -> Settings:
    return load_settings(workspace=root / "ws", integrity={"rules": codes, "params": params or {}})


def _party(bin_: str, roles: list[str], extra: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": bin_,
        "name": f"org {bin_}",
        "identifier": {"scheme": "KZ-BIN", "id": bin_},
        "roles": roles,
        **extra,
    }


def by_rule(findings: list[Finding], code: str) -> list[Finding]:
    return sorted((f for f in findings if f.rule_code == code), key=lambda f: f.subject_id)


def path_of(finding: Finding) -> tuple[list[str], list[str]]:
    """A finding's path: its node ids and its edge types."""
    path = finding.evidence["path"]
    return path["nodes"], path["edge_types"]
