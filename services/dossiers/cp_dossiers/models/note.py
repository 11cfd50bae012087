import enum
import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cp_common.db import utcnow
from cp_dossiers.models.base import Base, enum_type

if TYPE_CHECKING:
    from cp_dossiers.models.dossier import Dossier


class NoteAuthorSide(enum.StrEnum):
    CREDITOR = "creditor"
    AGENCY = "agency"


class Note(Base):
    """A message in a dossier (aantekening), optionally with one attachment.

    The attachment's bytes live in file storage under ``attachment_storage_key``;
    the row keeps only what a list or a download needs.
    """

    __tablename__ = "notes"
    __table_args__ = (Index("ix_notes_dossier_id_created_at", "dossier_id", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"))
    author_side: Mapped[NoteAuthorSide] = mapped_column(enum_type(NoteAuthorSide))
    # The auth service's user id; None for notes the agency's back office imported.
    author_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    author_name: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    attachment_filename: Mapped[str | None] = mapped_column(String(255))
    attachment_content_type: Mapped[str | None] = mapped_column(String(100))
    attachment_size_bytes: Mapped[int | None] = mapped_column(Integer)
    attachment_storage_key: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    dossier: Mapped["Dossier"] = relationship(back_populates="notes", lazy="raise")
