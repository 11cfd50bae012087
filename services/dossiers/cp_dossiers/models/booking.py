import enum
import uuid
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cp_dossiers.models.base import Base, BigIntegerId, Cents, TimestampMixin, enum_type

if TYPE_CHECKING:
    from cp_dossiers.models.dossier import Dossier


class BookingKind(enum.StrEnum):
    # The debtor paid the agency.
    PAYMENT_TO_AGENCY = "payment_to_agency"
    # The debtor paid the creditor, who reported it.
    DIRECT_PAYMENT = "direct_payment"
    # The agency paid collected money out to the creditor (afdracht).
    PAYOUT = "payout"


# Kinds of booking that lower what the debtor still owes; a payout only
# moves money the debtor already paid.
PAYMENT_KINDS = frozenset({BookingKind.PAYMENT_TO_AGENCY, BookingKind.DIRECT_PAYMENT})


class Booking(TimestampMixin, Base):
    __tablename__ = "bookings"

    id: Mapped[int] = mapped_column(BigIntegerId, primary_key=True, autoincrement=True)
    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    booked_on: Mapped[date] = mapped_column(Date)
    # Positive (register_booking rejects anything else); the kind shows which way the money went.
    amount_cents: Mapped[int] = mapped_column(Cents)
    kind: Mapped[BookingKind] = mapped_column(enum_type(BookingKind))
    description: Mapped[str] = mapped_column(String(300), default="")

    dossier: Mapped["Dossier"] = relationship(back_populates="bookings", lazy="raise")
