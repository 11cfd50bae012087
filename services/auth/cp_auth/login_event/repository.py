import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cp_auth.client import ClientInfo
from cp_auth.login_event.models import LoginEvent, LoginEventKind
from cp_common.db import utcnow


def record(
    session: Session,
    kind: LoginEventKind,
    *,
    email: str,
    user_id: uuid.UUID | None,
    client: ClientInfo | None = None,
    session_id: uuid.UUID | None = None,
    actor_user_id: uuid.UUID | None = None,
    reason: str | None = None,
) -> LoginEvent:
    event = LoginEvent(
        kind=kind.value,
        email=email,
        user_id=user_id,
        session_id=session_id,
        actor_user_id=actor_user_id,
        reason=reason,
        ip=client.ip if client else None,
        user_agent=client.user_agent if client else None,
        occurred_at=utcnow(),
    )
    session.add(event)
    return event


def list_for_user(session: Session, user_id: uuid.UUID, *, page: int, page_size: int) -> tuple[list[LoginEvent], int]:
    """Return one page of the user's events, newest first, and the total count."""
    total = session.scalar(select(func.count()).select_from(LoginEvent).where(LoginEvent.user_id == user_id)) or 0
    events = session.scalars(
        select(LoginEvent)
        .where(LoginEvent.user_id == user_id)
        .order_by(LoginEvent.occurred_at.desc(), LoginEvent.id.desc())
        .offset((page - 1) * page_size)
        .limit(page_size)
    )
    return list(events), total
