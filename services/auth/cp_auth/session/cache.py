"""A short-lived Redis copy of what /internal/verify needs, keyed by token hash.

Revoking a session deletes its entry and leaves a revocation marker for a
few minutes. A verification that read the database just before the revoke
committed then finds the marker and does not write its stale entry back, so
the next request after a revoke is always checked against the database.

Redis errors are logged and treated as a cache miss: the database stays the
authority, and an entry that could not be deleted expires after the TTL.
"""

import json
from dataclasses import asdict, dataclass
from datetime import timedelta

import structlog
from redis import Redis
from redis.exceptions import RedisError

logger = structlog.get_logger(__name__)

REVOCATION_MARKER_TTL = timedelta(minutes=5)

# Writes the entry only while no revocation marker exists for the token.
_STORE_UNLESS_REVOKED = """
if redis.call('EXISTS', KEYS[2]) == 1 then
    return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
"""


@dataclass(frozen=True)
class CachedSession:
    session_id: str
    user_id: str
    email: str
    organisation_id: str | None
    roles: list[str]
    name: str
    language: str
    expires_at: float
    last_seen_at: float


def _entry_key(token_hash: str) -> str:
    return f"auth:session:{token_hash}"


def _marker_key(token_hash: str) -> str:
    return f"auth:session-revoked:{token_hash}"


class SessionCache:
    def __init__(self, redis: Redis, ttl: timedelta):
        self._redis = redis
        self._ttl_ms = int(ttl.total_seconds() * 1000)
        self._store_script = redis.register_script(_STORE_UNLESS_REVOKED)

    def get(self, token_hash: str) -> CachedSession | None:
        try:
            raw = self._redis.get(_entry_key(token_hash))
        except RedisError as error:
            logger.warning("session.cache_unavailable", error=str(error))
            return None
        if raw is None:
            return None
        try:
            return CachedSession(**json.loads(raw))
        except (TypeError, ValueError):
            # An entry written by another version of this service: read the database.
            return None

    def store(self, token_hash: str, entry: CachedSession) -> None:
        if self._ttl_ms <= 0:
            return
        try:
            self._store_script(
                keys=[_entry_key(token_hash), _marker_key(token_hash)],
                args=[json.dumps(asdict(entry)), self._ttl_ms],
            )
        except RedisError as error:
            logger.warning("session.cache_unavailable", error=str(error))

    def invalidate(self, token_hashes: list[str]) -> None:
        if not token_hashes:
            return
        marker_ttl = int(REVOCATION_MARKER_TTL.total_seconds())
        try:
            with self._redis.pipeline(transaction=True) as pipeline:
                for token_hash in token_hashes:
                    pipeline.set(_marker_key(token_hash), "1", ex=marker_ttl)
                    pipeline.delete(_entry_key(token_hash))
                pipeline.execute()
        except RedisError as error:
            # The sessions are revoked in the database; the entries expire within the TTL.
            logger.error("session.cache_invalidation_failed", count=len(token_hashes), error=str(error))
