"""Deadlines of Directive 2019/1937 (WB-12): acknowledge within 7 days of receipt; feedback
within 3 months of the acknowledgement, or of day 7 when none was sent; an extension to at
most 6 months, with a reason (Art. 11)."""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta

ACK_DAYS = 7
FEEDBACK_MONTHS = 3
MAX_EXTENSION_MONTHS = 6


def add_months(moment: datetime, months: int) -> datetime:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1
    month = 28/29 Feb)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def ack_due(received_at: datetime) -> datetime:
    """When the acknowledgement is due."""
    return received_at + timedelta(days=ACK_DAYS)


def feedback_due(received_at: datetime, acknowledged_at: datetime | None) -> datetime:
    """When feedback is due: 3 months from the acknowledgement, or from day 7 without one."""
    return add_months(_feedback_start(received_at, acknowledged_at), FEEDBACK_MONTHS)


def latest_extension(received_at: datetime, acknowledged_at: datetime | None) -> datetime:
    """The furthest an extended feedback deadline may go: 6 months from the same start."""
    return add_months(_feedback_start(received_at, acknowledged_at), MAX_EXTENSION_MONTHS)


def _feedback_start(received_at: datetime, acknowledged_at: datetime | None) -> datetime:
    return acknowledged_at if acknowledged_at is not None else ack_due(received_at)
