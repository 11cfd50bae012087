import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cp_reporting.summaries.models import DossierSummary


def count_running_per_phase(session: Session, creditor_id: uuid.UUID) -> dict[str, int]:
    rows = session.execute(
        select(DossierSummary.phase, func.count())
        .where(DossierSummary.creditor_id == creditor_id, DossierSummary.status == "running")
        .group_by(DossierSummary.phase)
    )
    return {phase: count for phase, count in rows}


@dataclass(frozen=True)
class TotalsRow:
    all: int
    running: int
    closed: int
    principal_cents: int
    paid_cents: int
    outstanding_cents: int
    updated_at: datetime | None


def sum_totals(session: Session, creditor_id: uuid.UUID) -> TotalsRow:
    row = session.execute(
        select(
            func.count(),
            func.count().filter(DossierSummary.status == "running"),
            func.count().filter(DossierSummary.status == "closed"),
            func.coalesce(func.sum(DossierSummary.principal_cents), 0),
            func.coalesce(func.sum(DossierSummary.paid_cents), 0),
            # Closed dossiers (uncollectable, bankrupt, withdrawn) can keep a balance that is
            # no longer being collected, so only running dossiers count as outstanding.
            func.coalesce(func.sum(DossierSummary.outstanding_cents).filter(DossierSummary.status == "running"), 0),
            func.max(DossierSummary.updated_at),
        ).where(DossierSummary.creditor_id == creditor_id)
    ).one()
    # PostgreSQL sums bigints as numeric; int() keeps the cents exact.
    return TotalsRow(
        all=row[0],
        running=row[1],
        closed=row[2],
        principal_cents=int(row[3]),
        paid_cents=int(row[4]),
        outstanding_cents=int(row[5]),
        updated_at=row[6],
    )
