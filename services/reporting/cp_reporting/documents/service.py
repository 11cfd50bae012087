import re
import uuid

import structlog
from sqlalchemy.orm import Session

from cp_common.db import utcnow
from cp_common.identity import Identity
from cp_reporting.documents import repository
from cp_reporting.documents.dossier_detail import DossierDetail
from cp_reporting.documents.dossiers_client import DossierFetchFailed
from cp_reporting.documents.errors import DocumentFailed, DocumentNotFound, DocumentNotReady, DossierNotFound
from cp_reporting.documents.models import Document, DocumentKind, DocumentStatus
from cp_reporting.summaries import repository as summaries_repository

logger = structlog.get_logger(__name__)

UNSAFE_FILENAME_CHARACTERS = re.compile(r"[^A-Za-z0-9._-]+")


def request_dossier_overview(session: Session, identity: Identity, dossier_id: uuid.UUID) -> Document:
    """Add a pending overview document for a dossier of the user's organisation."""
    summary = summaries_repository.get_for_creditor(session, dossier_id, identity.organisation_id)
    if summary is None:
        raise DossierNotFound(dossier_id=str(dossier_id))

    document = Document(
        id=uuid.uuid4(),
        kind=DocumentKind.DOSSIER_OVERVIEW.value,
        dossier_id=summary.dossier_id,
        dossier_number=summary.number,
        creditor_id=summary.creditor_id,
        requested_by=identity.user_id,
        language="en" if identity.language == "en" else "nl",
        status=DocumentStatus.PENDING.value,
        created_at=utcnow(),
    )
    session.add(document)
    session.flush()
    logger.info("document.requested", document_id=str(document.id), dossier_id=str(dossier_id))
    return document


def get_document(session: Session, identity: Identity, document_id: uuid.UUID) -> Document:
    document = repository.get_for_creditor(session, document_id, identity.organisation_id)
    if document is None:
        raise DocumentNotFound(document_id=str(document_id))
    return document


def get_document_file(session: Session, identity: Identity, document_id: uuid.UUID) -> tuple[str, bytes]:
    """Return the file name and the PDF bytes of a ready document."""
    document = repository.get_for_creditor(session, document_id, identity.organisation_id, with_content=True)
    if document is None:
        raise DocumentNotFound(document_id=str(document_id))
    if document.status == DocumentStatus.PENDING:
        raise DocumentNotReady(document_id=str(document_id))
    if document.status == DocumentStatus.FAILED or document.content is None:
        raise DocumentFailed(document_id=str(document_id))
    return filename_of(document), document.content


def filename_of(document: Document) -> str:
    """``dossier-2025-004211.pdf`` for dossier 2025-004211."""
    number = UNSAFE_FILENAME_CHARACTERS.sub("-", document.dossier_number).strip("-.") or str(document.dossier_id)
    return f"dossier-{number}.pdf"


def check_dossier_matches(document: Document, dossier: DossierDetail) -> None:
    """Reject a dossier that is not the requested one of the requesting organisation."""
    if dossier.id != document.dossier_id:
        raise DossierFetchFailed(f"dossiers service returned dossier {dossier.id}, expected {document.dossier_id}")
    if dossier.creditor.id != document.creditor_id:
        raise DossierFetchFailed(
            f"dossier {dossier.id} belongs to creditor {dossier.creditor.id}, "
            f"but document {document.id} was requested for {document.creditor_id}"
        )


def mark_ready(document: Document, content: bytes) -> None:
    document.content = content
    document.status = DocumentStatus.READY.value
    document.error = None
    document.finished_at = utcnow()


def mark_failed(document: Document, error: str) -> None:
    document.status = DocumentStatus.FAILED.value
    document.error = error[:2000]
    document.finished_at = utcnow()
