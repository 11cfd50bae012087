import enum
import uuid
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cp_common.vocabulary import ClosingCode, Phase
from cp_dossiers.models.base import Base, Cents, TimestampMixin, enum_type
from cp_dossiers.models.creditor import CaseHandler, Creditor
from cp_dossiers.models.debtor import Debtor

if TYPE_CHECKING:
    from cp_dossiers.models.action import Action
    from cp_dossiers.models.arrangement import PaymentArrangement
    from cp_dossiers.models.booking import Booking
    from cp_dossiers.models.closing_proposal import ClosingProposal
    from cp_dossiers.models.court_case import CourtCase
    from cp_dossiers.models.invoice import Invoice
    from cp_dossiers.models.note import Note


class DossierStatus(enum.StrEnum):
    RUNNING = "running"
    CLOSED = "closed"


class InterestKind(enum.StrEnum):
    """The statutory interest that applies: art. 6:119 BW (consumer) or 6:119a BW (commercial)."""

    CONSUMER = "consumer"
    COMMERCIAL = "commercial"


class Dossier(TimestampMixin, Base):
    """One collection case of a creditor against one debtor.

    The money columns are totals kept up to date by the service functions
    whenever an invoice, booking or recalculation changes them, so that
    lists never sum child rows. ``version`` goes up by one with every
    change; events carry it so that consumers can drop stale snapshots.
    """

    __tablename__ = "dossiers"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    creditor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("creditors.id"))
    number: Mapped[str] = mapped_column(String(20), unique=True)
    creditor_reference: Mapped[str | None] = mapped_column(String(100))
    debtor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("debtors.id"), index=True)
    phase: Mapped[Phase] = mapped_column(enum_type(Phase))
    status: Mapped[DossierStatus] = mapped_column(enum_type(DossierStatus), default=DossierStatus.RUNNING)
    closing_code: Mapped[ClosingCode | None] = mapped_column(enum_type(ClosingCode))
    # Stand van zaken: a Dutch sentence or two on what happens now.
    status_text: Mapped[str] = mapped_column(Text, default="")
    opened_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    case_handler_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("case_handlers.id"), index=True)
    interest_kind: Mapped[InterestKind] = mapped_column(enum_type(InterestKind))
    principal_cents: Mapped[int] = mapped_column(Cents, default=0)
    interest_cents: Mapped[int] = mapped_column(Cents, default=0)
    collection_costs_cents: Mapped[int] = mapped_column(Cents, default=0)
    paid_cents: Mapped[int] = mapped_column(Cents, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)

    # The service sets the version itself; the ORM adds "WHERE version = old"
    # to every UPDATE, so a concurrent change raises StaleDataError.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    creditor: Mapped[Creditor] = relationship(lazy="raise")
    debtor: Mapped[Debtor] = relationship(lazy="raise")
    case_handler: Mapped[CaseHandler | None] = relationship(lazy="raise")
    invoices: Mapped[list["Invoice"]] = relationship(
        back_populates="dossier", lazy="raise", order_by="(Invoice.invoice_date, Invoice.id)"
    )
    bookings: Mapped[list["Booking"]] = relationship(
        back_populates="dossier", lazy="raise", order_by="(Booking.booked_on, Booking.id)"
    )
    actions: Mapped[list["Action"]] = relationship(
        back_populates="dossier", lazy="raise", order_by="(Action.occurred_at, Action.id)"
    )
    arrangements: Mapped[list["PaymentArrangement"]] = relationship(
        back_populates="dossier", lazy="raise", order_by="(PaymentArrangement.start_date, PaymentArrangement.id)"
    )
    court_case: Mapped["CourtCase | None"] = relationship(back_populates="dossier", lazy="raise")
    notes: Mapped[list["Note"]] = relationship(back_populates="dossier", lazy="raise", order_by="Note.created_at")
    closing_proposals: Mapped[list["ClosingProposal"]] = relationship(
        back_populates="dossier", lazy="raise", order_by="ClosingProposal.created_at"
    )

    @property
    def total_claimed_cents(self) -> int:
        return self.principal_cents + self.interest_cents + self.collection_costs_cents

    @property
    def outstanding_cents(self) -> int:
        return self.total_claimed_cents - self.paid_cents


# The dossier list reads one organisation's running or closed dossiers, newest
# first; this index serves both its count and its page without a sort.
Index(
    "ix_dossiers_creditor_status_opened",
    Dossier.creditor_id,
    Dossier.status,
    Dossier.opened_on.desc(),
    Dossier.number,
)


class DossierNumberCounter(Base):
    """The last dossier number handed out per year (numbers look like 2026-004211)."""

    __tablename__ = "dossier_number_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_value: Mapped[int] = mapped_column(Integer, default=0)
