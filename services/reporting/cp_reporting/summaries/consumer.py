from sqlalchemy.orm import Session, sessionmaker

from cp_common.consumer import EventConsumer
from cp_reporting.settings import Settings
from cp_reporting.summaries.models import ProcessedEvent
from cp_reporting.summaries.service import apply_dossier_event

DOSSIER_EVENTS_BINDING = "dossier.#"


def build_consumer(
    settings: Settings, session_factory: sessionmaker[Session], *, queue_name: str | None = None
) -> EventConsumer:
    """Build the read model's consumer; tests pass a ``queue_name`` of their own."""
    return EventConsumer(
        settings.amqp_url,
        queue_name or settings.events_queue,
        [DOSSIER_EVENTS_BINDING],
        session_factory,
        ProcessedEvent,
        apply_dossier_event,
    )
