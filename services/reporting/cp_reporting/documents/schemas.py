import uuid
from datetime import datetime

from pydantic import BaseModel

from cp_reporting.documents.models import DocumentKind, DocumentStatus


class DocumentRead(BaseModel):
    id: uuid.UUID
    kind: DocumentKind
    dossier_id: uuid.UUID
    status: DocumentStatus
    created_at: datetime
    finished_at: datetime | None
    filename: str
