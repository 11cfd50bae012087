"""The PDF overview of a dossier: ask the reporting API for it and wait until it is rendered."""

import time
from typing import Any

import structlog

from cp_portal.api import ApiSession

logger = structlog.get_logger(__name__)


class OverviewNotReady(Exception):
    """The PDF was still being rendered when the wait ran out."""


class OverviewFailed(Exception):
    """The reporting service could not render the PDF."""


def request_overview(api: ApiSession, dossier_id: str, wait_timeout: float, poll_interval: float) -> dict[str, Any]:
    """Request a new PDF overview and poll it until it is ready; return its ``Document``.

    Blocks the calling worker thread for at most ``wait_timeout`` seconds
    plus one API call.
    """
    document = api.request_overview_pdf(dossier_id)
    deadline = time.monotonic() + wait_timeout

    while document["status"] == "pending":
        if time.monotonic() >= deadline:
            logger.warning("portal.overview_timed_out", dossier_id=dossier_id, document_id=document["id"])
            raise OverviewNotReady(document["id"])
        time.sleep(poll_interval)
        document = api.document(document["id"])

    if document["status"] != "ready":
        logger.warning("portal.overview_failed", dossier_id=dossier_id, document_id=document["id"])
        raise OverviewFailed(document["id"])

    return document
