import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cp_auth.base import Base
from cp_auth.organisation.models import Organisation
from cp_common.db import utcnow


class User(Base):
    """Someone who logs in: a creditor's user, or agency staff without an organisation.

    ``email`` is stored lower-case, so the unique index makes addresses unique
    regardless of case.
    """

    __tablename__ = "users"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("organisations.id", ondelete="RESTRICT"), index=True
    )
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    password_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    language: Mapped[str] = mapped_column(String(2), default="nl")
    blocked_at: Mapped[datetime | None]
    blocked_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation | None] = relationship(lazy="raise")
    role_assignments: Mapped[list["UserRole"]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(assignment.role for assignment in self.role_assignments)

    @property
    def is_blocked(self) -> bool:
        return self.blocked_at is not None


class UserRole(Base):
    """One role (a ``cp_common.identity.Role`` value) held by one user."""

    __tablename__ = "user_roles"

    user_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(50), primary_key=True)
