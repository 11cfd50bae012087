"""Login attempts in Redis: the state between a correct password and its code.

An attempt contains the user id and a random pyotp secret. The security code
is derived from the secret when it is sent and again when it is checked, so
the code itself is never stored. The attempt expires with the code.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pyotp
from redis import Redis

from cp_common.db import utcnow

CODE_LENGTH = 6

# Counts one try and returns the attempt, atomically, so that parallel
# requests cannot get more tries than allowed. A missing key stays missing.
_COUNT_TRY = """
if redis.call('EXISTS', KEYS[1]) == 0 then
    return false
end
local tries = redis.call('HINCRBY', KEYS[1], 'tries', 1)
local values = redis.call('HMGET', KEYS[1], 'user_id', 'secret')
return {tries, values[1], values[2]}
"""


@dataclass(frozen=True)
class NewAttempt:
    id: uuid.UUID
    expires_at: datetime
    code: str = field(repr=False)


@dataclass(frozen=True)
class AttemptTry:
    """An attempt as read for one code check; ``tries`` includes this one."""

    tries: int
    user_id: uuid.UUID
    secret: str = field(repr=False)

    def code_matches(self, code: str) -> bool:
        # pyotp compares in constant time (hmac.compare_digest).
        return pyotp.HOTP(self.secret, digits=CODE_LENGTH).verify(code.strip(), 0)


def _key(attempt_id: uuid.UUID) -> str:
    return f"auth:login-attempt:{attempt_id}"


def _latest_key(user_id: uuid.UUID) -> str:
    return f"auth:latest-login-attempt:{user_id}"


class LoginAttemptStore:
    def __init__(self, redis: Redis, lifetime: timedelta):
        self._redis = redis
        self._lifetime = lifetime
        self._count_try = redis.register_script(_COUNT_TRY)

    def create(self, user_id: uuid.UUID) -> NewAttempt:
        """Open a new attempt for the user; the user's previous attempt ends, so only the newest code works."""
        attempt_id = uuid.uuid4()
        secret = pyotp.random_base32()
        expires_at = utcnow() + self._lifetime
        key = _key(attempt_id)
        lifetime_ms = int(self._lifetime.total_seconds() * 1000)
        with self._redis.pipeline(transaction=True) as pipeline:
            pipeline.hset(key, mapping={"user_id": str(user_id), "secret": secret, "tries": 0})
            pipeline.pexpire(key, lifetime_ms)
            pipeline.set(_latest_key(user_id), str(attempt_id), px=lifetime_ms, get=True)
            previous = pipeline.execute()[-1]
        if previous:
            previous_id = previous.decode() if isinstance(previous, bytes) else previous
            self._redis.delete(_key(uuid.UUID(previous_id)))
        return NewAttempt(id=attempt_id, expires_at=expires_at, code=pyotp.HOTP(secret, digits=CODE_LENGTH).at(0))

    def count_try(self, attempt_id: uuid.UUID) -> AttemptTry | None:
        """Count one code check against the attempt; None when it is unknown or expired."""
        result = self._count_try(keys=[_key(attempt_id)])
        if result is None:
            return None
        tries, user_id, secret = result
        return AttemptTry(tries=int(tries), user_id=uuid.UUID(user_id), secret=secret)

    def finish(self, attempt_id: uuid.UUID) -> bool:
        """Delete the attempt; True only for the one caller that deleted it.

        A correct code ends the attempt, and the deletion decides which of two
        parallel requests with that code may create the session.
        """
        return self._redis.delete(_key(attempt_id)) == 1
