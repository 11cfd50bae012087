import enum
import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cp_common.db import utcnow
from cp_common.vocabulary import ClosingCode
from cp_dossiers.models.base import Base, enum_type

if TYPE_CHECKING:
    from cp_dossiers.models.dossier import Dossier


class ClosingProposalStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class ClosingProposal(Base):
    """A creditor's request (sluitvoorstel) to close a dossier with a closing code."""

    __tablename__ = "closing_proposals"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    closing_code: Mapped[ClosingCode] = mapped_column(enum_type(ClosingCode))
    explanation: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ClosingProposalStatus] = mapped_column(
        enum_type(ClosingProposalStatus), default=ClosingProposalStatus.PENDING
    )
    submitted_by_user_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    submitted_by_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by_name: Mapped[str | None] = mapped_column(String(200))
    # Why the agency rejected it, in Dutch; shown to the creditor.
    decision_note: Mapped[str | None] = mapped_column(Text)

    dossier: Mapped["Dossier"] = relationship(back_populates="closing_proposals", lazy="raise")
