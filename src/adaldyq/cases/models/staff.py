"""Staff users, their roles and their key pairs. The reporter is never a user: a reporter is
known only by a receipt (`reports.Receipt`)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from adaldyq.cases.models.base import Base, UtcDateTime, str_enum, utcnow


class Role(enum.StrEnum):
    """What a staff user may do (WHISTLEBLOWING.md: roles of issue #6)."""

    HANDLER = "handler"  # handler / investigator: reads and answers the reports assigned
    ANALYST = "analyst"  # statistics only, never content
    CUSTODIAN = "custodian"  # approves (or denies) access to a reporter's identity
    COMPLIANCE_OFFICER = "compliance_officer"  # assessments, recommendations, verification
    ADMINISTRATOR = "administrator"  # users and settings, never content


class User(Base):
    """A member of staff; the password is kept only as an Argon2id hash."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )
    key: Mapped[HandlerKey | None] = relationship(back_populates="user", lazy="selectin")

    def has_role(self, role: Role) -> bool:
        """Whether the user holds `role` (a user may hold several, e.g. handler and custodian)."""
        return any(held.role == role for held in self.roles)


class UserRole(Base):
    """One role held by one user."""

    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"), primary_key=True)

    user: Mapped[User] = relationship(back_populates="roles")


class HandlerKey(Base):
    """A staff user's Curve25519 key pair. The private key is stored twice, encrypted: under a
    key derived from the user's password (Argon2id, salt and limits beside it) and under the
    user's recovery key; neither the password nor the recovery key is stored."""

    __tablename__ = "handler_keys"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    wrapped_private_key: Mapped[bytes] = mapped_column(LargeBinary)
    kdf_salt: Mapped[bytes] = mapped_column(LargeBinary(16))
    kdf_opslimit: Mapped[int]
    kdf_memlimit: Mapped[int]
    recovery_wrapped_private_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    rewrapped_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    user: Mapped[User] = relationship(back_populates="key")
