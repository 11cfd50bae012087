"""Settings of the auth service, read from CP_AUTH_* environment variables.

Durations accept seconds (``900``) or ISO 8601 (``PT15M``).
"""

from datetime import timedelta

from pydantic import Field, model_validator
from pydantic_settings import SettingsConfigDict

from cp_common.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CP_AUTH_", extra="ignore", frozen=True)

    service_name: str = "auth"
    database_url: str = "sqlite:///var/db/auth.sqlite3"

    # The session cookie is only ever sent over HTTPS; switch this off only
    # for a plain-HTTP development setup without the gateway.
    cookie_secure: bool = True
    session_lifetime: timedelta = timedelta(hours=8)
    session_idle_timeout: timedelta = timedelta(minutes=30)
    # How long /internal/verify may use a Redis copy of a session without
    # reading the database. Revoking or blocking deletes the copy at once.
    session_cache_ttl: timedelta = Field(default=timedelta(seconds=30), le=timedelta(seconds=30))
    # last_seen_at is written at most once per interval, not on every request.
    session_touch_interval: timedelta = timedelta(minutes=1)

    login_code_lifetime: timedelta = timedelta(minutes=10)
    login_max_code_failures: int = Field(default=5, ge=1)
    lockout_max_failures: int = Field(default=5, ge=1)
    lockout_window: timedelta = timedelta(minutes=15)
    lockout_duration: timedelta = timedelta(minutes=15)

    # Celery queue of the notifications worker that emails security codes.
    security_code_queue: str = "email"

    @model_validator(mode="after")
    def _require_secure_cookie_in_production(self) -> "Settings":
        if self.environment == "production" and not self.cookie_secure:
            raise ValueError("auth: cookie_secure is off in production; set CP_AUTH_COOKIE_SECURE=true")
        return self

    @model_validator(mode="after")
    def _require_touch_within_idle_timeout(self) -> "Settings":
        # Cached sessions are trusted for one touch interval, so a longer
        # interval would let an idle session outlive its timeout.
        if self.session_touch_interval >= self.session_idle_timeout:
            raise ValueError(
                f"auth: session_touch_interval ({self.session_touch_interval}) must be shorter than "
                f"session_idle_timeout ({self.session_idle_timeout})"
            )
        return self
