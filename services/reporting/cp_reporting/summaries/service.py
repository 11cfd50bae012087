import structlog
from pydantic import ValidationError
from sqlalchemy.orm import Session

from cp_common.events import EventEnvelope
from cp_reporting.summaries import repository
from cp_reporting.summaries.schemas import DossierSnapshot

logger = structlog.get_logger(__name__)

SNAPSHOT_EVENT_TYPES = frozenset({"dossier.created", "dossier.updated", "dossier.closed"})


class InvalidDossierEvent(ValueError):
    """The event cannot be applied; the consumer rejects it to the dead-letter queue."""


def apply_dossier_event(session: Session, envelope: EventEnvelope) -> None:
    """Apply a ``dossier.*`` event's snapshot to the read model; older versions change nothing.

    Other ``dossier.*`` types reach this queue through the ``dossier.#``
    binding too; they carry no snapshot and are skipped.
    """
    if envelope.type not in SNAPSHOT_EVENT_TYPES:
        logger.debug("dossier_summary.event_skipped", event_id=str(envelope.id), event_type=envelope.type)
        return

    snapshot = parse_snapshot(envelope)
    written = repository.upsert_if_newer(session, snapshot, updated_at=envelope.occurred_at)
    logger.debug(
        "dossier_summary.applied" if written else "dossier_summary.stale_snapshot_skipped",
        event_id=str(envelope.id),
        dossier_id=str(snapshot.id),
        version=snapshot.version,
    )


def parse_snapshot(envelope: EventEnvelope) -> DossierSnapshot:
    raw = envelope.data.get("dossier")
    if not isinstance(raw, dict):
        raise InvalidDossierEvent(f"event {envelope.id} ({envelope.type}) has no data.dossier object")

    try:
        snapshot = DossierSnapshot.model_validate(raw)
    except ValidationError as error:
        raise InvalidDossierEvent(f"event {envelope.id} has an invalid dossier snapshot: {error}") from error

    # The envelope's organisation is the tenant; a snapshot naming another
    # creditor would show the dossier to the wrong organisation.
    if envelope.organisation_id is not None and envelope.organisation_id != snapshot.creditor_id:
        raise InvalidDossierEvent(
            f"event {envelope.id} is for organisation {envelope.organisation_id} "
            f"but its dossier belongs to creditor {snapshot.creditor_id}"
        )
    return snapshot
