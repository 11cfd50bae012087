import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from cp_auth.base import Base
from cp_common.db import utcnow


class LoginEventKind(StrEnum):
    PASSWORD_ACCEPTED = "password_accepted"
    PASSWORD_REJECTED = "password_rejected"
    CODE_ACCEPTED = "code_accepted"
    CODE_REJECTED = "code_rejected"
    BLOCKED_REFUSED = "blocked_refused"
    LOCKED = "locked"
    LOGOUT = "logout"
    ACCOUNT_BLOCKED = "account_blocked"
    ACCOUNT_UNBLOCKED = "account_unblocked"
    MISUSE_REPORTED = "misuse_reported"


class LoginEvent(Base):
    """One entry of the login history that the fraud team reads.

    ``user_id`` is empty for attempts on an unknown email address; ``email``
    is what was typed, lower-cased. ``actor_user_id`` is who blocked or
    unblocked the account, empty for an operator's command.
    """

    __tablename__ = "login_events"
    __table_args__ = (
        Index("ix_login_events_user_id_occurred_at", "user_id", "occurred_at"),
        Index("ix_login_events_email_occurred_at", "email", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id", ondelete="SET NULL"))
    email: Mapped[str] = mapped_column(String(320))
    kind: Mapped[str] = mapped_column(String(40))
    session_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    actor_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    reason: Mapped[str | None] = mapped_column(Text)
    ip: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(512))
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
