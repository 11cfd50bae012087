import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, LargeBinary, String, Text, Uuid
from sqlalchemy.orm import Mapped, deferred, mapped_column

from cp_reporting.database import Base


class DocumentKind(StrEnum):
    DOSSIER_OVERVIEW = "dossier_overview"


class DocumentStatus(StrEnum):
    PENDING = "pending"
    READY = "ready"
    FAILED = "failed"


class Document(Base):
    """A requested document; the worker stores its bytes here once rendered."""

    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_creditor_id", "creditor_id"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    kind: Mapped[str] = mapped_column(String(40))
    dossier_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    # The dossier number at request time; it names the file.
    dossier_number: Mapped[str] = mapped_column(String(50))
    creditor_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    requested_by: Mapped[uuid.UUID] = mapped_column(Uuid)
    # "nl" or "en": the language of the requesting user, used for the document.
    language: Mapped[str] = mapped_column(String(2))
    status: Mapped[str] = mapped_column(String(20))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    # Loaded only where the bytes are needed; touching it elsewhere raises.
    content: Mapped[bytes | None] = deferred(mapped_column(LargeBinary), raiseload=True)
