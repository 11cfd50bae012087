"""The login flow: password, then the emailed security code, then a session.

Every step records a login event for the fraud team. Functions here never
commit; the endpoints commit, also when a step is refused, so that the
login history keeps the refusal.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import NoReturn

import structlog
from sqlalchemy.orm import Session

from cp_auth.client import ClientInfo
from cp_auth.errors import AccountBlocked, AttemptExpired, InvalidCode, InvalidCredentials, LoginLocked
from cp_auth.login.attempts import LoginAttemptStore
from cp_auth.login.lockout import LoginLockout
from cp_auth.login_event import repository as login_events
from cp_auth.login_event.models import LoginEventKind
from cp_auth.session.models import UserSession
from cp_auth.session.service import SECOND_FACTOR_EMAIL_CODE, start_session
from cp_auth.settings import Settings
from cp_auth.user import passwords
from cp_auth.user import repository as user_repository
from cp_auth.user.models import User

logger = structlog.get_logger(__name__)


@dataclass(frozen=True)
class CodeDelivery:
    """The security code email to send once the login attempt is committed."""

    attempt_id: uuid.UUID
    user_id: uuid.UUID
    recipient: str
    recipient_name: str
    language: str
    expires_at: datetime
    code: str = field(repr=False)


def start_login(
    db: Session,
    lockout: LoginLockout,
    attempts: LoginAttemptStore,
    *,
    email: str,
    password: str,
    client: ClientInfo,
) -> CodeDelivery:
    """Check the password and open a login attempt; raise when the login is refused."""
    email = user_repository.normalise_email(email)

    seconds_locked = lockout.seconds_locked(email)
    if seconds_locked:
        logger.info("login.refused_locked", retry_after=seconds_locked)
        raise LoginLocked(retry_after=seconds_locked)

    user = user_repository.get_by_email(db, email)
    if user is None:
        passwords.spend_dummy_verification(password)
        _reject_password(db, lockout, email, None, client)

    if not passwords.verify_password(user.password_hash, password):
        _reject_password(db, lockout, email, user, client)

    if user.is_blocked:
        login_events.record(db, LoginEventKind.BLOCKED_REFUSED, email=email, user_id=user.id, client=client)
        logger.info("login.refused_blocked", user_id=str(user.id))
        raise AccountBlocked()

    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)

    attempt = attempts.create(user.id)
    login_events.record(db, LoginEventKind.PASSWORD_ACCEPTED, email=email, user_id=user.id, client=client)
    logger.info("login.password_accepted", user_id=str(user.id), attempt_id=str(attempt.id))
    return CodeDelivery(
        attempt_id=attempt.id,
        user_id=user.id,
        recipient=user.email,
        recipient_name=user.name,
        language=user.language,
        expires_at=attempt.expires_at,
        code=attempt.code,
    )


def _reject_password(
    db: Session, lockout: LoginLockout, email: str, user: User | None, client: ClientInfo
) -> NoReturn:
    user_id = user.id if user else None
    login_events.record(db, LoginEventKind.PASSWORD_REJECTED, email=email, user_id=user_id, client=client)
    logger.info("login.password_rejected", user_id=str(user_id) if user_id else None)
    _count_failure(db, lockout, email, user_id, client)
    raise InvalidCredentials()


def _count_failure(
    db: Session, lockout: LoginLockout, email: str, user_id: uuid.UUID | None, client: ClientInfo
) -> None:
    if lockout.record_failure(email):
        login_events.record(db, LoginEventKind.LOCKED, email=email, user_id=user_id, client=client)
        logger.warning("login.locked", user_id=str(user_id) if user_id else None)


def confirm_code(
    db: Session,
    lockout: LoginLockout,
    attempts: LoginAttemptStore,
    settings: Settings,
    *,
    attempt_id: uuid.UUID,
    code: str,
    client: ClientInfo,
) -> tuple[UserSession, str, User]:
    """Check the security code of an attempt; return the new session, its token and the user."""
    attempt = attempts.count_try(attempt_id)
    if attempt is None:
        raise AttemptExpired()

    if attempt.tries > settings.login_max_code_failures:
        # Parallel requests may count tries past the limit before one of them ends the attempt.
        attempts.finish(attempt_id)
        raise AttemptExpired()

    user = user_repository.get_by_id(db, attempt.user_id)
    if user is None:
        attempts.finish(attempt_id)
        raise AttemptExpired()

    if not attempt.code_matches(code):
        attempts_left = settings.login_max_code_failures - attempt.tries
        if attempts_left <= 0:
            attempts.finish(attempt_id)
        login_events.record(db, LoginEventKind.CODE_REJECTED, email=user.email, user_id=user.id, client=client)
        logger.info("login.code_rejected", user_id=str(user.id), attempt_id=str(attempt_id), attempts_left=attempts_left)
        # Wrong codes count towards the address's lock too; otherwise someone
        # with the password could open attempt after attempt.
        _count_failure(db, lockout, user.email, user.id, client)
        raise InvalidCode(attempts_left=max(attempts_left, 0))

    if not attempts.finish(attempt_id):
        # Another request with the same code ended the attempt first.
        raise AttemptExpired()

    if user.is_blocked:
        login_events.record(db, LoginEventKind.BLOCKED_REFUSED, email=user.email, user_id=user.id, client=client)
        logger.info("login.refused_blocked", user_id=str(user.id))
        raise AccountBlocked()

    lockout.clear_failures(user.email)
    user_session, token = start_session(db, user, settings, client, SECOND_FACTOR_EMAIL_CODE)
    login_events.record(
        db, LoginEventKind.CODE_ACCEPTED, email=user.email, user_id=user.id, client=client, session_id=user_session.id
    )
    logger.info("login.code_accepted", user_id=str(user.id), session_id=str(user_session.id))
    return user_session, token, user
