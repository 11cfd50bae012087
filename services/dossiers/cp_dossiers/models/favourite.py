import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from cp_common.db import utcnow
from cp_dossiers.models.base import Base


class Favourite(Base):
    """A dossier a user marked as favourite; the key leads with the user for their list."""

    __tablename__ = "favourites"

    user_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    dossier_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
