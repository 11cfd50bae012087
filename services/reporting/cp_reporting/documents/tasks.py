"""The ``pdf.render_dossier_overview`` Celery task, registered by the worker app (``cp_reporting.worker``).

The document's state and bytes live in the documents table, never in Celery's results.
"""

import uuid
from dataclasses import dataclass

import structlog
from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from cp_common.db import make_engine, make_session_factory, utcnow
from cp_reporting.documents import service
from cp_reporting.documents.dossiers_client import DossierClient, DossierFetchFailed, DossiersUnavailable
from cp_reporting.documents.jobs import RENDER_DOSSIER_OVERVIEW
from cp_reporting.documents.models import Document, DocumentStatus
from cp_reporting.documents.overview_pdf import render_overview_pdf
from cp_reporting.settings import Settings

logger = structlog.get_logger(__name__)

MAX_RETRIES = 8
# Waits of 5, 10, 20 ... seconds, at most five minutes: about 15 minutes over all retries.
RETRY_BACKOFF_SECONDS = 5
RETRY_BACKOFF_MAX_SECONDS = 300


@dataclass(frozen=True)
class RenderContext:
    engine: Engine
    session_factory: sessionmaker[Session]
    dossier_client: DossierClient


_context: RenderContext | None = None


def configure_rendering(settings: Settings) -> RenderContext:
    """Connect the task to a database and the dossiers service; the worker calls it in each process."""
    global _context
    close_rendering()
    engine = make_engine(settings.database_url)
    _context = RenderContext(
        engine=engine,
        session_factory=make_session_factory(engine),
        dossier_client=DossierClient.from_keys(
            settings.dossiers_internal_url, settings.keys_dir, timeout_seconds=settings.dossiers_timeout_seconds
        ),
    )
    return _context


def close_rendering() -> None:
    """Close the dossiers client and the database connections of ``configure_rendering``."""
    global _context
    if _context is None:
        return
    _context.dossier_client.close()
    _context.engine.dispose()
    _context = None


def rendering_context() -> RenderContext:
    return _context or configure_rendering(Settings())


@shared_task(name=RENDER_DOSSIER_OVERVIEW, bind=True, max_retries=MAX_RETRIES, acks_late=True, ignore_result=True)
def render_dossier_overview(self, document_id: str) -> None:
    """Fetch the dossier, render the overview PDF and store it on the document.

    An unreachable or failing (5xx) dossiers service is retried with backoff.
    When the retries run out or the dossier is gone (404), the document is
    marked failed, so the user sees the failure and can request it again.
    """
    context = rendering_context()
    log = logger.bind(document_id=document_id, attempt=self.request.retries + 1)
    try:
        with context.session_factory() as session:
            _render(self, session, context.dossier_client, uuid.UUID(document_id), log)
    except OperationalError as error:
        # NOTE: if the database stays away through every retry, the document
        # cannot be marked failed and stays pending.
        log.warning("document.database_unavailable", error=str(error))
        raise self.retry(exc=error, countdown=_retry_delay(self.request.retries)) from error


def _render(task, session: Session, client: DossierClient, document_id: uuid.UUID, log) -> None:
    document = session.get(Document, document_id)
    if document is None:
        log.error("document.render_skipped", reason="document_not_found")
        return
    if document.status != DocumentStatus.PENDING:
        # A redelivered task: the first delivery already finished it.
        log.info("document.render_skipped", reason="already_finished", status=document.status)
        return

    try:
        dossier = client.fetch(document.dossier_id)
        service.check_dossier_matches(document, dossier)
    except DossiersUnavailable as error:
        if task.request.retries >= task.max_retries:
            _fail(session, document, f"dossiers service unavailable after {task.max_retries} retries: {error}", log)
            return
        log.warning("document.render_retry", dossier_id=str(document.dossier_id), error=str(error))
        raise task.retry(exc=error, countdown=_retry_delay(task.request.retries)) from error
    except DossierFetchFailed as error:  # DossierMissing (404) included
        _fail(session, document, str(error), log)
        return

    try:
        content = render_overview_pdf(dossier, document.language, generated_at=utcnow())
    except Exception as error:  # a rendering bug must not leave the document pending forever
        log.exception("document.render_error", dossier_id=str(document.dossier_id))
        _fail(session, document, f"rendering failed: {type(error).__name__}: {error}", log)
        return

    service.mark_ready(document, content)
    session.commit()
    log.info("document.rendered", dossier_id=str(document.dossier_id), size=len(content))


def _fail(session: Session, document: Document, error: str, log) -> None:
    service.mark_failed(document, error)
    session.commit()
    log.error("document.render_failed", dossier_id=str(document.dossier_id), error=error)


def _retry_delay(retries: int) -> int:
    return get_exponential_backoff_interval(
        factor=RETRY_BACKOFF_SECONDS, retries=retries, maximum=RETRY_BACKOFF_MAX_SECONDS, full_jitter=False
    )
