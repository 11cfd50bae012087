import uuid
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cp_dossiers.models.base import Base, BigIntegerId, Cents, TimestampMixin

if TYPE_CHECKING:
    from cp_dossiers.models.dossier import Dossier


class Invoice(TimestampMixin, Base):
    """A claimed invoice; the invoices of a dossier add up to its principal."""

    __tablename__ = "invoices"

    id: Mapped[int] = mapped_column(BigIntegerId, primary_key=True, autoincrement=True)
    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(50))
    invoice_date: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date)
    amount_cents: Mapped[int] = mapped_column(Cents)
    description: Mapped[str] = mapped_column(String(300), default="")

    dossier: Mapped["Dossier"] = relationship(back_populates="invoices", lazy="raise")
