"""Failed logins counted per email address in Redis, and the lock that follows.

Known and unknown addresses are counted and locked alike, so a lock reveals
nothing about whether an account exists. Keys contain a SHA-256 digest of the
address rather than the address itself.
"""

import hashlib
import time
import uuid
from datetime import timedelta

from redis import Redis

# Adds one failure to a sliding window and sets the lock once the window
# holds the maximum. Returns 1 when this failure set the lock.
_RECORD_FAILURE = """
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[3])
redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('PEXPIRE', KEYS[1], window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then
    redis.call('SET', KEYS[2], '1', 'PX', ARGV[5])
    redis.call('DEL', KEYS[1])
    return 1
end
return 0
"""


def _digest(email: str) -> str:
    return hashlib.sha256(email.encode()).hexdigest()


class LoginLockout:
    def __init__(self, redis: Redis, *, max_failures: int, window: timedelta, duration: timedelta):
        self._redis = redis
        self._max_failures = max_failures
        self._window_ms = int(window.total_seconds() * 1000)
        self._duration_ms = int(duration.total_seconds() * 1000)
        self._record_failure = redis.register_script(_RECORD_FAILURE)

    def seconds_locked(self, email: str) -> int:
        """Return how many seconds the address stays locked; 0 when it is not."""
        remaining_ms = self._redis.pttl(f"auth:login-lock:{_digest(email)}")
        if remaining_ms < 0:
            return 0
        return max(1, -(-remaining_ms // 1000))

    def record_failure(self, email: str) -> bool:
        """Count a failed password or code; return True when this failure locks the address."""
        digest = _digest(email)
        locked = self._record_failure(
            keys=[f"auth:login-failures:{digest}", f"auth:login-lock:{digest}"],
            args=[int(time.time() * 1000), uuid.uuid4().hex, self._window_ms, self._max_failures, self._duration_ms],
        )
        return locked == 1

    def clear_failures(self, email: str) -> None:
        self._redis.delete(f"auth:login-failures:{_digest(email)}")
