"""The hand-made fixtures convert to the OCDS the mapping of GOSZAKUP.md §4 describes, every record
is accounted for, and a malformed one is rejected with its entity, id and field."""

# ruff: noqa: RUF001  (goszakup's Russian names are the data)

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from adaldyq.errors import InputError
from adaldyq.ingest.goszakup.convert import convert
from adaldyq.settings import GoszakupSettings
from tests.ingest.goszakup.conftest import KEY, RAW, Converted

IIN = "850305300123"


def test_one_ocid_per_announcement_and_per_contract_without_one(converted: Converted) -> None:
    report, releases = converted
    assert sorted(releases) == [
        "ocds-kzgz00-gz-9001",
        "ocds-kzgz00-gz-9002",
        "ocds-kzgz00-gz-9003",
        "ocds-kzgz00-gz-9004",
        "ocds-kzgz00-gzc-7004",
    ]
    assert report.releases == 5


def test_every_record_is_converted_rejected_or_unused(converted: Converted) -> None:
    report, _ = converted
    counts = {e: (c.read, c.converted, c.rejected, c.unused) for e, c in report.entities.items()}
    assert counts == {
        "trd_buy": (4, 4, 0, 0),
        "lots": (5, 5, 0, 0),
        "trd_app": (8, 8, 0, 0),
        "contract": (9, 8, 1, 0),
        "contract_units": (6, 5, 1, 0),
        "acts": (3, 3, 0, 0),
        "treasury_pay": (4, 4, 0, 0),
        "plans": (8, 6, 1, 1),
        "subject": (8, 7, 1, 0),
    }
    assert report.balanced


def test_rejects_name_entity_id_and_field(converted: Converted) -> None:
    report, releases = converted
    rejects = [orjson.loads(line) for line in report.rejects.read_bytes().splitlines()]
    named = {(r["file"], r["record"], r["path"]) for r in rejects}
    assert named == {
        ("contract.jsonl", "contract 7005", "sign_date"),
        ("contract_units.jsonl", "contract_units 7205", "contract_id"),
        ("plans.jsonl", "plans 5601", "price"),
        ("subject.jsonl", "subject 2006", "bin"),
    }
    assert "040140001237" not in report.rejects.read_text(encoding="utf-8")  # numbers masked
    assert not any(c["id"] == "7005" for r in releases.values() for c in r.get("contracts", []))


def test_parties_carry_kz_bin_and_registration_dates(converted: Converted) -> None:
    _, releases = converted
    parties = {p["id"]: p for p in releases["ocds-kzgz00-gz-9001"]["parties"]}
    buyer = parties["KZ-BIN-040140001236"]
    assert buyer["identifier"]["scheme"] == "KZ-BIN"
    assert buyer["roles"] == ["buyer", "procuringEntity"]
    winner = parties["KZ-BIN-240540007896"]
    assert winner["details"]["registrationDate"].startswith("2024-05-14")
    assert winner["details"]["scale"] == "sme"
    assert sorted(winner["roles"]) == ["supplier", "tenderer"]
    # MedSnab has no regdate: the BIN's year and month date it (GOSZAKUP.md §1.6)
    medsnab = {p["id"]: p for p in releases["ocds-kzgz00-gz-9003"]["parties"]}
    details = medsnab["KZ-BIN-191040005555"]["details"]
    assert (details["registrationDate"], details["x_gz_regdate_source"]) == ("2019-10-01", "bin")


def test_an_entrepreneurs_iin_is_pseudonymised(converted: Converted) -> None:
    _, releases = converted
    release = releases["ocds-kzgz00-gzc-7004"]
    assert IIN not in orjson.dumps(release).decode()
    supplier = next(p for p in release["parties"] if "supplier" in p["roles"])
    assert supplier["identifier"]["scheme"] == "KZ-IIN"
    assert supplier["id"] == f"KZ-IIN-{supplier['identifier']['id']}"
    assert release["awards"][0]["suppliers"][0]["id"] == supplier["id"]


def test_no_output_file_holds_the_iin(converted: Converted) -> None:
    report, _ = converted
    outputs = [report.output, report.rejects, report.issues_file, report.bid_scores]
    for path in outputs:
        assert path is not None
        assert IIN not in path.read_text(encoding="utf-8"), path


def test_the_same_key_gives_the_same_pseudonym_and_keep_mode_keeps_the_iin(tmp_path: Path) -> None:
    def supplier_id(settings: GoszakupSettings, name: str) -> str:
        output = tmp_path / name
        convert(RAW, output, settings)
        for line in output.read_bytes().splitlines():
            release = orjson.loads(line)
            if release["ocid"].endswith("gzc-7004"):
                return str(release["awards"][0]["suppliers"][0]["id"])
        raise AssertionError("no direct contract")

    first = supplier_id(GoszakupSettings(iin_key=KEY), "a.jsonl")
    assert supplier_id(GoszakupSettings(iin_key=KEY), "b.jsonl") == first
    assert supplier_id(GoszakupSettings(iin_mode="keep"), "c.jsonl") == f"KZ-IIN-{IIN}"


def test_tender_lots_items_and_planning_come_from_announcement_lots_and_plan_points(
    converted: Converted,
) -> None:
    _, releases = converted
    release = releases["ocds-kzgz00-gz-9001"]
    tender = release["tender"]
    assert (tender["id"], tender["procurementMethod"], tender["mainProcurementCategory"]) == (
        "9001000-1",
        "open",
        "works",
    )
    assert tender["value"] == {"amount": 185000000.0, "currency": "KZT"}  # from a string
    assert tender["datePublished"] == "2024-11-20T10:00:00+05:00"
    assert [lot["status"] for lot in tender["lots"]] == ["complete", "unsuccessful"]
    assert [(i["id"], i["relatedLot"]) for i in tender["items"]] == [
        ("5101", "8101"),
        ("5102", "8102"),
    ]
    assert tender["items"][0]["classification"] == {
        "scheme": "KZ-ENSTRU",
        "id": "412040.000.000002",
    }
    assert release["planning"]["budget"]["amount"] == {"amount": 185000000.0, "currency": "KZT"}
    assert tender["numberOfTenderers"] == 3
    # published on 28 Feb 2024 (UTC+6), closing on 5 March (UTC+5)
    period = releases["ocds-kzgz00-gz-9003"]["tender"]["tenderPeriod"]
    assert period == {
        "startDate": "2024-02-28T18:00:00+06:00",
        "endDate": "2024-03-05T18:00:00+05:00",
    }


def test_bids_keep_the_rating_point_conditional_discount(converted: Converted) -> None:
    _, releases = converted
    release = releases["ocds-kzgz00-gz-9002"]
    assert release["tender"]["procurementMethodDetails"] == (
        "Конкурс с использованием рейтингово-балльной системы"
    )
    assert release["tender"]["awardCriteria"] == "ratedCriteria"
    bids = {b["id"]: b for b in release["bids"]["details"]}
    winner = bids["62002"]
    assert winner["value"] == {"amount": 24000000.0, "currency": "KZT"}
    assert (winner["x_gz_discountValue"], winner["x_gz_discountPrice"]) == (5.0, 22800000.0)
    assert winner["x_gz_status"] == "Победитель"
    # the winner has the lowest conditional price, though not the lowest offered amount
    lowest = min(bids.values(), key=lambda b: b["x_gz_discountPrice"])
    assert lowest["id"] == "62002"
    assert min(bids.values(), key=lambda b: b["value"]["amount"])["id"] == "62001"
    statuses = {b["id"]: b["status"] for b in releases["ocds-kzgz00-gz-9001"]["bids"]["details"]}
    assert statuses["61004"] == "disqualified"


def test_awards_are_derived_from_contracts_and_failed_lots(converted: Converted) -> None:
    _, releases = converted
    awards = releases["ocds-kzgz00-gz-9001"]["awards"]
    assert [(a["id"], a["status"], a.get("relatedLots")) for a in awards] == [
        ("8101-KZ-BIN-240540007896", "active", ["8101"]),
        ("8102-unsuccessful", "unsuccessful", ["8102"]),
    ]
    assert awards[0]["value"]["amount"] == 148000000.0
    assert awards[0]["date"] == "2024-12-16T11:00:00+05:00"


def test_agreements_become_amendments_and_execution_becomes_implementation(
    converted: Converted,
) -> None:
    _, releases = converted
    (contract,) = releases["ocds-kzgz00-gz-9001"]["contracts"]
    assert contract["dateSigned"] == "2024-12-27T17:30:00+05:00"
    assert [a["id"] for a in contract["amendments"]] == ["7101", "7102", "7103"]
    assert contract["value"]["amount"] == 162000000.0  # the latest agreement's sum
    assert contract["x_gz_initial_value"] == 148000000.0
    assert contract["period"]["endDate"] == "2026-03-31T00:00:00+05:00"
    transactions = contract["implementation"]["transactions"]
    assert sum(t["value"]["amount"] for t in transactions) == 162000000.0
    assert transactions[0]["payer"]["id"] == "KZ-BIN-040140001236"
    assert transactions[0]["payee"]["id"] == "KZ-BIN-240540007896"
    milestones = contract["implementation"]["milestones"]
    assert [(m["id"], m.get("status")) for m in milestones] == [
        ("act-7301", "met"),
        ("act-7302", None),
    ]


def test_a_contract_without_announcement_keeps_its_actual_method(converted: Converted) -> None:
    _, releases = converted
    release = releases["ocds-kzgz00-gzc-7004"]
    assert release["tender"]["procurementMethod"] == "direct"
    assert release["tender"]["x_gz_method_id"] == 23
    assert release["planning"]["items"][0]["id"] == "5401"
    assert release["contracts"][0]["dateSigned"] == "2024-12-24T09:15:00+05:00"


def test_the_ocid_prefix_is_a_setting(tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    convert(RAW, output, GoszakupSettings(ocid_prefix="ocds-abc123", iin_key=KEY))
    ocids = [orjson.loads(line)["ocid"] for line in output.read_bytes().splitlines()]
    assert all(ocid.startswith("ocds-abc123-gz") for ocid in ocids)


def test_a_line_that_is_not_json_is_rejected_and_the_rest_goes_on(tmp_path: Path) -> None:
    raw = _edited_copy(tmp_path, {"lots.jsonl": ("", "{not json\n")})
    report = convert(raw, tmp_path / "out.jsonl", GoszakupSettings(iin_key=KEY))
    assert (report.entities["lots"].read, report.entities["lots"].rejected) == (6, 1)
    assert report.releases == 5


def test_a_folder_without_entity_files_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no goszakup entity file"):
        convert(tmp_path, tmp_path / "out.jsonl", GoszakupSettings())


def test_a_malformed_agreement_is_rejected_alone(tmp_path: Path) -> None:
    bad_date = ('"sign_date": "2025-04-15 10:00:00"', '"sign_date": "15.04.2025"')
    raw = _edited_copy(tmp_path, {"contract.jsonl": bad_date})
    report = convert(raw, tmp_path / "out.jsonl", GoszakupSettings(iin_key=KEY))
    rejects = [orjson.loads(line) for line in report.rejects.read_bytes().splitlines()]
    assert ("contract 7102", "sign_date") in {(r["record"], r["path"]) for r in rejects}
    for line in (tmp_path / "out.jsonl").read_bytes().splitlines():
        release = orjson.loads(line)
        if release["ocid"].endswith("gz-9001"):
            amendments = release["contracts"][0]["amendments"]
            assert [a["id"] for a in amendments] == ["7101", "7103"]


def test_a_record_fetched_again_supersedes_its_earlier_version(tmp_path: Path) -> None:
    lines = (RAW / "trd_buy.jsonl").read_text(encoding="utf-8").splitlines()
    newer = orjson.loads(lines[2])
    newer["name_ru"] = "Услуги по вывозу и утилизации медицинских отходов"
    raw = _edited_copy(tmp_path, {"trd_buy.jsonl": ("", orjson.dumps(newer).decode() + "\n")})
    report = convert(raw, tmp_path / "out.jsonl", GoszakupSettings(iin_key=KEY))
    counts = report.entities["trd_buy"]
    assert (counts.read, counts.converted, counts.unused) == (5, 4, 1)
    assert report.issues == 1
    for line in (tmp_path / "out.jsonl").read_bytes().splitlines():
        release = orjson.loads(line)
        if release["ocid"].endswith("gz-9003"):
            assert release["tender"]["title"] == newer["name_ru"]


def _edited_copy(tmp_path: Path, edits: dict[str, tuple[str, str]]) -> Path:
    """The fixtures with one edit per file, {file: (old, new)}: `old` replaced by `new`, or `new`
    appended when `old` is empty (a line added by a later fetch)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in RAW.iterdir():
        text = path.read_text(encoding="utf-8")
        if path.name in edits:
            old, new = edits[path.name]
            assert old in text
            text = text.replace(old, new) if old else text + new
        (raw / path.name).write_text(text, encoding="utf-8")
    return raw


def _releases(output: Path) -> dict[str, Any]:
    lines = output.read_bytes().splitlines()
    return {r["ocid"]: r for r in (orjson.loads(line) for line in lines)}


def test_a_winner_without_contract_is_a_pending_award(tmp_path: Path) -> None:
    raw = _edited_copy(
        tmp_path,
        {"contract.jsonl": ('"id": 7003, "parent_id": null', '"id": 7003, "parent_id": 1')},
    )
    report = convert(raw, tmp_path / "out.jsonl", GoszakupSettings(iin_key=KEY))
    (award,) = _releases(tmp_path / "out.jsonl")["ocds-kzgz00-gz-9003"]["awards"]
    assert (award["id"], award["status"]) == ("8301-KZ-BIN-191040005555", "pending")
    assert award["value"] == {"amount": 4900000.0, "currency": "KZT"}
    assert report.balanced


def test_a_rejected_announcement_takes_its_parts_with_it(tmp_path: Path) -> None:
    old = '"publish_date": "2024-02-28 18:00:00"'
    raw = _edited_copy(tmp_path, {"trd_buy.jsonl": (old, '"publish_date": "вчера"')})
    report = convert(raw, tmp_path / "out.jsonl", GoszakupSettings(iin_key=KEY))
    assert "ocds-kzgz00-gz-9003" not in _releases(tmp_path / "out.jsonl")
    rejects = [orjson.loads(line) for line in report.rejects.read_bytes().splitlines()]
    why = {r["record"]: r["reason"] for r in rejects}
    assert why["trd_buy 9003"].startswith("publish_date: not a date")
    for part in ("lots 8301", "trd_app 6006", "contract 7003"):
        assert why[part] == "trd_buy_id: announcement 9003 rejected"
    assert why["contract_units 7203"] == "contract_id: contract 7003 rejected"
    assert report.balanced


def test_a_malformed_link_is_a_reject_not_a_crash(tmp_path: Path) -> None:
    old = '"id": 7004, "parent_id": null, "root_id": null, "trd_buy_id": null'
    new = '"id": 7004, "parent_id": null, "root_id": null, "trd_buy_id": "нет"'
    raw = _edited_copy(tmp_path, {"contract.jsonl": (old, new)})
    report = convert(raw, tmp_path / "out.jsonl", GoszakupSettings(iin_key=KEY))
    rejects = [orjson.loads(line) for line in report.rejects.read_bytes().splitlines()]
    assert ("contract 7004", "trd_buy_id") in {(r["record"], r["path"]) for r in rejects}
    assert report.releases == 4


def test_a_rejected_contract_leaves_no_role_behind(tmp_path: Path) -> None:
    # read after the contract's parties are registered, so they must be taken back
    bad = ('"fakt_trade_methods_id": 3,', '"fakt_trade_methods_id": "три",')
    raw = _edited_copy(tmp_path, {"contract.jsonl": bad})
    report = convert(raw, tmp_path / "out.jsonl", GoszakupSettings(iin_key=KEY))
    assert "fakt_trade_methods_id" in report.rejects.read_text(encoding="utf-8")
    release = _releases(tmp_path / "out.jsonl")["ocds-kzgz00-gz-9003"]
    assert "contracts" not in release
    roles = {p["id"]: p["roles"] for p in release["parties"]}
    assert roles["KZ-BIN-191040005555"] == ["tenderer"]  # no "supplier" from the rejected contract
    assert roles["KZ-BIN-100340004569"] == ["buyer", "procuringEntity"]


def test_contracts_whose_announcement_was_not_fetched_keep_their_process(tmp_path: Path) -> None:
    lines = (RAW / "trd_buy.jsonl").read_text(encoding="utf-8").splitlines()
    raw = _edited_copy(tmp_path, {"trd_buy.jsonl": (lines[2] + "\n", "")})  # drop 9003
    report = convert(raw, tmp_path / "out.jsonl", GoszakupSettings(iin_key=KEY))
    release = _releases(tmp_path / "out.jsonl")["ocds-kzgz00-gz-9003"]
    tender = release["tender"]
    assert (tender["id"], tender["x_gz_announcement_missing"]) == ("9003000-1", True)
    assert tender["procurementMethod"] == "open"  # the contract's actual method, 3
    assert [c["id"] for c in release["contracts"]] == ["7003"]
    issues = report.issues_file.read_text(encoding="utf-8")
    assert "announcement 9003 not in trd_buy.jsonl" in issues
    rejects = [orjson.loads(line) for line in report.rejects.read_bytes().splitlines()]
    assert {"lots 8301", "trd_app 6006"} <= {r["record"] for r in rejects}
    assert report.balanced


def test_an_original_that_names_itself_as_root_stays_the_original(tmp_path: Path) -> None:
    own_root = ('"id": 7002, "parent_id": null, "root_id": null', '"id": 7002, "root_id": 7002')
    raw = _edited_copy(tmp_path, {"contract.jsonl": own_root})
    convert(raw, tmp_path / "out.jsonl", GoszakupSettings(iin_key=KEY))
    (contract,) = _releases(tmp_path / "out.jsonl")["ocds-kzgz00-gz-9002"]["contracts"]
    assert (contract["id"], contract.get("amendments")) == ("7002", None)
