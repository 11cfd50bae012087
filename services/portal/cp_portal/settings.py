"""Settings of the web portal, read from CP_PORTAL_* variables."""

from pathlib import Path
from urllib.parse import urlsplit

from pydantic import field_validator, model_validator
from pydantic_settings import SettingsConfigDict

from cp_common.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CP_PORTAL_", extra="ignore", frozen=True)

    service_name: str = "portal"
    # The portal keeps no database; it reads everything through the public API.
    database_url: str = ""
    # The Traefik gateway; every API call goes through it, like a mobile app's.
    api_base_url: str = "https://127.0.0.1:8443"
    # CA that signed the gateway's certificate (the dev CA locally). Set it
    # empty to trust the system's certificate store instead.
    api_ca_file: Path | None = Path("var/tls/ca.pem")
    # Seconds for one API call (connect, read and write each).
    request_timeout: float = 10.0
    # Seconds to wait for a PDF overview to be rendered, and between polls.
    pdf_wait_timeout: float = 30.0
    pdf_poll_interval: float = 0.5
    # Send cookies only over HTTPS; switch off only for plain-HTTP development.
    cookie_secure: bool = True

    @field_validator("api_ca_file", mode="before")
    @classmethod
    def _empty_means_system_store(cls, value: object) -> object:
        if value == "":
            return None
        return value

    @field_validator("api_base_url")
    @classmethod
    def _require_http_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise ValueError(f"api_base_url {value!r} is not an http(s) URL; set e.g. https://127.0.0.1:8443")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _require_secure_transport_in_production(self) -> "Settings":
        if self.environment != "production":
            return self
        if not self.cookie_secure:
            raise ValueError("portal: cookie_secure is off in production; session cookies must be Secure")
        if not self.api_base_url.startswith("https://"):
            raise ValueError(f"portal: api_base_url {self.api_base_url} is not HTTPS in production")
        return self
