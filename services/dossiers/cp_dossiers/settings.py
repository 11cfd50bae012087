from pydantic_settings import SettingsConfigDict

from cp_common.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CP_DOSSIERS_", extra="ignore", frozen=True)

    service_name: str = "dossiers"
    database_url: str = "sqlite:///var/db/dossiers.sqlite3"
