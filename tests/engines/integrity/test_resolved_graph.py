"""Entity resolution inside the graph: linked nodes merge for the patterns and unfold in evidence.

By hand: two records of one person merge into the smaller id, ties keep the ends they were read
with, and a path entering through one record and leaving through another shows the `SameAs` link
(a chain of two when the records are linked through a third) and pays its probability.

End to end: an official whose post is in the civil-service register
(Cyrillic, with patronymic) owns, under his passport spelling in the company register (Latin, no
patronymic), the supplier his body awards. Among a population of two noisy registers, resolution
links the two records and B01 finds the conflict with the link in its path; without resolution
there is nothing to find. With the Spark backend the same job hands Splink a Spark database (the
engines' equality on one input is tested in tests/engines/resolution/test_spark_backend.py; a
whole graph resolution on Spark costs minutes of Splink's fixed per-query time, so it is not
repeated here).
"""
# ruff: noqa: RUF001  (Kazakh registers write Cyrillic names)

from __future__ import annotations

from datetime import date
from pathlib import Path
from random import Random
from typing import Any

import pyarrow.parquet as pq
import pytest

from adaldyq.engines.integrity.identities import record_keys
from adaldyq.engines.integrity.merge import SAME_AS, Link, merge_graph, unfold_evidence
from adaldyq.engines.integrity.paths import path_evidence
from adaldyq.engines.integrity.runner import run_patterns
from adaldyq.engines.integrity.ties import Tie, TieGraph
from adaldyq.jobs.graph import linkage_database_for, resolve_graph
from adaldyq.model.identity.identifiers import is_valid_iin
from adaldyq.store.backend import Backend
from adaldyq.store.catalog import Workspace
from adaldyq.synthetic.declaration_people import iin
from adaldyq.synthetic.people_registers import person_registers
from tests.engines.integrity.world import GRAPH, World, by_rule, make_bin, settings_for


def _node(node_id: str, name: str, **fields: Any) -> dict[str, Any]:
    return {"id": node_id, "schema": "Person", "name": name, "aliases": [], "identifiers": [],
            "topics": [], **fields}  # fmt: skip


def _graph() -> TieGraph:
    nodes = [
        _node("a", "Асанов Ерлан Серікұлы", topics=["role.pep"]),
        _node("b", "Asanov Yerlan", topics=["role.rca"]),
        _node("c", "Асанов Е.", identifiers=[{"property": "idNumber", "scheme": None, "id": "1"}]),
        {"id": "body", "schema": "PublicBody", "name": "Акимат"},
        {"id": "firm", "schema": "Company", "name": "ТОО Альфа"},
    ]
    ties = [
        Tie("job", "Employment", "a", "body", start_day=date(2019, 1, 1)),
        Tie("owns", "Ownership", "c", "firm", start_day=date(2018, 1, 1)),
    ]
    return TieGraph.build(nodes, ties)


LINKS = [
    Link("a", "b", 0.9, "splink", "surname and given name exact (+7.7)"),
    Link("b", "c", 0.8, "splink", "surname exact (+4.0)"),
]


def test_linked_records_merge_into_the_smallest_id() -> None:
    merged, how = merge_graph(_graph(), LINKS)
    assert set(merged.nodes) == {"a", "body", "firm"}
    person = merged.nodes["a"]
    assert person["referents"] == ["a", "b", "c"]
    assert person["aliases"] == ["Asanov Yerlan", "Асанов Е."]
    assert person["topics"] == ["role.pep", "role.rca"]
    assert [i["id"] for i in person["identifiers"]] == ["1"]
    [owns] = merged.ties_into("firm", {"Ownership"}, None)
    ends = (owns.source, owns.read_source, owns.target, owns.read_target)
    assert ends == ("a", "c", "firm", None)
    assert how.canonical == {"a": "a", "b": "a", "c": "a"}


def test_a_merged_node_answers_to_every_record_it_holds() -> None:
    """A declaration naming record `b` finds the merged person (B02, B11 join on these keys)."""
    merged, _ = merge_graph(_graph(), LINKS)
    assert record_keys(merged.nodes["a"]) == {"a", "b", "c", "1"}
    assert record_keys(merged.nodes["firm"]) == {"firm"}


def test_a_link_between_two_different_iins_is_refused() -> None:
    """Two registered people (two valid IINs) are never one, however their names agree; a chain
    through a record without a number does not join them either."""
    first, second = (iin(Random(n), date(1975, 3, 14), True, set()) for n in (1, 2))
    assert first != second and is_valid_iin(first) and is_valid_iin(second)
    number = {"property": "idNumber", "scheme": "KZ-IIN"}
    nodes = [
        _node("p1", "Асанов Ерлан", identifiers=[number | {"id": first}]),
        _node("p2", "Asanov Yerlan"),
        _node("p3", "Асанов Ерлан", identifiers=[number | {"id": second}]),
    ]
    links = [Link("p1", "p2", 0.95, "splink", ""), Link("p2", "p3", 0.93, "splink", "")]
    merged, how = merge_graph(TieGraph.build(nodes, []), links)
    assert set(merged.nodes) == {"p1", "p3"}
    assert (how.canonical, how.refused) == ({"p1": "p1", "p2": "p1"}, 1)


def test_ties_between_records_of_one_node_are_left_out_and_refs_follow_the_merge() -> None:
    nodes = [
        _node("a", "Асанов Ерлан"),
        _node("b", "Asanov Yerlan"),
        {"id": "body-1", "schema": "PublicBody", "name": "Акимат", "refs": []},
        {"id": "body-2", "schema": "PublicBody", "name": "Akimat", "refs": []},
        {"id": "post", "schema": "Position", "name": "Аким",
         "refs": [{"property": "organization", "id": "body-2"}]},
    ]  # fmt: skip
    ties = [Tie("fam", "Family", "a", "b"), Tie("held", "Occupancy", "b", "post")]
    links = [Link("a", "b", 0.97, "splink", ""), Link("body-1", "body-2", 1.0, "bin", "BIN exact")]
    merged, how = merge_graph(TieGraph.build(nodes, ties), links)
    assert merged.ties_at("a", {"Family"}, None) == []
    assert how.self_ties == 1
    assert merged.nodes["post"]["refs"] == [{"property": "organization", "id": "body-1"}]
    assert [t.id for t in merged.ties_out("a", {"Occupancy"}, None)] == ["held"]


def test_only_the_path_a_finding_rests_on_is_paid_for() -> None:
    """B04 lists alternative routes (`links[]`) beside the one it rests on (`path`): each is
    unfolded, but the score pays only for the links of `path`."""
    merged, how = merge_graph(_graph(), LINKS)
    [job] = merged.ties_out("a", {"Employment"}, None)
    [owns] = merged.ties_into("firm", {"Ownership"}, None)
    linked = path_evidence(["body", "a", "firm"], [job, owns])
    direct = path_evidence(["a", "firm"], [owns])
    evidence = {"path": direct, "links": [{"path": direct}, {"path": linked}]}
    unfolded, probability = unfold_evidence(evidence, how)
    assert probability == 1.0
    assert unfolded["links"][1]["path"]["same_as_probability"] == pytest.approx(0.72)
    assert unfolded["path"]["nodes"] == ["c", "firm"]


def test_a_path_through_two_records_shows_the_links_and_pays_their_probability() -> None:
    merged, how = merge_graph(_graph(), LINKS)
    [job] = merged.ties_out("a", {"Employment"}, None)
    [owns] = merged.ties_into("firm", {"Ownership"}, None)
    evidence = {"path": path_evidence(["body", "a", "firm"], [job, owns])}
    unfolded, probability = unfold_evidence(evidence, how)
    path = unfolded["path"]
    assert path["nodes"] == ["body", "a", "b", "c", "firm"]
    assert path["edge_types"] == ["Employment", SAME_AS, SAME_AS, "Ownership"]
    assert [e.get("match_probability") for e in path["edges"]] == [None, 0.9, 0.8, None]
    assert (path["edges"][3]["source"], path["edges"][3]["merged_source"]) == ("c", "a")
    assert probability == pytest.approx(0.72)
    assert unfolded["same_as_probability"] == pytest.approx(0.72)
    assert evidence["path"]["nodes"] == ["body", "a", "firm"], "the flag's evidence is not changed"


def test_a_path_that_stays_in_one_record_needs_no_link() -> None:
    merged, how = merge_graph(_graph(), LINKS)
    [owns] = merged.ties_into("firm", {"Ownership"}, None)
    evidence = {"path": path_evidence(["a", "firm"], [owns])}
    unfolded, probability = unfold_evidence(evidence, how)
    assert unfolded["path"]["nodes"] == ["c", "firm"]
    assert probability == 1.0
    assert "same_as_probability" not in unfolded


def test_links_to_nodes_no_longer_imported_are_ignored() -> None:
    merged, how = merge_graph(_graph(), [Link("a", "gone", 1.0, "iin", "IIN exact")])
    assert "referents" not in merged.nodes["a"]
    assert how.canonical == {}


BUYER, SUPPLIER = make_bin("0501", 100), make_bin("1502", 200)


def _two_registers(world: World) -> None:
    """People of two noisy registers of one population, so that Splink has pairs to learn from."""
    registers = person_registers(300, seed=5)
    for side, table in (("L", registers.left), ("R", registers.right)):
        for row in table.to_pylist():
            birth = row["birth_date"].isoformat() if row["birth_date"] else None
            world.entity(f"{side}-{row['record_id']}", "Person", name=row["name"], birthDate=birth)


def _conflict_world(tmp_path: Path) -> World:
    world = World()
    _two_registers(world)
    world.body("akimat", BUYER)
    world.company("alpha", SUPPLIER)
    official = world.entity("civil-service-1", "Person", name="Тоқаев Қасым Кемелұлы",
                            birthDate="1961-05-17")  # fmt: skip
    owner = world.entity("company-register-9", "Person", name="Tokayev Kassym",
                         birthDate="1961-05-17")  # fmt: skip
    world.tie("Employment", official, "akimat", "2019-01-01")
    world.tie("Ownership", owner, "alpha", "2020-06-01")
    world.tender("ocds-1", BUYER, [SUPPLIER], SUPPLIER, award_day="2023-04-01")
    world.write(tmp_path)
    return world


@pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)
def test_b01_finds_the_official_under_his_passport_spelling(
    tmp_path: Path, backend: Backend
) -> None:
    _conflict_world(tmp_path)
    settings = settings_for(tmp_path, ["B01"])
    workspace = Workspace(tmp_path / "ws")
    before = run_patterns(backend, workspace, settings, "test", GRAPH, "tenders")
    assert by_rule(before.findings, "B01") == [], "two records, no tie between them yet"

    summary = resolve_graph(settings, GRAPH)
    registers = person_registers(300, seed=5)
    assert summary.compared["person"] == registers.left.num_rows + registers.right.num_rows + 2
    assert summary.links.get("splink", 0) > 100, "the registers' true pairs are linked too"

    after = run_patterns(backend, workspace, settings, "test", GRAPH, "tenders")
    [finding] = by_rule(after.findings, "B01")
    path = finding.evidence["path"]
    assert path["nodes"] == ["akimat", "civil-service-1", "company-register-9", "alpha", "ocds-1/1"]
    assert path["edge_types"] == ["Employment", SAME_AS, "Ownership", "ContractAward"]
    link = path["edges"][1]
    assert link["match_probability"] >= settings.integrity.resolution_threshold
    assert "birth date" in link["decided_by"]
    assert finding.evidence["same_as_probability"] == round(link["match_probability"], 6)
    assert finding.score <= finding.evidence["weight"] * link["match_probability"], (
        "a finding that rests on a link ranks below a certain one"
    )


@pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)
def test_namesakes_born_on_other_days_are_not_merged(tmp_path: Path, backend: Backend) -> None:
    """The same spelling pair with different birth dates: two people, no conflict."""
    world = _conflict_world(tmp_path)
    owner = next(e for e in world.entities if e["id"] == "company-register-9")
    owner["properties"]["birthDate"] = ["1984-11-02"]
    world.write(tmp_path)
    settings = settings_for(tmp_path, ["B01"])
    summary = resolve_graph(settings, GRAPH)
    assert summary.links.get("splink", 0) > 100, "resolution ran and linked the registers' pairs"
    links = pq.read_table(Workspace(tmp_path / "ws").partition_dir("same_as", GRAPH)).to_pylist()
    pair = {"civil-service-1", "company-register-9"}
    assert not [row for row in links if {row["left_id"], row["right_id"]} == pair]
    result = run_patterns(backend, Workspace(tmp_path / "ws"), settings, "test", GRAPH, "tenders")
    assert by_rule(result.findings, "B01") == []


@pytest.mark.spark
def test_the_spark_backend_resolves_on_spark(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, ["B01"]).model_copy(update={"backend": "spark"})
    database = linkage_database_for(settings, Workspace(settings.workspace))
    assert database.sql_dialect.sql_dialect_str == "spark"
    duckdb = linkage_database_for(
        settings.model_copy(update={"backend": "duckdb"}), Workspace(tmp_path)
    )
    assert duckdb.sql_dialect.sql_dialect_str == "duckdb"
