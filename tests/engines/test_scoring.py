"""Composite scores, the SASU materiality queue and the top-N audit list on planted findings."""

from __future__ import annotations

import pandas as pd
import pytest

from adaldyq.engines.audit import AUDIT_COLUMNS, build_audit_list
from adaldyq.engines.materiality import dense_rank01, materiality_queue, top
from adaldyq.engines.scoring import rule_weights, score
from adaldyq.settings import ScoringSettings
from tests.engines.scoring_fixtures import RULES, finding, findings, population, random_case

SETTINGS = ScoringSettings(weights={"R018": 0.5})
WEIGHTS = rule_weights(SETTINGS, RULES.values())


def _planted() -> tuple[pd.DataFrame, pd.DataFrame]:
    pop = population(
        [
            {"ocid": "p1", "value": 100, "buyer_id": "B1", "buyer_name": "Buyer One"},
            {"ocid": "p2", "value": 300, "buyer_id": "B1", "buyer_name": "Buyer One"},
            {"ocid": "p3", "value": 200, "buyer_id": "B2"},
            {"ocid": "p4", "value": 400, "buyer_id": "B2"},
            {"ocid": "p5", "value": 50, "currency": "USD", "buyer_id": "B2"},
            {"ocid": "p6", "value": None, "buyer_id": "B1", "value_source": None},
        ]
    )
    suppliers = pd.DataFrame(
        [("d", "p1", "S1", "Supplier One"), ("d", "p2", "S1", "Supplier One"),
         ("d", "p3", "S2", "Supplier Two")],
        columns=["dataset", "ocid", "supplier_id", "supplier_name"],
    )  # fmt: skip
    return pop, suppliers


PLANTED = findings(
    [
        finding("R018", "p1", 1.0),
        finding("R024", "p1", 0.4),
        finding("R018", "p2", 1.0),
        finding("R030", "p3", 0.2),
        finding("R030", "p3", 0.1),
        finding("R030", "p5", 1.0),
        finding("R038", "B1", 0.5, subject_type="buyer"),
        finding("R024", "S1", 0.0, subject_type="supplier", ocid="p1"),
        finding("R038", "S9", 0.25, subject_type="supplier"),
        finding("R018", "ghost", 1.0),
    ]
)


def test_weights_come_from_the_rule_unless_settings_override() -> None:
    assert WEIGHTS == {"R018": 0.5, "R024": 2.0, "R030": 1.0, "R038": 1.0}


def test_process_scores_are_weighted_sums_of_their_own_findings() -> None:
    pop, suppliers = _planted()
    scores = score(PLANTED, pop, WEIGHTS, suppliers)
    by_ocid = scores.processes.set_index("ocid")
    assert by_ocid["score"].to_dict() == {
        "p1": 1.3, "p2": 0.5, "p3": 0.3, "p4": 0.0, "p5": 1.0, "p6": 0.0
    }  # fmt: skip
    assert by_ocid["findings"].to_dict() == {"p1": 2, "p2": 1, "p3": 2, "p4": 0, "p5": 1, "p6": 0}
    c = scores.contributions.to_pandas()
    own_p1 = c[(c.subject_id == "p1") & (c.source == "own")].set_index("rule_code")
    assert own_p1.loc["R018", ["weight", "score", "contribution"]].tolist() == [0.5, 1.0, 0.5]
    assert own_p1.loc["R024", ["weight", "score", "contribution"]].tolist() == [2.0, 0.4, 0.8]
    assert own_p1.loc["R024", "explanation"] == "R024 fired on p1"
    p3 = c[(c.subject_id == "p3") & (c.source == "own")].iloc[0]
    assert (p3.findings, p3.score, p3.contribution) == (2, 0.3, 0.3)
    assert "ghost" not in set(c.subject_id)


def test_organisations_count_own_findings_and_roll_up_their_processes() -> None:
    pop, suppliers = _planted()
    scores = score(PLANTED, pop, WEIGHTS, suppliers)
    e = scores.entities.set_index(["subject_type", "subject_id"])
    columns = ["own_score", "process_score", "score", "processes", "flagged_processes", "place"]
    assert list(e.loc[("buyer", "B1"), columns]) == [0.5, 1.8, 2.3, 3, 2, 1]
    assert e.loc[("buyer", "B1"), "process_mean"] == 0.6
    assert e.loc[("buyer", "B1"), "name"] == "Buyer One"
    assert list(e.loc[("buyer", "B2"), columns]) == [0.0, 1.3, 1.3, 3, 2, 2]
    assert list(e.loc[("supplier", "S1"), columns]) == [0.0, 1.8, 1.8, 2, 2, 1]
    assert list(e.loc[("supplier", "S2"), columns]) == [0.0, 0.3, 0.3, 1, 1, 2]
    assert list(e.loc[("supplier", "S9"), columns]) == [0.25, 0.0, 0.25, 0, 0, 3]
    c = scores.contributions.to_pandas()
    rolled = c[(c.subject_id == "B1") & (c.source == "processes")].set_index("rule_code")
    assert rolled.loc["R018", ["findings", "score", "contribution"]].tolist() == [2, 2.0, 1.0]
    assert rolled.loc["R018", "explanation"] == "R018 flagged 2 of its 3 processes"
    assert rolled.loc["R024", "contribution"] == 0.8


def test_materiality_ranks_buckets_and_places() -> None:
    pop, suppliers = _planted()
    queue = materiality_queue(score(PLANTED, pop, WEIGHTS, suppliers).processes, SETTINGS)
    q = queue.set_index("ocid")
    assert q["score_rank"].round(9).to_dict() == {
        "p1": 1.0, "p2": 0.5, "p3": 0.25, "p4": 0.0, "p5": 0.75, "p6": 0.0
    }  # fmt: skip
    # values ranked within their currency: p5 is alone in USD, p6 has none
    assert q["value_rank"].round(9).to_dict() == {
        "p1": 0.0, "p2": 0.666666667, "p3": 0.333333333, "p4": 1.0, "p5": 0.0, "p6": 0.0
    }  # fmt: skip
    assert q["materiality"].round(6).to_dict() == {
        "p1": 0.5, "p2": 0.583333, "p3": 0.291667, "p4": 0.5, "p5": 0.375, "p6": 0.0
    }  # fmt: skip
    assert q["bucket"].to_dict() == {
        "p1": "high", "p2": "medium", "p3": "low", "p4": "low", "p5": "medium", "p6": "low"
    }  # fmt: skip
    # processes with a finding come first, then materiality; p4 outranks p1 but has no finding
    assert queue["ocid"].tolist() == ["p2", "p1", "p5", "p3", "p4", "p6"]
    assert queue["place"].tolist() == [1, 2, 3, 4, 5, 6]
    assert q["risk_stage"].to_dict() == {
        "p1": "materiality", "p2": "materiality", "p3": "materiality",
        "p5": "procuring_entity", "p4": None, "p6": None,
    }  # fmt: skip
    assert top(queue, 3)["ocid"].tolist() == ["p2", "p1", "p5"]
    assert top(queue)["ocid"].tolist() == ["p2", "p1", "p5", "p3"]


def test_dense_rank_is_scaled_to_zero_one() -> None:
    ranks = dense_rank01(pd.Series([5.0, 1.0, 5.0, 3.0, None]))
    assert ranks.tolist()[:4] == [1.0, 0.0, 1.0, 0.5]
    assert pd.isna(ranks.iloc[4])
    assert dense_rank01(pd.Series([2.0, 2.0])).tolist() == [0.0, 0.0]


@pytest.mark.parametrize(
    ("share", "expected"), [(0.2, 2), (0.25, 3), (0.3, 3), (0.0, 0), (1.0, 10)]
)
def test_top_share_of_a_bucket_takes_the_ceiling(share: float, expected: int) -> None:
    pop = population([{"ocid": f"p{i}", "value": 10 * i, "buyer_id": f"B{i}"} for i in range(12)])
    planted = findings([finding("R030", f"p{i}", 0.25) for i in range(10)])
    settings = ScoringSettings(
        top_share={"low": share}, entity_top_share={"low": 0.0, "medium": 0.0, "high": 0.0}
    )
    queue = materiality_queue(score(planted, pop, {}).processes, settings)
    chosen = queue[queue["top_risk"]]
    assert len(chosen) == expected
    # the highest materiality first: equal scores, so the largest values
    assert chosen["ocid"].tolist() == [f"p{i}" for i in range(9, 9 - expected, -1)]
    assert set(queue.loc[queue["ocid"].isin(["p10", "p11"]), "risk_stage"]) == {None}


def test_top_share_of_procuring_entities_brings_in_all_their_processes() -> None:
    rows = [
        ("a1", "E1", 300), ("a2", "E1", 400),
        ("b1", None, 500),  # no procuring entity: grouped under its buyer E2
        ("c1", "E3", 100), ("c2", "E3", 200), ("c3", "E3", 250),
        ("z", "E9", 50),  # no finding: never top risk
    ]  # fmt: skip
    pop = population(
        [
            {"ocid": o, "value": v, "procuring_entity_id": e, "buyer_id": e or "E2"}
            for o, e, v in rows
        ]
    )
    planted = findings([finding("R030", o, 0.25) for o, _, _ in rows if o != "z"])
    settings = ScoringSettings(
        top_share={"low": 0.0, "medium": 0.0, "high": 0.0}, entity_top_share={"low": 0.5}
    )
    queue = materiality_queue(score(planted, pop, {}).processes, settings).set_index("ocid")
    # summed materiality: E3 three processes, E1 two, E2 one; ceil(0.5 * 3) = 2 entities
    assert queue["risk_stage"].to_dict() == {
        "a1": "procuring_entity", "a2": "procuring_entity", "b1": None,
        "c1": "procuring_entity", "c2": "procuring_entity", "c3": "procuring_entity", "z": None,
    }  # fmt: skip


def test_678_most_risk_prone_of_13107() -> None:
    pop, planted = random_case(13_107, 9_000)
    audit = build_audit_list(planted, pop, ScoringSettings(), top_n=678, rules=RULES)
    rows = audit.rows
    assert len(rows) == 678
    assert list(rows.columns) == AUDIT_COLUMNS
    assert rows["place"].tolist() == list(range(1, 679))
    assert len(audit.queue) == 13_107
    assert (rows["score"] > 0).all()
    assert rows["materiality"].is_monotonic_decreasing
    assert rows["why"].str.match(r"Place [\d,]+ of 13,107: risk score ").all()
    first = rows.iloc[0]
    assert first["why"].startswith("Place 1 of 13,107")
    assert all(code in first["reasons"] for code in first["rules"].split(", "))
    assert rows["reasons"].str.contains(r"\(weight [\d.]+ x score [\d.]+ = [\d.]+").all()
    # the evidence is every finding about a listed process, and nothing else
    listed = set(rows["ocid"])
    assert set(audit.findings.column("ocid").to_pylist()) == listed
    assert audit.findings.num_rows == int(rows["findings"].sum())


def test_ranking_everything_covers_processes_without_findings() -> None:
    pop, planted = random_case(500, 200)
    audit = build_audit_list(planted, pop, ScoringSettings(), top_n=500, rules=RULES)
    assert len(audit.rows) == 500
    unflagged = audit.rows[audit.rows["score"] == 0]
    assert len(unflagged) > 0
    assert unflagged["place"].min() > audit.rows.loc[audit.rows["score"] > 0, "place"].max()
    assert (unflagged["reasons"] == "No finding.").all()
    assert unflagged["why"].str.contains("no finding, ranked by value only").all()
    assert not unflagged["top_risk"].any()


def test_negative_top_is_refused() -> None:
    pop, planted = random_case(10, 5)
    queue = materiality_queue(score(planted, pop, {}).processes, ScoringSettings())
    with pytest.raises(ValueError, match="zero or more"):
        top(queue, -1)


def test_no_findings_still_ranks_every_process_and_lists_none_as_top_risk() -> None:
    pop = population([{"ocid": "a", "value": 1, "buyer_id": "B"}, {"ocid": "b", "value": 2}])
    empty = findings([])
    assert len(build_audit_list(empty, pop, ScoringSettings(), rules=RULES).rows) == 0
    audit = build_audit_list(empty, pop, ScoringSettings(), top_n=5, rules=RULES)
    assert audit.rows["ocid"].tolist() == ["b", "a"]
    assert audit.findings.num_rows == 0
