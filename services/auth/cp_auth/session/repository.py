import uuid
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from cp_auth.session.models import UserSession


def get_by_token_hash(session: Session, token_hash: str) -> UserSession | None:
    return session.scalars(select(UserSession).where(UserSession.token_hash == token_hash)).one_or_none()


def touch(session: Session, session_id: uuid.UUID, now: datetime) -> None:
    session.execute(
        update(UserSession)
        .where(UserSession.id == session_id, UserSession.revoked_at.is_(None))
        .values(last_seen_at=now)
    )


def revoke(session: Session, session_id: uuid.UUID, now: datetime) -> None:
    session.execute(
        update(UserSession)
        .where(UserSession.id == session_id, UserSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def revoke_all_of_user(session: Session, user_id: uuid.UUID, now: datetime) -> list[str]:
    """Revoke every open session of the user; return their token hashes."""
    token_hashes = list(
        session.scalars(
            select(UserSession.token_hash).where(UserSession.user_id == user_id, UserSession.revoked_at.is_(None))
        )
    )
    session.execute(
        update(UserSession)
        .where(UserSession.user_id == user_id, UserSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return token_hashes
