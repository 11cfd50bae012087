"""Session checks for the /api/auth routes, which the gateway does not guard."""

from typing import Annotated

import structlog
from fastapi import Depends, Request

from cp_auth.dependencies import AppSettings, Cache, DbSession
from cp_auth.errors import SessionInvalid
from cp_auth.session.service import ActiveSession, resolve_session
from cp_auth.session.tokens import token_from_request
from cp_common.errors import Forbidden
from cp_common.identity import Role


def current_session(request: Request, db: DbSession, cache: Cache, settings: AppSettings) -> ActiveSession:
    token = token_from_request(request)
    if token is None:
        raise SessionInvalid()

    active = resolve_session(db, cache, settings, token)
    # Commits the last_seen_at touch, if there was one.
    db.commit()
    structlog.contextvars.bind_contextvars(user_id=str(active.user_id))
    return active


def require_fraud_analyst(active: Annotated[ActiveSession, Depends(current_session)]) -> ActiveSession:
    if not active.has_role(Role.FRAUD_ANALYST):
        raise Forbidden()
    return active


CurrentSession = Annotated[ActiveSession, Depends(current_session)]
FraudAnalyst = Annotated[ActiveSession, Depends(require_fraud_analyst)]
