"""Settings of the notifications service, read from CP_NOTIFICATIONS_* variables."""

from email.utils import parseaddr
from pathlib import Path

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import SettingsConfigDict

from cp_common.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CP_NOTIFICATIONS_", extra="ignore", frozen=True)

    service_name: str = "notifications"
    database_url: str = "sqlite:///var/db/notifications.sqlite3"

    # The local run points these at the SMTP sink (python -m cp_local.mailsink).
    smtp_host: str = "127.0.0.1"
    smtp_port: int = Field(default=1025, ge=1, le=65535)
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    # CA certificates that the SMTP server's certificate must chain to; by
    # default the system's trusted CAs.
    smtp_ca_file: Path | None = None
    smtp_timeout: float = Field(default=15.0, gt=0, description="seconds per SMTP socket operation")
    mail_from: str = "Opdrachtgeversportaal <no-reply@vanderberg-incasso.example>"

    # Who a recipient contacts when they did not request a security code.
    agency_name: str = "Incassobureau Van der Berg & Partners"
    support_email: str = "info@vanderberg-incasso.example"
    support_phone: str = "020 123 4567"

    @field_validator("mail_from")
    @classmethod
    def _check_mail_from(cls, value: str) -> str:
        _, address = parseaddr(value)
        if "@" not in address:
            raise ValueError(
                f"mail_from {value!r} has no email address; set CP_NOTIFICATIONS_MAIL_FROM to 'Name <address@domain>'"
            )
        return value

    @model_validator(mode="after")
    def _require_login_pair(self) -> "Settings":
        if (self.smtp_username is None) != (self.smtp_password is None):
            raise ValueError(
                "notifications: set both CP_NOTIFICATIONS_SMTP_USERNAME and CP_NOTIFICATIONS_SMTP_PASSWORD, or neither"
            )
        if self.environment == "production" and self.smtp_username is not None and not self.smtp_starttls:
            raise ValueError(
                "notifications: SMTP login without STARTTLS would send the password in clear text; "
                "set CP_NOTIFICATIONS_SMTP_STARTTLS=true"
            )
        return self
