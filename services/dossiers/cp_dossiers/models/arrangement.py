import enum
import uuid
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cp_dossiers.models.base import Base, BigIntegerId, Cents, TimestampMixin, enum_type

if TYPE_CHECKING:
    from cp_dossiers.models.dossier import Dossier


class ArrangementFrequency(enum.StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


class ArrangementStatus(enum.StrEnum):
    ACTIVE = "active"
    COMPLETED = "completed"
    # The debtor stopped paying; collection goes on without the arrangement.
    BROKEN = "broken"


class PaymentArrangement(TimestampMixin, Base):
    """An agreement with the debtor to pay in instalments (regeling).

    A dossier can have had several; the latest one is the one shown.
    """

    __tablename__ = "payment_arrangements"

    id: Mapped[int] = mapped_column(BigIntegerId, primary_key=True, autoincrement=True)
    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    total_amount_cents: Mapped[int] = mapped_column(Cents)
    instalment_amount_cents: Mapped[int] = mapped_column(Cents)
    instalment_count: Mapped[int] = mapped_column(Integer)
    frequency: Mapped[ArrangementFrequency] = mapped_column(enum_type(ArrangementFrequency))
    start_date: Mapped[date] = mapped_column(Date)
    instalments_paid: Mapped[int] = mapped_column(Integer, default=0)
    # None once the arrangement is completed or broken.
    next_due_on: Mapped[date | None] = mapped_column(Date)
    # What fell due and was not paid.
    arrears_cents: Mapped[int] = mapped_column(Cents, default=0)
    status: Mapped[ArrangementStatus] = mapped_column(enum_type(ArrangementStatus), default=ArrangementStatus.ACTIVE)

    dossier: Mapped["Dossier"] = relationship(back_populates="arrangements", lazy="raise")
