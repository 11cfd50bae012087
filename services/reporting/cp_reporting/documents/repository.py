import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from cp_reporting.documents.models import Document


def get_for_creditor(
    session: Session, document_id: uuid.UUID, creditor_id: uuid.UUID, *, with_content: bool = False
) -> Document | None:
    query = select(Document).where(Document.id == document_id, Document.creditor_id == creditor_id)
    if with_content:
        query = query.options(undefer(Document.content))
    return session.scalar(query)

