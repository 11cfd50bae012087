import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from cp_reporting.summaries.models import DossierSummary
from cp_reporting.summaries.schemas import DossierSnapshot


def upsert_if_newer(session: Session, snapshot: DossierSnapshot, updated_at: datetime) -> bool:
    """Store the snapshot unless the stored row has the same or a newer version.

    One INSERT ... ON CONFLICT statement decides, so two consumers applying
    snapshots of one dossier at once cannot overwrite a newer one.
    Return whether a row was written.
    """
    values = {
        "dossier_id": snapshot.id,
        "creditor_id": snapshot.creditor_id,
        "number": snapshot.number,
        "phase": snapshot.phase.value,
        "status": snapshot.status,
        "closing_code": snapshot.closing_code.value if snapshot.closing_code else None,
        "opened_on": snapshot.opened_on,
        "closed_on": snapshot.closed_on,
        "principal_cents": snapshot.principal_cents,
        "interest_cents": snapshot.interest_cents,
        "collection_costs_cents": snapshot.collection_costs_cents,
        "paid_cents": snapshot.paid_cents,
        "outstanding_cents": snapshot.outstanding_cents,
        "version": snapshot.version,
        "updated_at": updated_at,
    }
    dialect = session.get_bind().dialect.name
    insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}.get(dialect)
    if insert is None:
        raise RuntimeError(f"database dialect {dialect!r} is not supported; use PostgreSQL or SQLite")

    statement = insert(DossierSummary).values(**values)
    changed = {name: statement.excluded[name] for name in values if name != "dossier_id"}
    statement = statement.on_conflict_do_update(
        index_elements=[DossierSummary.dossier_id],
        set_=changed,
        where=DossierSummary.version < statement.excluded.version,
    )
    result = session.execute(statement)
    return result.rowcount == 1


def get_for_creditor(session: Session, dossier_id: uuid.UUID, creditor_id: uuid.UUID) -> DossierSummary | None:
    return session.scalar(
        select(DossierSummary).where(
            DossierSummary.dossier_id == dossier_id,
            DossierSummary.creditor_id == creditor_id,
        )
    )
