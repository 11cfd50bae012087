"""The rendering task's name and sender, kept apart so that the API does not import WeasyPrint."""

import uuid

from celery import Celery

RENDER_DOSSIER_OVERVIEW = "pdf.render_dossier_overview"


def send_render_task(celery: Celery, document_id: uuid.UUID, queue: str) -> None:
    """Queue the rendering; call it only after the document's row is committed."""
    celery.send_task(RENDER_DOSSIER_OVERVIEW, kwargs={"document_id": str(document_id)}, queue=queue)
