"""Graph CSV forms: an official, his wife and the company she owns, read by hand; bad lines
rejected with file, line and field; an invalid IIN masked in its issue; the ownership checks on
CSV ties; and B01 finding the kinship when the body awards the wife's company."""
# ruff: noqa: RUF001  (Kazakh registers write Cyrillic names and addresses)

from __future__ import annotations

from datetime import date
from pathlib import Path
from random import Random

import pytest

from adaldyq.engines.integrity.runner import run_patterns
from adaldyq.errors import InputError
from adaldyq.ingest.graph import detect_format
from adaldyq.jobs.graph import import_graph
from adaldyq.store.backend import Backend
from adaldyq.store.catalog import Workspace
from adaldyq.synthetic.declaration_people import iin
from tests.engines.integrity.world import GRAPH, World, by_rule, make_bin, path_of, settings_for
from tests.ingest.graph_helpers import run_import

OFFICIAL = iin(Random(1), date(1975, 3, 14), True, set())
WIFE = iin(Random(2), date(1978, 6, 2), False, set())
BUYER, ALPHA = make_bin("0501", 100), make_bin("1502", 200)

PEOPLE = f"""person_id,name,birth_date,nationality,topics
{OFFICIAL},Асанов Ерлан,1975-03-14,KZ,role.pep
{WIFE},Асанова Айгуль,1978-06,kz,
"""
ORGANISATIONS = f"""\ufefforg_id;kind;name;incorporation_date;address;phone;email;country
{BUYER};public_body;Акимат;;;;;kz
{ALPHA};company;ТОО Альфа;2015-02-10;г. Алматы, ул. Абая 1;+7 727 100 2030;info@alpha.kz;kz
"""
RELATIONS = f"""relation;source_id;target_id;role;share_percent;start_date;end_date
employment;{OFFICIAL};{BUYER};аким;;2019-01-01;
family;{OFFICIAL};{WIFE};spouse;;2010-05-01;
ownership;{WIFE};{ALPHA};;60,5;2018-01;
"""


def _write(root: Path, **forms: str) -> list[Path]:
    root.mkdir(parents=True, exist_ok=True)
    paths = [root / f"{name}.csv" for name in forms]
    for path, content in zip(paths, forms.values(), strict=True):
        path.write_text(content, encoding="utf-8")
    return paths


def _world_files(root: Path) -> list[Path]:
    return _write(root / "in", people=PEOPLE, organisations=ORGANISATIONS, relations=RELATIONS)


def test_official_wife_and_her_company_read_by_hand(tmp_path: Path) -> None:
    files = _world_files(tmp_path)
    assert [detect_format(str(f)) for f in files] == ["csv"] * 3
    run = run_import(tmp_path, files)
    assert [(c.read, c.loaded, c.rejected) for c in run.report.files.values()] == [
        (2, 2, 0)
    ] * 2 + [(3, 3, 0)]
    assert (run.issues, run.rejects) == ([], [])
    official, wife = run.node(f"kz-iin-{OFFICIAL}"), run.node(f"kz-iin-{WIFE}")
    assert (official["schema"], official["name"], official["birth_date"]) == (
        "Person",
        "Асанов Ерлан",
        "1975-03-14",
    )
    assert (official["nationality"], official["topics"], wife["birth_date"]) == (
        ["kz"],
        ["role.pep"],
        "1978-06",
    )
    assert official["identifiers"] == [{"property": "idNumber", "scheme": "KZ-IIN", "id": OFFICIAL}]
    assert (official["source_file"], official["source_line"]) == (str(files[0]), 2)
    body, alpha = run.node(f"kz-bin-{BUYER}"), run.node(f"kz-bin-{ALPHA}")
    assert (body["schema"], body["name"], body["country"], body["address"]) == (
        "PublicBody",
        "Акимат",
        ["kz"],
        [],
    )
    assert (alpha["schema"], alpha["incorporation_date"], alpha["address"]) == (
        "Company",
        "2015-02-10",
        ["г. Алматы, ул. Абая 1"],
    )
    assert (alpha["phone"], alpha["email"], alpha["identifiers"]) == (
        ["+7 727 100 2030"],
        ["info@alpha.kz"],
        [{"property": "registrationNumber", "scheme": "KZ-BIN", "id": ALPHA}],
    )
    edges = {
        e["schema"]: (e["source"], e["target"], e["role"], e["relationship"], e["start_day"])
        for e in run.edges
    }
    assert edges == {
        "Employment": (
            f"kz-iin-{OFFICIAL}", f"kz-bin-{BUYER}", "аким", None, date(2019, 1, 1)
        ),
        "Family": (f"kz-iin-{OFFICIAL}", f"kz-iin-{WIFE}", None, "spouse", date(2010, 5, 1)),
        "Ownership": (f"kz-iin-{WIFE}", f"kz-bin-{ALPHA}", None, None, date(2018, 1, 1)),
    }  # fmt: skip
    owned = next(e for e in run.edges if e["schema"] == "Ownership")
    assert (owned["share_exact"], owned["start_date"], owned["end_day"], owned["source_line"]) == (
        60.5,
        "2018-01",
        None,
        4,
    )


def test_a_topic_outside_the_ftm_vocabulary_is_an_issue_and_kept(tmp_path: Path) -> None:
    people = PEOPLE.replace(",role.pep\n", ',"role.pep,crime.corruption,gov.minister"\n')
    root = tmp_path / "in"
    files = _write(root, people=people, organisations=ORGANISATIONS, relations=RELATIONS)
    run = run_import(tmp_path, files)
    official = run.node(f"kz-iin-{OFFICIAL}")
    assert official["topics"] == ["role.pep", "crime.corruption", "gov.minister"]
    [issue] = run.issues
    assert (issue["file"], issue["line"], issue["path"]) == (str(files[0]), 2, "topics")
    assert "'gov.minister' is not an FtM topic" in issue["reason"]


def test_a_folder_of_forms_is_read_whole(tmp_path: Path) -> None:
    """A folder given as input yields its CSV forms beside its JSON files, each read once."""
    files = _world_files(tmp_path)
    (tmp_path / "in" / "notes.txt").write_text("not a form", encoding="utf-8")
    run = run_import(tmp_path, [tmp_path / "in"])
    assert sorted(run.report.files) == sorted(str(f) for f in files)
    assert (run.report.read, run.report.loaded, run.report.rejected) == (7, 7, 0)


def test_a_folder_without_any_input_names_what_it_looks_for(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("nothing here", encoding="utf-8")
    with pytest.raises(InputError, match=r"\.jsonl.*\.csv"):
        run_import(tmp_path, [tmp_path / "empty"])


def test_bad_lines_are_rejected_with_file_line_and_field(tmp_path: Path) -> None:
    bad = (
        "relation,source_id,target_id,share_percent,start_date\n"
        f"ownership,{WIFE},{ALPHA},40,2018-13-01\n"
        f"marriage,{OFFICIAL},{WIFE},,\n"
        f"family,,{WIFE},,\n"
        f"ownership,{WIFE},{ALPHA},150,\n"
        f"family,{OFFICIAL},{WIFE},20,\n"
        f"ownership,{WIFE},{ALPHA},40,2018\n"
    )
    [relations] = _write(tmp_path / "in", relations=bad)
    run = run_import(tmp_path, [relations])
    counts = run.report.counts(str(relations))
    assert (counts.read, counts.loaded, counts.rejected) == (6, 1, 5)
    assert [(r["file"], r["line"], r["path"]) for r in run.rejects] == [
        (str(relations), 2, "start_date"),
        (str(relations), 3, "relation"),
        (str(relations), 4, "source_id"),
        (str(relations), 5, "share_percent"),
        (str(relations), 6, "share_percent"),
    ]
    assert "not a calendar date" in run.rejects[0]["reason"]
    assert "unknown relation 'marriage'" in run.rejects[1]["reason"]
    assert run.rejects[2]["reason"] == "required value is missing"
    assert "between 0 and 100" in run.rejects[3]["reason"]
    # the one loaded tie names people and a company this import does not hold
    assert [(i["line"], i["path"]) for i in run.issues] == [(7, "source_id"), (7, "target_id")]


def test_an_invalid_iin_is_an_issue_with_the_number_masked(tmp_path: Path) -> None:
    wrong = OFFICIAL[:11] + str((int(OFFICIAL[11]) + 1) % 10)
    people = f"person_id,name\n{wrong},Асанов Ерлан\nlocal-7,Бекова Сауле\n"
    [file] = _write(tmp_path / "in", people=people)
    run = run_import(tmp_path, [file])
    [issue] = run.issues
    assert (issue["line"], issue["path"]) == (2, "person_id")
    assert wrong not in issue["reason"]
    assert "IIN 750314******" in issue["reason"]
    assert run.node(wrong)["identifiers"] == []
    assert run.node("local-7")["name"] == "Бекова Сауле"


def test_shares_above_100_percent_are_an_issue_on_csv_ties(tmp_path: Path) -> None:
    relations = (
        "relation,source_id,target_id,share_percent,start_date\n"
        f"ownership,{OFFICIAL},{ALPHA},60,2018-01-01\n"
        f"ownership,{WIFE},{ALPHA},50,2019-01-01\n"
    )
    files = _write(tmp_path / "in", people=PEOPLE, organisations=ORGANISATIONS, relations=relations)
    run = run_import(tmp_path, files)
    [issue] = run.issues
    assert (issue["line"], issue["path"]) == (2, "share")
    assert "add up to 110 % on 2019-01-01" in issue["reason"]


def test_a_form_is_told_by_its_header(tmp_path: Path) -> None:
    [file] = _write(tmp_path / "in", other="id,name\n1,x\n")
    with pytest.raises(InputError, match="person_id"):
        import_graph(Workspace(tmp_path / "ws"), [str(file)])


@pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)
def test_b01_finds_the_wife_of_the_official_owning_the_supplier(
    tmp_path: Path, backend: Backend
) -> None:
    """The CSV graph meets OCDS: the akimat's award to Alpha is the official's wife's holding."""
    world = World()
    world.tender("ocds-1", BUYER, [ALPHA], ALPHA, award_day="2023-04-01")
    procurement = world.write(tmp_path)
    workspace = Workspace(tmp_path / "ws")
    import_graph(workspace, [str(f) for f in _world_files(tmp_path)], GRAPH)
    settings = settings_for(tmp_path, ["B01"])
    result = run_patterns(backend, workspace, settings, "test", GRAPH, procurement)
    [finding] = by_rule(result.findings, "B01")
    official, wife = f"kz-iin-{OFFICIAL}", f"kz-iin-{WIFE}"
    assert (finding.subject_id, finding.evidence["official"], finding.evidence["interested"]) == (
        "ocds-1",
        official,
        wife,
    )
    assert path_of(finding) == (
        [f"kz-bin-{BUYER}", official, wife, f"kz-bin-{ALPHA}", "ocds-1/1"],
        ["Employment", "Family", "Ownership", "ContractAward"],
    )


POSITIONS = f"""position_id,name,body_id,country,topics
akim-post,Аким города,{BUYER},kz,"role.pep,gov.muni"
"""


@pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)
def test_a_post_of_the_body_held_through_occupancy_places_the_official(
    tmp_path: Path, backend: Backend
) -> None:
    """The official holds the akim's post (a positions line, an occupancy relation) instead of
    an employment: B01 reaches the body through the post's `organization`."""
    relations = RELATIONS.replace(
        f"employment;{OFFICIAL};{BUYER};аким;;2019-01-01;",
        f"occupancy;{OFFICIAL};akim-post;;;2019-01-01;",
    )
    files = _write(tmp_path / "in", people=PEOPLE, organisations=ORGANISATIONS,
                   positions=POSITIONS, relations=relations)  # fmt: skip
    run = run_import(tmp_path, files)
    assert (run.issues, run.rejects) == ([], [])
    post = run.node("akim-post")
    assert (post["schema"], post["name"], post["topics"]) == (
        "Position", "Аким города", ["role.pep", "gov.muni"],
    )  # fmt: skip
    assert post["refs"] == [{"property": "organization", "id": f"kz-bin-{BUYER}"}]
    world = World()
    world.tender("ocds-1", BUYER, [ALPHA], ALPHA, award_day="2023-04-01")
    procurement = world.write(tmp_path)
    workspace = Workspace(tmp_path / "ws")
    import_graph(workspace, [str(f) for f in files], GRAPH)
    settings = settings_for(tmp_path, ["B01"])
    result = run_patterns(backend, workspace, settings, "test", GRAPH, procurement)
    [finding] = by_rule(result.findings, "B01")
    official, wife = f"kz-iin-{OFFICIAL}", f"kz-iin-{WIFE}"
    assert path_of(finding) == (
        [f"kz-bin-{BUYER}", "akim-post", official, wife, f"kz-bin-{ALPHA}", "ocds-1/1"],
        ["Position organization", "Occupancy", "Family", "Ownership", "ContractAward"],
    )
