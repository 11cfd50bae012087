import uuid

import structlog
from fastapi import APIRouter, Request, Response, status
from kombu.exceptions import OperationalError as BrokerError

from cp_common.web import CreditorUser
from cp_reporting.database import DbSession
from cp_reporting.documents import service
from cp_reporting.documents.errors import (
    DocumentFailed,
    DocumentNotFound,
    DocumentNotReady,
    DossierNotFound,
    RenderQueueUnavailable,
)
from cp_reporting.documents.models import Document
from cp_reporting.documents.schemas import DocumentRead
from cp_reporting.documents.jobs import send_render_task

logger = structlog.get_logger(__name__)

router = APIRouter(tags=["documents"])


def _responses(*errors) -> dict:
    return {error.status_code: {"description": f"{error.code}: {error.message_en}"} for error in errors}


def _read(document: Document) -> DocumentRead:
    return DocumentRead(
        id=document.id,
        kind=document.kind,
        dossier_id=document.dossier_id,
        status=document.status,
        created_at=document.created_at,
        finished_at=document.finished_at,
        filename=service.filename_of(document),
    )


@router.post(
    "/api/reporting/dossiers/{dossier_id}/overview-pdf",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=DocumentRead,
    responses=_responses(DossierNotFound, RenderQueueUnavailable),
)
def request_dossier_overview(
    dossier_id: uuid.UUID, identity: CreditorUser, session: DbSession, request: Request
) -> DocumentRead:
    document = service.request_dossier_overview(session, identity, dossier_id)
    session.commit()

    # Sent after the commit, so the worker always finds the row it is asked to render.
    try:
        send_render_task(request.app.state.celery, document.id, request.app.state.settings.pdf_queue)
    except (BrokerError, OSError) as error:
        logger.error("document.enqueue_failed", document_id=str(document.id), error=str(error))
        service.mark_failed(document, f"could not queue the rendering: {error}")
        session.commit()
        raise RenderQueueUnavailable(document_id=str(document.id)) from error

    return _read(document)


@router.get(
    "/api/reporting/documents/{document_id}",
    response_model=DocumentRead,
    responses=_responses(DocumentNotFound),
)
def get_document(document_id: uuid.UUID, identity: CreditorUser, session: DbSession) -> DocumentRead:
    return _read(service.get_document(session, identity, document_id))


@router.get(
    "/api/reporting/documents/{document_id}/file",
    response_class=Response,
    responses={
        200: {"content": {"application/pdf": {}}, "description": "The PDF file"},
        **_responses(DocumentNotFound),
        409: {"description": f"{DocumentNotReady.code}: {DocumentNotReady.message_en} {DocumentFailed.code}: {DocumentFailed.message_en}"},
    },
)
def download_document(document_id: uuid.UUID, identity: CreditorUser, session: DbSession) -> Response:
    filename, content = service.get_document_file(session, identity, document_id)
    return Response(
        content,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )
