"""Data the recommendation tests and the CLI tests share: an external assessment of 66 bodies
with 1,165 recommendations whose verifications give exactly "66 bodies, 1,165 recommendations,
987 implemented" as of 31 December 2025, and other figures as of 30 June 2025."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from adaldyq.cases import recommendations
from adaldyq.cases.models import AssessmentKind, Level, User, VerificationStatus

V = VerificationStatus
AS_OF = date(2025, 12, 31)
EARLY = date(2025, 6, 30)
BODIES = 66
TOTAL = 1165


def plan(k: int) -> list[tuple[V, date]]:
    """The verifications of recommendation k, in order."""
    if k < 500:
        return [(V.IMPLEMENTED, date(2025, 5, 1))]
    if 600 <= k < 620:  # not implemented at first, then implemented
        return [(V.NOT_IMPLEMENTED, date(2025, 4, 1)), (V.IMPLEMENTED, date(2025, 10, 1))]
    if k < 987:
        return [(V.IMPLEMENTED, date(2025, 10, 1))]
    if k < 1087:
        return [(V.PARTLY, date(2025, 11, 1))]
    if k < 1137:
        return [(V.NOT_IMPLEMENTED, date(2025, 11, 1))]
    if k < 1147:
        return [(V.NO_LONGER_RELEVANT, date(2025, 11, 1))]
    if k == 1150:  # implemented after AS_OF: must not count then
        return [(V.IMPLEMENTED, date(2026, 1, 15))]
    return []


def build_recommendations(session: Session, officer: User) -> None:
    """66 assessed bodies, one risk each, 1,165 recommendations spread over them (1,000 issued
    on 1 February 2025, 165 on 1 August), due 180 days after issue, verified per `plan`."""
    risks = []
    for number in range(BODIES):
        assessment = recommendations.create_assessment(
            session,
            AssessmentKind.EXTERNAL,
            f"Body {number + 1:02d}",
            date(2024, 1, 1),
            date(2024, 12, 31),
            officer,
            region="Almaty" if number % 2 else "Astana",
        )
        risk = recommendations.add_risk(
            session, assessment, "procurement", Level.HIGH, "single-source buying", officer
        )
        risks.append((assessment.body, risk))
    for k in range(TOTAL):
        body, risk = risks[k % BODIES]
        issued = date(2025, 2, 1) if k < 1000 else date(2025, 8, 1)
        made = recommendations.recommend(
            session,
            risk,
            f"recommendation {k}",
            body,
            issued + timedelta(days=180),
            Level.MEDIUM,
            issued,
            officer,
        )
        for status, day in plan(k):
            recommendations.verify(session, made, status, day, officer)
    session.commit()
