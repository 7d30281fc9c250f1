"""The synthetic integrity world: clean procurement with people and ties around it, and planted
conflict-of-interest, collusion and shell patterns whose paths are in the graph on the day."""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from adaldyq.jobs.graph import import_graph
from adaldyq.model.identity.addresses import address_key
from adaldyq.model.identity.contacts import parse_email, phone_e164
from adaldyq.store.catalog import Workspace
from adaldyq.synthetic.integrity_facts import FOUNDING_CAPITAL
from adaldyq.synthetic.integrity_world import (
    FRESH_DAYS,
    MASS,
    NEAR_MISSES,
    PLANTED,
    WorldSummary,
    generate_world,
    read_awards,
)

PROCESSES = 600


class Graph:
    """A world imported as `adaldyq graph build` does: its nodes, edges, truth, declarations."""

    def __init__(self, summary: WorldSummary, root: Path) -> None:
        self.declarations = [json.loads(line) for line in summary.declarations.open()]
        with summary.facts.open(encoding="utf-8") as facts:
            self.facts = list(csv.DictReader(facts))
        workspace = Workspace(root)
        self.report = import_graph(workspace, [str(summary.graph)])
        self.nodes = {
            n["id"]: n for n in pq.read_table(workspace.partition_dir("nodes", "graph")).to_pylist()
        }
        self.edges = pq.read_table(workspace.partition_dir("edges", "graph")).to_pylist()
        self.truth = [json.loads(line) for line in summary.truth.open()]
        self.awards = read_awards(summary.releases)

    def ties(self, schema: str, source: str, target: str, day: date) -> list[dict[str, Any]]:
        """Edges of `schema` from `source` to `target` that held on `day`."""
        return [
            e for e in self.edges
            if (e["schema"], e["source"], e["target"]) == (schema, source, target)
            and (e["start_day"] is None or e["start_day"] <= day)
            and (e["end_day"] is None or day <= e["end_day"])
        ]  # fmt: skip

    def award(self, ocid: str) -> Any:
        return next(a for a in self.awards if a.ocid == ocid)

    def companies(self) -> list[dict[str, Any]]:
        return [n for n in self.nodes.values() if n["schema"] == "Company"]


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    root = tmp_path_factory.mktemp("clean")
    return Graph(generate_world(root / "world", PROCESSES, seed=3, planted=False), root / "ws")


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    root = tmp_path_factory.mktemp("planted")
    return Graph(generate_world(root / "world", PROCESSES, seed=3), root / "ws")


def test_worlds_import_whole_and_without_issues(clean: Graph, planted: Graph) -> None:
    for graph in (clean, planted):
        assert graph.report.rejected == 0 and graph.report.issues == 0
        assert graph.report.read == graph.report.loaded == len(graph.nodes) + len(graph.edges)


def test_in_the_clean_world_nobody_is_tied_to_anybody_else(clean: Graph) -> None:
    assert clean.truth == []
    assert not [e for e in clean.edges if e["schema"] == "Family"]
    roles = Counter(
        e["source"] for e in clean.edges if e["schema"] in ("Ownership", "Directorship")
    )
    assert max(roles.values()) == 1  # no one owns or directs two companies, or both
    employed = {e["source"] for e in clean.edges if e["schema"] == "Employment"}
    assert not employed & set(roles)  # no official owns or directs a company
    companies = clean.companies()
    for key in (lambda c: address_key(c["address"][0]), lambda c: phone_e164(c["phone"][0]),
                lambda c: parse_email(c["email"][0]).domain):  # fmt: skip
        assert len({key(c) for c in companies}) == len(companies)
    first: dict[str, date] = {}
    for award in clean.awards:
        for number in (award.supplier, *award.bidders):
            first[number] = min(first.get(number, award.day), award.day)
    for number, day in first.items():
        born = date.fromisoformat(clean.nodes[f"kz-bin-{number}"]["incorporation_date"])
        assert born <= day - timedelta(days=365)
    assert not [n for n in clean.nodes.values() if n["topics"] or (n["schema"] == "Person"
                and n["phone"])]  # fmt: skip
    assert {a.ocid[:17] for a in clean.awards} == {"ocds-kzsyn-000000"}  # nothing planted


def test_clean_declarations_are_on_time_and_declare_no_company(clean: Graph) -> None:
    employed = {e["source"] for e in clean.edges if e["schema"] == "Employment"}
    assert {f"kz-iin-{d['person_id']}" for d in clean.declarations} == employed
    for document in clean.declarations:
        assert date.fromisoformat(document["submitted_on"]) < date(document["year"] + 1, 9, 15)
        assert document["securities"] == []
        assert [i["source_code"] for i in document["incomes"]] == [document["body"]]


def test_each_pattern_is_planted_once_with_its_path_holding_on_the_day(planted: Graph) -> None:
    assert Counter(row["pattern"] for row in planted.truth) == dict.fromkeys(
        (*PLANTED, *NEAR_MISSES), 1
    )
    rows = {row["pattern"]: row for row in planted.truth}
    official, spouse, supplier = rows["B01"]["path"]
    day = planted.award(rows["B01"]["ocid"]).day
    assert planted.ties("Family", official, spouse, day)
    assert planted.ties("Ownership", spouse, supplier, day)
    buyer = f"kz-bin-{planted.award(rows['B01']['ocid']).buyer}"
    assert planted.ties("Employment", official, buyer, day)
    first, director, second = rows["B04-director"]["path"]
    day = planted.award(rows["B04-director"]["ocid"]).day
    assert planted.ties("Directorship", director, first, day)
    assert planted.ties("Directorship", director, second, day)
    one, other = (planted.nodes[c] for c in rows["B04-phone"]["subjects"])
    assert phone_e164(one["phone"][0]) == phone_e164(other["phone"][0])
    fresh = planted.nodes[rows["B05"]["subjects"][0]]
    day = planted.award(rows["B05"]["ocid"]).day
    assert fresh["incorporation_date"] == (day - timedelta(days=FRESH_DAYS)).isoformat()
    shells = [planted.nodes[c] for c in rows["B06-address"]["subjects"]]
    assert len(shells) == MASS and len({address_key(c["address"][0]) for c in shells}) == 1
    nominee, *directed = rows["B06-director"]["path"]
    assert len(directed) == MASS
    assert all(planted.ties("Directorship", nominee, c, date(2026, 1, 1)) for c in directed)


def test_officials_declarations_and_lists_are_planted_as_the_truth_says(planted: Graph) -> None:
    rows = {row["pattern"]: row for row in planted.truth}
    declared = {d["declaration_id"]: d for d in planted.declarations}
    official, company = rows["B02"]["path"]
    year = planted.award(rows["B02"]["ocid"]).day.year
    [shares] = declared[f"{official.removeprefix('kz-iin-')}-{year}"]["securities"]
    assert f"kz-bin-{shares['issuer_code']}" == company
    official, company = rows["B02-near-miss"]["path"]
    [document] = [d for d in planted.declarations if d["person_id"] == official[7:]]
    [body] = [e["target"] for e in planted.edges if e["source"] == official]
    later = [a.day.year for a in planted.awards
             if (f"kz-bin-{a.supplier}", f"kz-bin-{a.buyer}") == (company, body)]  # fmt: skip
    assert document["year"] + 1 < min(later)  # B02 covers a declaration's year and the next
    person, company = rows["B07"]["path"]
    day = planted.award(rows["B07"]["ocid"]).day
    [left] = [e["end_day"] for e in planted.edges if e["schema"] == "Employment"
              and e["source"] == person]  # fmt: skip
    [joined] = [e["start_day"] for e in planted.edges if e["schema"] == "Directorship"
                and e["source"] == person]  # fmt: skip
    assert left < joined < day and (joined - left).days == 183
    for pattern, topic in (("B09", "role.pep"), ("B10", "crime.corruption")):
        holder, company = rows[pattern]["path"]
        assert planted.nodes[holder]["topics"] == [topic]
        assert planted.ties("Ownership" if topic == "role.pep" else "Directorship", holder,
                            company, planted.award(rows[pattern]["ocid"]).day)  # fmt: skip
    late = [d for d in planted.declarations if d["submitted_on"] > f"{d['year'] + 1}-09-15"]
    assert sorted(f"kz-iin-{d['person_id']}" for d in late) == sorted(
        rows[p]["path"][0] for p in ("B11", "B11-near-miss")
    )


def test_company_facts(clean: Graph, planted: Graph) -> None:
    """Clean companies keep their founding capital and have staff and 2-6 % tax every year; the
    planted raise is 500-fold 30 days before its award, the planted year has no staff."""
    facts = clean.facts
    assert {r["company_id"] for r in facts} == {c["id"][7:] for c in clean.companies()}
    for row in facts:
        if row["capital"]:
            assert float(row["capital"]) == FOUNDING_CAPITAL
        else:
            assert int(row["employees"]) >= 5
            assert 0.02 <= float(row["tax_paid"]) / float(row["turnover"]) <= 0.06 + 1e-6
    rows = {row["pattern"]: row for row in planted.truth}
    fact, company = rows["B05-capital"]["path"]
    day = planted.award(rows["B05-capital"]["ocid"]).day
    assert fact == f"capital:{company}@{(day - timedelta(days=30)).isoformat()}"
    [year] = [r for r in planted.facts if f"facts:kz-bin-{r['company_id']}@{r['date']}"
              == rows["B06-staff"]["path"][0]]  # fmt: skip
    assert year["employees"] == "0"


def test_planted_market(planted: Graph) -> None:
    """B08: one supplier winning four awards from one buyer only; the share jump: a supplier
    winning two thirds of a body's value in the year after its owner's brother took office."""
    rows = {row["pattern"]: row for row in planted.truth}
    body, company = rows["B08"]["path"]
    won = [a for a in planted.awards if f"kz-bin-{a.supplier}" == company]
    assert len(won) == 4 and {f"kz-bin-{a.buyer}" for a in won} == {body}
    body, appointee, brother, company = rows["B09-share-jump"]["path"]
    ends = ("Employment", appointee, body)
    [start] = [e["start_day"] for e in planted.edges
               if (e["schema"], e["source"], e["target"]) == ends]  # fmt: skip
    assert planted.ties("Family", appointee, brother, start)
    assert planted.ties("Ownership", brother, company, start)
    after = [a for a in planted.awards if f"kz-bin-{a.buyer}" == body
             and start <= a.day < start + timedelta(days=365)]  # fmt: skip
    mine = sum(a.value for a in after if f"kz-bin-{a.supplier}" == company)
    assert mine / sum(a.value for a in after) == pytest.approx(2 / 3)
    body, appointee, brother, company = rows["B09-share-jump-near-miss"]["path"]
    assert not planted.ties("Ownership", brother, company, date(2030, 1, 1))


def test_near_misses_only_look_alike(planted: Graph) -> None:
    rows = {row["pattern"]: row for row in planted.truth}
    assert all(rows[name]["near_miss"] for name in NEAR_MISSES)
    assert not any(row["near_miss"] for row in planted.truth if row["pattern"] in PLANTED)
    official, spouse, supplier = rows["B01-near-miss"]["path"]
    days = [a.day for a in planted.awards if f"kz-bin-{a.supplier}" == supplier]
    assert not [d for d in days if planted.ties("Family", official, spouse, d)
                and planted.ties("Ownership", spouse, supplier, d)]  # fmt: skip
    mails = [parse_email(planted.nodes[c]["email"][0]) for c in rows["B04-free-mail"]["subjects"]]
    assert {m.domain for m in mails} == {"gmail.com"} and all(m.free_mail for m in mails)


def test_same_seed_same_world(tmp_path: Path) -> None:
    one = generate_world(tmp_path / "a", 300, seed=5)
    two = generate_world(tmp_path / "b", 300, seed=5)
    for name in ("releases", "graph", "truth", "declarations", "facts"):
        assert getattr(one, name).read_bytes() == getattr(two, name).read_bytes(), name
