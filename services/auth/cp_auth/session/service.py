"""Creating, checking and revoking sessions."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import structlog
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from cp_auth.client import ClientInfo
from cp_auth.errors import SessionInvalid
from cp_auth.session import repository
from cp_auth.session.cache import CachedSession, SessionCache
from cp_auth.session.models import UserSession
from cp_auth.session.tokens import hash_token, new_token
from cp_auth.settings import Settings
from cp_auth.user import repository as user_repository
from cp_auth.user.models import User
from cp_common.db import utcnow
from cp_common.identity import Role, sign_user_token

logger = structlog.get_logger(__name__)

SECOND_FACTOR_EMAIL_CODE = "email_code"


@dataclass(frozen=True)
class ActiveSession:
    """A valid session and the identity it carries."""

    session_id: uuid.UUID
    user_id: uuid.UUID
    email: str
    # Set only for users of a creditor organisation: services scope dossier
    # queries by it, so agency staff must never carry one.
    organisation_id: uuid.UUID | None
    roles: frozenset[str]
    name: str
    language: str
    expires_at: datetime

    def has_role(self, role: Role) -> bool:
        return role.value in self.roles


def start_session(
    db: Session, user: User, settings: Settings, client: ClientInfo, second_factor: str
) -> tuple[UserSession, str]:
    """Create a session for the user; return it with the token, which is not stored."""
    now = utcnow()
    token = new_token()
    user_session = UserSession(
        user_id=user.id,
        token_hash=hash_token(token),
        second_factor=second_factor,
        created_at=now,
        last_seen_at=now,
        expires_at=now + settings.session_lifetime,
        ip=client.ip,
        user_agent=client.user_agent,
    )
    db.add(user_session)
    db.flush()

    logger.info("session.started", session_id=str(user_session.id), user_id=str(user.id))
    return user_session, token


def resolve_session(db: Session, cache: SessionCache, settings: Settings, token: str) -> ActiveSession:
    """Return the session of the token, or raise SessionInvalid.

    Refuses unknown, revoked, expired and idle sessions and blocked users.
    Moves ``last_seen_at`` forward at most once per touch interval; the
    caller commits.
    """
    now = utcnow()
    token_hash = hash_token(token)

    cached = cache.get(token_hash)
    if cached is not None and _is_usable(cached, settings, now):
        return _active_from_cache(cached)

    user_session = repository.get_by_token_hash(db, token_hash)
    if user_session is None:
        raise SessionInvalid()

    rejection = _rejection_reason(user_session, settings, now)
    if rejection is not None:
        logger.info("session.rejected", session_id=str(user_session.id), reason=rejection)
        raise SessionInvalid()

    user = user_repository.get_by_id(db, user_session.user_id)
    if user is None or user.is_blocked:
        logger.info("session.rejected", session_id=str(user_session.id), reason="user_blocked")
        raise SessionInvalid()

    last_seen_at = user_session.last_seen_at
    if now - last_seen_at >= settings.session_touch_interval:
        repository.touch(db, user_session.id, now)
        last_seen_at = now

    active = ActiveSession(
        session_id=user_session.id,
        user_id=user.id,
        email=user.email,
        organisation_id=identity_organisation_id(user),
        roles=user.roles,
        name=user.name,
        language=user.language,
        expires_at=user_session.expires_at,
    )
    cache.store(token_hash, _cache_entry(active, last_seen_at))
    return active


def _is_usable(entry: CachedSession, settings: Settings, now: datetime) -> bool:
    """Return whether a cached entry may be used without reading the database.

    An entry whose last_seen_at is due for a touch goes to the database,
    which also keeps the idle timeout exact to within one touch interval.
    """
    seconds_since_seen = now.timestamp() - entry.last_seen_at
    return seconds_since_seen < settings.session_touch_interval.total_seconds() and now.timestamp() < entry.expires_at


def _rejection_reason(user_session: UserSession, settings: Settings, now: datetime) -> str | None:
    if user_session.revoked_at is not None:
        return "revoked"
    if now >= user_session.expires_at:
        return "expired"
    if now - user_session.last_seen_at >= settings.session_idle_timeout:
        return "idle"
    return None


def identity_organisation_id(user: User) -> uuid.UUID | None:
    if user.organisation is None or not user.organisation.is_creditor:
        return None
    return user.organisation.id


def revoke_session(db: Session, cache: SessionCache, active: ActiveSession, token: str) -> None:
    repository.revoke(db, active.session_id, utcnow())
    cache.invalidate([hash_token(token)])
    logger.info("session.revoked", session_id=str(active.session_id), user_id=str(active.user_id))


def revoke_all_sessions(db: Session, cache: SessionCache, user_id: uuid.UUID) -> int:
    """Revoke every open session of the user; return how many there were."""
    token_hashes = repository.revoke_all_of_user(db, user_id, utcnow())
    cache.invalidate(token_hashes)
    logger.info("session.revoked_all", user_id=str(user_id), count=len(token_hashes))
    return len(token_hashes)


def sign_identity_token(key: Ed25519PrivateKey, active: ActiveSession) -> str:
    return sign_user_token(
        key,
        user_id=active.user_id,
        organisation_id=active.organisation_id,
        roles=active.roles,
        session_id=str(active.session_id),
        name=active.name,
        language=active.language,
    )


def _cache_entry(active: ActiveSession, last_seen_at: datetime) -> CachedSession:
    return CachedSession(
        session_id=str(active.session_id),
        user_id=str(active.user_id),
        email=active.email,
        organisation_id=str(active.organisation_id) if active.organisation_id else None,
        roles=sorted(active.roles),
        name=active.name,
        language=active.language,
        expires_at=active.expires_at.timestamp(),
        last_seen_at=last_seen_at.timestamp(),
    )


def _active_from_cache(entry: CachedSession) -> ActiveSession:
    return ActiveSession(
        session_id=uuid.UUID(entry.session_id),
        user_id=uuid.UUID(entry.user_id),
        email=entry.email,
        organisation_id=uuid.UUID(entry.organisation_id) if entry.organisation_id else None,
        roles=frozenset(entry.roles),
        name=entry.name,
        language=entry.language,
        expires_at=datetime.fromtimestamp(entry.expires_at, tz=UTC),
    )
