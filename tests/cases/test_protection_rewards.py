"""The protection register (WB-18) under a frozen clock, and rewards (WB-19): eligibility from
the case outcome, the MCI-capped share, two people and the reporter's consent."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine
from sqlalchemy import select
from sqlalchemy.orm import Session

from adaldyq.cases import assignment, identity, intake, protection, rewards, workflow
from adaldyq.cases.crypto import KdfParams
from adaldyq.cases.models import (
    Case,
    CaseOutcome,
    CaseSource,
    CaseStatus,
    Channel,
    HrActionKind,
    Report,
    RewardStatus,
    User,
)
from adaldyq.errors import AccessDenied, InputError
from adaldyq.model.country import KAZAKHSTAN
from adaldyq.settings import CasesSettings
from tests.cases.conftest import Staff

SETTINGS = CasesSettings()


def _report(session: Session, staff: dict[str, Staff], kdf: KdfParams) -> Report:
    with time_machine.travel(datetime(2026, 2, 10, 15, tzinfo=UTC), tick=False):
        return intake.submit(
            session,
            "t",
            Channel.WEB,
            "bribery",
            [staff["alma"].user],
            kdf,
            identity="Aigerim, accountant",
            custodians=[staff["dana"].user],
        ).report


def test_wb_18_an_hr_action_inside_the_window_opens_a_retaliation_sub_case(
    session: Session, staff: dict[str, Staff], kdf: KdfParams
) -> None:
    alma = staff["alma"].user
    report = _report(session, staff, kdf)
    with pytest.raises(InputError, match="not consented"):
        protection.register(session, report, "Akimat of X", alma, SETTINGS)
    identity.record_consent(session, report.id)
    main = workflow.open_case(session, CaseSource.REPORT, "bribery", alma, report_id=report.id)
    entry = protection.register(session, report, "Akimat of X", alma, SETTINGS)
    assert (entry.window_start, entry.window_end) == (date(2026, 2, 10), date(2029, 2, 10))
    with pytest.raises(InputError, match="in the register already"):
        protection.register(session, report, "Akimat of X", alma, SETTINGS)

    before = protection.record_hr_action(
        session, entry, HrActionKind.TRANSFER, date(2026, 2, 9), alma
    )
    inside = protection.record_hr_action(
        session, entry, HrActionKind.DISMISSAL, date(2029, 2, 10), alma
    )
    after = protection.record_hr_action(
        session, entry, HrActionKind.DISCIPLINE, date(2029, 2, 11), alma
    )
    session.commit()
    assert before.retaliation_case_id is None
    assert after.retaliation_case_id is None
    sub = session.get_one(Case, inside.retaliation_case_id)
    assert (sub.source, sub.status, sub.parent_case_id) == (
        CaseSource.RETALIATION,
        CaseStatus.NEW,
        main.id,
    )
    assert sub.report_id == report.id
    assert "dismissal on 2029-02-10" in sub.title
    retaliation = select(Case).where(Case.source == CaseSource.RETALIATION)
    assert len(session.scalars(retaliation).all()) == 1


def test_wb_18_the_window_length_is_a_setting(
    session: Session, staff: dict[str, Staff], kdf: KdfParams
) -> None:
    report = _report(session, staff, kdf)
    identity.record_consent(session, report.id)
    five = CasesSettings(protection_years=5)
    entry = protection.register(session, report, "Akimat of X", staff["alma"].user, five)
    assert entry.window_end == date(2031, 2, 10)
    assert protection.in_window(entry, date(2030, 6, 1))
    session.commit()


def test_wb_19_the_amount_is_a_share_of_the_recovered_capped_in_mci() -> None:
    small = rewards.amount_for(Decimal("2000000"), 2026, SETTINGS, KAZAKHSTAN)
    assert small.amount == Decimal("100000.00")  # 5 %
    assert small.amount_mci == Decimal("23.12")  # 100,000 / 4,325
    big = rewards.amount_for(Decimal("500000000"), 2026, SETTINGS, KAZAKHSTAN)
    assert big.amount == Decimal("4325000.00")  # 1,000 MCI x 4,325, not 25,000,000
    assert big.amount_mci == Decimal("1000.00")
    assert big.rule == "5% of 500000000.00 recovered, at most 1000 MCI x 4325.00 (2026)"
    older = rewards.amount_for(Decimal("500000000"), 2023, SETTINGS, KAZAKHSTAN)
    assert older.amount == Decimal("3450000.00")  # the MCI of the year
    tenth = CasesSettings(reward_share=Decimal("0.1"), reward_cap_mci=Decimal(2000))
    assert rewards.amount_for(Decimal("2000000"), 2026, tenth, KAZAKHSTAN).amount == Decimal(
        "200000.00"
    )


def _decided(
    session: Session, staff: dict[str, Staff], report: Report, outcome: CaseOutcome
) -> Case:
    alma = staff["alma"].user
    case = workflow.open_case(session, CaseSource.REPORT, "bribery", alma, report_id=report.id)
    assignment.draw(session, case, alma)
    workflow.move(session, case, CaseStatus.ASSIGNED, alma)
    workflow.move(session, case, CaseStatus.INVESTIGATING, alma)
    workflow.decide(session, case, outcome, alma, "proven", Decimal("2000000"))
    return case


def test_wb_19_no_reward_without_a_qualifying_outcome_two_people_and_consent(
    session: Session,
    staff: dict[str, Staff],
    kdf: KdfParams,
    officers: tuple[User, User],
) -> None:
    gulnar, marat = officers
    report = _report(session, staff, kdf)
    refused = _decided(session, staff, report, CaseOutcome.UNSUBSTANTIATED)
    with pytest.raises(InputError, match="earns no reward"):
        rewards.propose(session, refused, gulnar, SETTINGS, KAZAKHSTAN)
    case = _decided(session, staff, report, CaseOutcome.SUBSTANTIATED)
    with time_machine.travel(datetime(2026, 9, 1, 9, tzinfo=UTC), tick=False):
        reward = rewards.propose(session, case, gulnar, SETTINGS, KAZAKHSTAN)
    assert (reward.amount, reward.currency, reward.status) == (
        Decimal("100000.00"),
        "KZT",
        RewardStatus.PROPOSED,
    )
    with pytest.raises(InputError, match="already has reward"):
        rewards.propose(session, case, marat, SETTINGS, KAZAKHSTAN)
    with pytest.raises(AccessDenied, match="someone other than its proposer"):
        rewards.approve(session, reward, gulnar)
    with pytest.raises(InputError, match="is proposed, not approved"):
        rewards.pay(session, reward, "PP-1", marat)
    rewards.approve(session, reward, marat)
    with pytest.raises(AccessDenied, match="consent"):
        rewards.pay(session, reward, "PP-1", marat)
    rewards.record_consent(session, reward)
    rewards.pay(session, reward, "PP-1", marat)
    session.commit()
    assert (reward.status, reward.payment_ref) == (RewardStatus.PAID, "PP-1")
    with pytest.raises(InputError, match="paid already"):
        rewards.refuse(session, reward, gulnar, "changed our mind")
