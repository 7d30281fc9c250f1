"""Assigning a handler to a case: a seeded random draw, or by hand with a reason.

The draw is the seed's "automated distribution without discretion": the eligible handlers
(active, holding a key pair, not conflicted with the case's report) are listed by id, a seed
from the CSPRNG picks one through SHA-256, and the seed and the list are stored with the
assignment and in the audit chain. Anyone can replay the pick (`replay`), and nothing in it
depends on a Python version's random generator. An assignment by hand must give a reason.
Sealing the report's key to the new handler is a separate step, done by a holder of that key
(`keys.grant`).
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from adaldyq.cases import audit, keys
from adaldyq.cases.models import Assignment, AssignmentMethod, Case, Role, User
from adaldyq.errors import AccessDenied, InputError, NotFound


def pick(seed: str, count: int) -> int:
    """The index a seed draws among `count` candidates: SHA-256 of the seed, modulo `count`
    (the bias of a 256-bit number modulo a staff count is nil)."""
    return int.from_bytes(hashlib.sha256(seed.encode("utf-8")).digest(), "big") % count


def eligible_handlers(session: Session, case: Case) -> list[User]:
    """Active handlers with a key pair, less those conflicted with the case's report, by id."""
    users = session.scalars(select(User).where(User.active).order_by(User.id)).all()
    return [
        user
        for user in users
        if user.has_role(Role.HANDLER)
        and user.key is not None
        and not (case.report_id is not None and keys.is_conflicted(session, case.report_id, user))
    ]


def draw(session: Session, case: Case, by: User | None, seed: str | None = None) -> Assignment:
    """Assign a handler drawn at random with a fresh seed (or a given one, to replay)."""
    eligible = eligible_handlers(session, case)
    if not eligible:
        raise NotFound(f"no eligible handler for case {case.id}")
    seed = seed or secrets.token_hex(16)
    chosen = eligible[pick(seed, len(eligible))]
    assignment = Assignment(
        case_id=case.id,
        user_id=chosen.id,
        method=AssignmentMethod.DRAW,
        seed=seed,
        eligible=[user.id for user in eligible],
        assigned_by=None if by is None else by.id,
    )
    session.add(assignment)
    session.flush()
    details: dict[str, audit.Scalar] = {
        "user": chosen.id,
        "method": "draw",
        "seed": seed,
        "eligible": len(eligible),
    }
    audit.append(session, "case.assigned", by, "case", case.id, details)
    return assignment


def replay(assignment: Assignment) -> int:
    """The user id a draw's stored seed and list give: equal to `user_id` if nothing was
    changed after the draw."""
    if assignment.seed is None or not assignment.eligible:
        raise InputError("not a drawn assignment", record=assignment.id)
    return assignment.eligible[pick(assignment.seed, len(assignment.eligible))]


def assign_by_hand(session: Session, case: Case, user: User, reason: str, by: User) -> Assignment:
    """Assign a chosen handler; the reason is required and kept, and conflicts still bar."""
    if not reason.strip():
        raise InputError("an assignment by hand needs a reason", field="reason")
    if user not in eligible_handlers(session, case):
        raise AccessDenied(f"user {user.username} cannot handle case {case.id}")
    assignment = Assignment(
        case_id=case.id,
        user_id=user.id,
        method=AssignmentMethod.MANUAL,
        reason=reason,
        assigned_by=by.id,
    )
    session.add(assignment)
    session.flush()
    details: dict[str, audit.Scalar] = {"user": user.id, "method": "manual"}
    audit.append(session, "case.assigned", by, "case", case.id, details)
    return assignment
