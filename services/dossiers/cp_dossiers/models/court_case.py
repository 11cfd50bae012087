import uuid
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cp_dossiers.models.base import Base, BigIntegerId, TimestampMixin

if TYPE_CHECKING:
    from cp_dossiers.models.dossier import Dossier


class CourtCase(TimestampMixin, Base):
    """Court roll data (rolgegevens) of a dossier's court case."""

    __tablename__ = "court_cases"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), unique=True)
    court: Mapped[str] = mapped_column(String(200))
    case_number: Mapped[str] = mapped_column(String(60))
    filed_on: Mapped[date | None] = mapped_column(Date)
    judgment_on: Mapped[date | None] = mapped_column(Date)
    # The judgment's outcome in Dutch, for instance "Vordering toegewezen (verstek)".
    judgment: Mapped[str | None] = mapped_column(Text)

    dossier: Mapped["Dossier"] = relationship(back_populates="court_case", lazy="raise")
    hearings: Mapped[list["CourtHearing"]] = relationship(
        back_populates="court_case", lazy="raise", order_by="(CourtHearing.hearing_on, CourtHearing.id)"
    )


class CourtHearing(Base):
    """A hearing or roll date of a court case; future dates are alerts for the creditor."""

    __tablename__ = "court_hearings"

    id: Mapped[int] = mapped_column(BigIntegerId, primary_key=True, autoincrement=True)
    court_case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("court_cases.id", ondelete="CASCADE"), index=True)
    hearing_on: Mapped[date] = mapped_column(Date, index=True)
    description: Mapped[str] = mapped_column(String(300))

    court_case: Mapped[CourtCase] = relationship(back_populates="hearings", lazy="raise")
