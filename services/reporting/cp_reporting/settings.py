from pydantic_settings import SettingsConfigDict

from cp_common.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CP_REPORTING_", extra="ignore", frozen=True)

    service_name: str = "reporting"
    database_url: str = "sqlite:///var/db/reporting.sqlite3"
    # The dossiers service's internal API, reached directly and not through the gateway.
    dossiers_internal_url: str = "http://127.0.0.1:8102"
    dossiers_timeout_seconds: float = 10.0
    # Durable queue of the read model's event consumer, bound to dossier.# on cp.events.
    events_queue: str = "reporting.dossier-events"
    # Celery queue that the PDF worker consumes (`celery ... worker -Q pdf`).
    pdf_queue: str = "pdf"
