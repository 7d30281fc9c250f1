"""The audit log's table: one row per staff action, chained by hashes (`cases/audit.py`).

It holds who did what to which object, never reporter content, identity, IP address or user
agent (there are no such columns anywhere in the case store)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from adaldyq.cases.models.base import Base, UtcDateTime


class AuditEntry(Base):
    """One link of the chain: `entry_hash` = SHA-256 of `prev_hash` and the row's canonical
    content; `seq` runs 1, 2, 3... without gaps."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(unique=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(80))
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(80))
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)
