"""Recommendation tracking: assessments -> risks -> recommendations -> action updates ->
verification, and rates recomputed for any past date from the append-only history."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from adaldyq.cases import recommendations
from adaldyq.cases.models import AssessmentKind, Level, User, VerificationStatus
from adaldyq.errors import AccessDenied, InputError
from tests.cases.builders import AS_OF, EARLY, build_recommendations
from tests.cases.conftest import Staff

V = VerificationStatus


def test_66_bodies_1165_recommendations_987_implemented_as_of_a_day(
    session: Session, officers: tuple[User, User]
) -> None:
    build_recommendations(session, officers[0])
    overall, by_body = recommendations.rates(session, AS_OF)
    figures = (overall.bodies, overall.recommendations, overall.implemented)
    assert figures == (66, 1165, 987)
    assert (overall.partly, overall.not_implemented, overall.no_longer_relevant) == (100, 50, 10)
    assert overall.unverified == 18
    assert overall.overdue == 13  # issued in February, due in July, only partly done
    assert overall.implementation_rate == pytest.approx(987 / 1155)
    assert len(by_body) == 66
    assert sum(rates.recommendations for rates in by_body) == 1165
    assert sum(rates.implemented for rates in by_body) == 987
    assert by_body[0].group == "Body 01"
    assert by_body[0].recommendations == 18  # k = 0, 66, ..., 1122

    early, _ = recommendations.rates(session, EARLY)
    figures = (early.bodies, early.recommendations, early.implemented, early.not_implemented)
    assert figures == (66, 1000, 500, 20)
    assert early.unverified == 480
    assert early.median_days_to_implement == 89  # 1 February to 1 May

    _, by_region = recommendations.rates(session, AS_OF, by="region")
    assert [(r.group, r.bodies, r.recommendations) for r in by_region] == [
        ("Almaty", 33, 582),  # odd-numbered bodies: k % 66 odd
        ("Astana", 33, 583),
    ]
    assert sum(r.implemented for r in by_region) == 987
    _, by_year = recommendations.rates(session, AS_OF, by="year")
    assert [(r.group, r.recommendations) for r in by_year] == [("2025", 1165)]
    _, by_category = recommendations.rates(session, AS_OF, by="category")
    assert [(r.group, r.implemented) for r in by_category] == [("procurement", 987)]

    later, _ = recommendations.rates(session, date(2026, 1, 15))
    assert later.implemented == 988
    assert recommendations.risk_counts(session, AS_OF) == recommendations.RiskCounts(66, 0)


def test_only_an_assessor_verifies_and_the_history_is_append_only(
    session: Session, officers: tuple[User, User], staff: dict[str, Staff]
) -> None:
    gulnar = officers[0]
    alma = staff["alma"].user
    with pytest.raises(AccessDenied, match="not a compliance officer"):
        recommendations.create_assessment(
            session, AssessmentKind.INTERNAL, "Body", date(2025, 1, 1), date(2025, 3, 31), alma
        )
    assessment = recommendations.create_assessment(
        session, AssessmentKind.MONITORING, "Body", date(2025, 1, 1), date(2025, 3, 31), gulnar
    )
    risk = recommendations.add_risk(session, assessment, "hiring", Level.LOW, "nepotism", gulnar)
    made = recommendations.recommend(
        session, risk, "open competitions", "Body", date(2025, 9, 1), Level.HIGH,
        date(2025, 4, 1), gulnar,
    )  # fmt: skip
    with pytest.raises(InputError, match="before the recommendation"):
        recommendations.record_action(session, made, date(2025, 3, 1), "done", alma)
    recommendations.record_action(
        session, made, date(2025, 5, 1), "rules adopted", alma, evidence="order No. 12"
    )
    with pytest.raises(AccessDenied):
        recommendations.verify(session, made, V.IMPLEMENTED, date(2025, 5, 2), alma)
    recommendations.verify(session, made, V.PARTLY, date(2025, 5, 2), gulnar)
    recommendations.verify(session, made, V.IMPLEMENTED, date(2025, 5, 2), gulnar)
    recommendations.mark_eliminated(session, risk, date(2025, 5, 2), gulnar)
    session.commit()
    overall, _ = recommendations.rates(session, date(2025, 5, 2))
    assert overall.implemented == 1  # same day: the one recorded last wins
    assert recommendations.risk_counts(session, date(2025, 5, 2)) == recommendations.RiskCounts(
        1, 1
    )
    for table in ("action_updates", "verifications"):
        with pytest.raises(DBAPIError):
            session.execute(text(f"UPDATE {table} SET note = 'rewritten'"))
        session.rollback()
