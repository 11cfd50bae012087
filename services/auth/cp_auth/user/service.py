"""Blocking and unblocking accounts, by the fraud team, an operator or the user."""

import uuid

import structlog
from sqlalchemy.orm import Session

from cp_auth.client import ClientInfo
from cp_auth.login_event import repository as login_events
from cp_auth.login_event.models import LoginEventKind
from cp_auth.session.cache import SessionCache
from cp_auth.session.service import revoke_all_sessions
from cp_auth.user.models import User
from cp_common.db import utcnow

logger = structlog.get_logger(__name__)


def block_user(
    db: Session,
    cache: SessionCache,
    user: User,
    *,
    reason: str,
    actor_user_id: uuid.UUID | None,
    client: ClientInfo | None = None,
) -> None:
    """Block the account and end all its sessions at once.

    Blocking a blocked account keeps the first block's time and reason, but
    still revokes any session, so a repeated block changes nothing else.
    """
    if not user.is_blocked:
        user.blocked_at = utcnow()
        user.blocked_reason = reason
        login_events.record(
            db,
            LoginEventKind.ACCOUNT_BLOCKED,
            email=user.email,
            user_id=user.id,
            client=client,
            actor_user_id=actor_user_id,
            reason=reason,
        )
        logger.warning(
            "user.blocked", user_id=str(user.id), actor_user_id=str(actor_user_id) if actor_user_id else None
        )

    revoke_all_sessions(db, cache, user.id)


def unblock_user(
    db: Session, user: User, *, actor_user_id: uuid.UUID | None, client: ClientInfo | None = None
) -> None:
    """Allow the account to log in again; its revoked sessions stay revoked."""
    if not user.is_blocked:
        return

    user.blocked_at = None
    user.blocked_reason = None
    login_events.record(
        db,
        LoginEventKind.ACCOUNT_UNBLOCKED,
        email=user.email,
        user_id=user.id,
        client=client,
        actor_user_id=actor_user_id,
    )
    logger.warning("user.unblocked", user_id=str(user.id), actor_user_id=str(actor_user_id) if actor_user_id else None)


def report_misuse(
    db: Session, cache: SessionCache, user: User, *, message: str, session_id: uuid.UUID, client: ClientInfo
) -> None:
    """Record the user's report of misuse and block their own account at once."""
    login_events.record(
        db,
        LoginEventKind.MISUSE_REPORTED,
        email=user.email,
        user_id=user.id,
        client=client,
        session_id=session_id,
        actor_user_id=user.id,
        reason=message,
    )
    block_user(db, cache, user, reason=f"Misbruik gemeld door de gebruiker: {message}", actor_user_id=user.id, client=client)
    # NOTE: the report reaches the fraud team only through the login history.
    # No email or event notifies them yet.
    logger.warning("user.misuse_reported", user_id=str(user.id), session_id=str(session_id))
