"""Typed settings shared by every service, read from CP_<SERVICE>_* variables."""

from pathlib import Path
from typing import Literal

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Environment = Literal["development", "test", "production"]


class ServiceSettings(BaseSettings):
    """Base settings; each service subclasses it with its own env prefix.

    The defaults suit the one-command local run: SQLite files under var/,
    and Redis and RabbitMQ on localhost.
    """

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    environment: Environment = "development"
    service_name: str
    database_url: str
    redis_url: str = "redis://127.0.0.1:6379/0"
    amqp_url: str = "amqp://guest:guest@127.0.0.1:5672//"
    # Ed25519 keys: <name>.key.pem is this service's own signing key (if it
    # signs tokens) and every <name>.pub.pem is a trusted issuer.
    keys_dir: Path = Path("var/keys")
    log_format: Literal["console", "json"] = "console"
    log_level: str = "INFO"

    @model_validator(mode="after")
    def _reject_embedded_database_in_production(self) -> "ServiceSettings":
        if self.environment == "production" and self.database_url.startswith("sqlite"):
            raise ValueError(
                f"{self.service_name}: database_url is SQLite in production; "
                "set a PostgreSQL URL (postgresql+psycopg://...)"
            )
        return self
