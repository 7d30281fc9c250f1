"""Rewards (WB-19; Law No. 410-V Art. 24, Government Decree No. 1131): a reporter whose case
ended in a qualifying outcome may be paid a share of the amount recovered, capped in MCI of the
year of the proposal. The rule's parameters are settings (`cases.reward_*`), and the rule used
and its inputs are stored with each reward.

Paying takes two people (a proposer, and an approver who is someone else) and the reporter's
explicit consent, since the paying unit must learn who the reporter is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from adaldyq.cases import audit, intake
from adaldyq.cases.models import (
    Case,
    CaseStatus,
    Reward,
    RewardApproval,
    RewardStatus,
    User,
    utcnow,
)
from adaldyq.errors import AccessDenied, InputError
from adaldyq.model.country import CountryProfile
from adaldyq.settings import CasesSettings

CENT = Decimal("0.01")


@dataclass(frozen=True)
class RewardAmount:
    """A reward worked out: in money and in MCI, the MCI used, and the rule in words."""

    amount: Decimal
    amount_mci: Decimal
    mci: Decimal
    rule: str


def amount_for(
    recovered: Decimal, year: int, settings: CasesSettings, profile: CountryProfile
) -> RewardAmount:
    """`reward_share` of the recovered amount, at most `reward_cap_mci` MCI of `year`."""
    mci = Decimal(str(profile.mci(year)))
    cap = settings.reward_cap_mci * mci
    amount = min(recovered * settings.reward_share, cap).quantize(CENT, ROUND_HALF_UP)
    rule = (
        f"{(settings.reward_share * 100).normalize():f}% of {recovered:.2f} recovered, "
        f"at most {settings.reward_cap_mci.normalize():f} MCI x {mci:.2f} ({year})"
    )
    return RewardAmount(amount, (amount / mci).quantize(CENT, ROUND_HALF_UP), mci, rule)


def check_eligible(case: Case, settings: CasesSettings) -> Decimal:
    """The recovered amount of an eligible case; an InputError says why a case is not."""
    if case.report_id is None:
        raise InputError(f"case {case.id} has no reporter to reward")
    if case.status not in (CaseStatus.DECIDED, CaseStatus.CLOSED) or case.outcome is None:
        raise InputError(f"case {case.id} is not decided")
    if case.outcome.value not in settings.reward_outcomes:
        raise InputError(f"case {case.id}: outcome {case.outcome} earns no reward")
    if not case.recovered_amount or case.recovered_amount <= 0:
        raise InputError(f"case {case.id}: nothing was recovered")
    return case.recovered_amount


def propose(
    session: Session,
    case: Case,
    by: User,
    settings: CasesSettings,
    profile: CountryProfile,
    on: date | None = None,
) -> Reward:
    """Propose the reward the rule gives for an eligible case (one live reward per case)."""
    recovered = check_eligible(case, settings)
    live = session.scalars(
        select(Reward.id).where(Reward.case_id == case.id, Reward.status != RewardStatus.REFUSED)
    ).first()
    if live is not None:
        raise InputError(f"case {case.id} already has reward {live}")
    worked = amount_for(recovered, (on or utcnow().date()).year, settings, profile)
    assert case.report_id is not None  # checked by check_eligible
    reward = Reward(
        report_id=case.report_id,
        case_id=case.id,
        rule=worked.rule[:100],
        amount_mci=worked.amount_mci,
        amount=worked.amount,
        currency=profile.currency,
        status=RewardStatus.PROPOSED,
        proposed_at=utcnow(),
        proposed_by=by.id,
    )
    session.add(reward)
    session.flush()
    details: dict[str, audit.Scalar] = {"case": case.id, "amount": str(worked.amount)}
    audit.append(session, "reward.proposed", by, "reward", reward.id, details)
    return reward


def approve(session: Session, reward: Reward, by: User) -> RewardApproval:
    """The second person's approval: anyone but the proposer."""
    _expect(reward, RewardStatus.PROPOSED)
    if by.id == reward.proposed_by:
        raise AccessDenied("a reward is approved by someone other than its proposer")
    approval = RewardApproval(reward_id=reward.id, user_id=by.id, approved_at=utcnow())
    session.add(approval)
    reward.status = RewardStatus.APPROVED
    session.flush()
    audit.append(session, "reward.approved", by, "reward", reward.id)
    return approval


def record_consent(session: Session, reward: Reward) -> None:
    """The reporter consents (through their receipt) to being named to the paying unit."""
    reward.consent_at = intake.coarse(utcnow())
    session.flush()
    audit.append(session, "reward.consented", None, "reward", reward.id)


def pay(session: Session, reward: Reward, payment_ref: str, by: User) -> None:
    """Record the payment: only an approved reward, and only with the reporter's consent."""
    _expect(reward, RewardStatus.APPROVED)
    if reward.consent_at is None:
        raise AccessDenied(f"reward {reward.id}: no payment without the reporter's consent")
    if not payment_ref.strip():
        raise InputError("a payment needs its reference", field="payment_ref")
    reward.status = RewardStatus.PAID
    reward.paid_at = utcnow()
    reward.payment_ref = payment_ref
    session.flush()
    audit.append(session, "reward.paid", by, "reward", reward.id)


def refuse(session: Session, reward: Reward, by: User, reason: str) -> None:
    """Refuse a reward not yet paid, with a reason."""
    if reward.status == RewardStatus.PAID:
        raise InputError(f"reward {reward.id} was paid already")
    if not reason.strip():
        raise InputError("refusing a reward needs a reason", field="reason")
    reward.status = RewardStatus.REFUSED
    reward.note = reason
    session.flush()
    audit.append(session, "reward.refused", by, "reward", reward.id)


def _expect(reward: Reward, status: RewardStatus) -> None:
    if reward.status != status:
        raise InputError(f"reward {reward.id} is {reward.status}, not {status}")
