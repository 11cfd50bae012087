import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, Date, Index, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from cp_common.consumer import ProcessedEventMixin
from cp_reporting.database import Base


class DossierSummary(Base):
    """The latest snapshot of one dossier, as the dossiers service last published it.

    Widgets aggregate over these rows with SQL. Counts over time (inflow per
    month, created this month, closed last month, per closing code) come from
    opened_on, closed_on and closing_code. Amounts collected over time can be
    kept in a later monthly table, filled with the paid_cents difference
    between the stored and the newer snapshot when one is applied.
    """

    __tablename__ = "dossier_summaries"
    __table_args__ = (
        # Serves every widget's tenant filter and the running-per-phase count.
        Index("ix_dossier_summaries_creditor_status_phase", "creditor_id", "status", "phase"),
        Index("ix_dossier_summaries_creditor_opened_on", "creditor_id", "opened_on"),
        Index("ix_dossier_summaries_creditor_closed_on", "creditor_id", "closed_on"),
    )

    dossier_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    creditor_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    number: Mapped[str] = mapped_column(String(50))
    phase: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20))
    closing_code: Mapped[str | None] = mapped_column(String(40))
    opened_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    principal_cents: Mapped[int] = mapped_column(BigInteger)
    interest_cents: Mapped[int] = mapped_column(BigInteger)
    collection_costs_cents: Mapped[int] = mapped_column(BigInteger)
    paid_cents: Mapped[int] = mapped_column(BigInteger)
    outstanding_cents: Mapped[int] = mapped_column(BigInteger)
    version: Mapped[int] = mapped_column(Integer)
    # When the dossier changed at the source: the occurred_at of the applied event.
    # NOTE: snapshots carry no action data, so "recent actions" needs the time of
    # the last action added to the snapshot or an event of its own.
    updated_at: Mapped[datetime]


class ProcessedEvent(ProcessedEventMixin, Base):
    __tablename__ = "processed_events"
