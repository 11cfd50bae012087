"""The ``dossier.*`` events and the snapshot they carry.

Consumers keep a read model of dossiers from these events and apply a
snapshot only when its ``version`` is newer than what they hold.
"""

import uuid
from datetime import date
from typing import Any, Protocol

from sqlalchemy.orm import Session

from cp_common.outbox import add_event
from cp_dossiers.models import OutboxMessage

PRODUCER = "dossiers"

DOSSIER_CREATED = "dossier.created"
DOSSIER_UPDATED = "dossier.updated"
DOSSIER_CLOSED = "dossier.closed"


class DossierState(Protocol):
    """The attributes a snapshot reads, present on a Dossier row and on a dossier the demo seeder plans."""

    id: uuid.UUID
    creditor_id: uuid.UUID
    number: str
    phase: str
    status: str
    closing_code: str | None
    opened_on: date
    closed_on: date | None
    principal_cents: int
    interest_cents: int
    collection_costs_cents: int
    paid_cents: int
    version: int


def dossier_snapshot(dossier: DossierState) -> dict[str, Any]:
    """Return the DossierSnapshot of the API contract."""
    total_claimed = dossier.principal_cents + dossier.interest_cents + dossier.collection_costs_cents
    return {
        "id": str(dossier.id),
        "creditor_id": str(dossier.creditor_id),
        "number": dossier.number,
        "phase": str(dossier.phase),
        "status": str(dossier.status),
        "closing_code": str(dossier.closing_code) if dossier.closing_code is not None else None,
        "opened_on": dossier.opened_on.isoformat(),
        "closed_on": dossier.closed_on.isoformat() if dossier.closed_on is not None else None,
        "principal_cents": dossier.principal_cents,
        "interest_cents": dossier.interest_cents,
        "collection_costs_cents": dossier.collection_costs_cents,
        "paid_cents": dossier.paid_cents,
        "outstanding_cents": total_claimed - dossier.paid_cents,
        "version": dossier.version,
    }


def stage_dossier_event(session: Session, event_type: str, dossier: DossierState) -> uuid.UUID:
    """Add the event to the outbox in the session's transaction; return its id."""
    envelope = add_event(
        session,
        OutboxMessage,
        event_type=event_type,
        producer=PRODUCER,
        data={"dossier": dossier_snapshot(dossier)},
        organisation_id=dossier.creditor_id,
    )
    return envelope.id
