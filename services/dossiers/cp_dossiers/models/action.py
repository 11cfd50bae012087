import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cp_common.vocabulary import Phase
from cp_dossiers.models.base import Base, BigIntegerId, enum_type

if TYPE_CHECKING:
    from cp_dossiers.models.dossier import Dossier


class Action(Base):
    """A step the agency took in a dossier (letter, call, summons ...)."""

    __tablename__ = "actions"
    __table_args__ = (Index("ix_actions_dossier_id_occurred_at", "dossier_id", "occurred_at"),)

    id: Mapped[int] = mapped_column(BigIntegerId, primary_key=True, autoincrement=True)
    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"))
    occurred_at: Mapped[datetime]
    # Short snake_case name such as letter_14_day or summons_served.
    code: Mapped[str] = mapped_column(String(50))
    # Dutch, as the creditor reads it.
    description: Mapped[str] = mapped_column(String(500))
    # The dossier's phase when the action took place.
    phase: Mapped[Phase] = mapped_column(enum_type(Phase))

    dossier: Mapped["Dossier"] = relationship(back_populates="actions", lazy="raise")
