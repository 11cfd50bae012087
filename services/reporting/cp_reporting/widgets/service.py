import uuid

from sqlalchemy.orm import Session

from cp_common.formatting import cents_to_decimal
from cp_common.vocabulary import Phase
from cp_reporting.widgets import repository
from cp_reporting.widgets.schemas import DossierCounts, DossiersPerPhase, PhaseCount, Totals


def dossiers_per_phase(session: Session, creditor_id: uuid.UUID) -> DossiersPerPhase:
    counts = repository.count_running_per_phase(session, creditor_id)
    items = [PhaseCount(phase=phase, count=counts.get(phase.value, 0)) for phase in Phase]
    return DossiersPerPhase(items=items, total=sum(item.count for item in items))


def totals(session: Session, creditor_id: uuid.UUID) -> Totals:
    row = repository.sum_totals(session, creditor_id)
    return Totals(
        dossiers=DossierCounts(all=row.all, running=row.running, closed=row.closed),
        principal=cents_to_decimal(row.principal_cents),
        collected=cents_to_decimal(row.paid_cents),
        outstanding=cents_to_decimal(row.outstanding_cents),
        updated_at=row.updated_at,
    )
