import uuid

from fastapi import APIRouter, Request, Response, status

from cp_auth.dependencies import AppSettings, Cache, CeleryProducer, Client, DbSession, LoginAttempts, Lockout
from cp_auth.errors import (
    AccountBlocked,
    AttemptExpired,
    CodeNotSent,
    InvalidCode,
    InvalidCredentials,
    LoginLocked,
    SessionInvalid,
)
from cp_auth.login import service
from cp_auth.login.schemas import CodeRequest, LoginRequest, LoginStarted, SessionStarted
from cp_auth.login.tasks import send_security_code
from cp_auth.login_event import repository as login_events
from cp_auth.login_event.models import LoginEventKind
from cp_auth.session.cookies import clear_session_cookie, set_session_cookie
from cp_auth.session.service import resolve_session, revoke_session
from cp_auth.session.tokens import token_from_request
from cp_auth.user.schemas import UserRead
from cp_common.errors import DomainError

router = APIRouter(tags=["login"])


def _responses(*errors: type[DomainError]) -> dict:
    return {error.status_code: {"description": error.code} for error in errors}


@router.post(
    "/api/auth/login",
    response_model=LoginStarted,
    responses=_responses(InvalidCredentials, AccountBlocked, LoginLocked, CodeNotSent),
)
def login(
    body: LoginRequest,
    db: DbSession,
    lockout: Lockout,
    attempts: LoginAttempts,
    producer: CeleryProducer,
    client: Client,
) -> LoginStarted:
    """Check email and password; on success email a security code for the second step."""
    try:
        delivery = service.start_login(db, lockout, attempts, email=body.email, password=body.password, client=client)
    except (InvalidCredentials, AccountBlocked):
        # Keep the refusal in the login history.
        db.commit()
        raise
    db.commit()

    try:
        send_security_code(producer, delivery)
    except CodeNotSent:
        attempts.finish(delivery.attempt_id)
        raise
    return LoginStarted(attempt_id=delivery.attempt_id, expires_at=delivery.expires_at)


@router.post(
    "/api/auth/login/{attempt_id}/code",
    response_model=SessionStarted,
    responses=_responses(InvalidCode, AttemptExpired, AccountBlocked),
)
def confirm_code(
    attempt_id: uuid.UUID,
    body: CodeRequest,
    response: Response,
    db: DbSession,
    lockout: Lockout,
    attempts: LoginAttempts,
    settings: AppSettings,
    client: Client,
) -> SessionStarted:
    """Check the security code; on success start a session and set the ``cp_session`` cookie."""
    try:
        user_session, token, user = service.confirm_code(
            db, lockout, attempts, settings, attempt_id=attempt_id, code=body.code, client=client
        )
    except (InvalidCode, AccountBlocked):
        db.commit()
        raise
    db.commit()

    set_session_cookie(response, token, user_session.expires_at, settings)
    # The body carries the session token; no cache may keep it.
    response.headers["Cache-Control"] = "no-store"
    return SessionStarted(session_token=token, expires_at=user_session.expires_at, user=UserRead.from_user(user))


@router.post("/api/auth/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(request: Request, db: DbSession, cache: Cache, settings: AppSettings, client: Client) -> Response:
    """Revoke the session of the cookie or bearer token; a missing or ended session is no error."""
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    clear_session_cookie(response, settings)

    token = token_from_request(request)
    if token is None:
        return response
    try:
        active = resolve_session(db, cache, settings, token)
    except SessionInvalid:
        return response

    revoke_session(db, cache, active, token)
    login_events.record(
        db, LoginEventKind.LOGOUT, email=active.email, user_id=active.user_id, client=client, session_id=active.session_id
    )
    db.commit()
    return response
