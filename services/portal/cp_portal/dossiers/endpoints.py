"""The dossier list, a dossier's details expanded inside it, and the dossier's PDF overview."""

import math
import re
from contextlib import ExitStack
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.background import BackgroundTask

from cp_portal.api import ApiError, ApiUnavailable, SessionExpired
from cp_portal.dossiers.service import OverviewFailed, OverviewNotReady, request_overview
from cp_portal.security import verify_same_origin
from cp_portal.web import PageError, Portal, SignedInPortal

router = APIRouter()

SameOrigin = Annotated[None, Depends(verify_same_origin)]

# A page cannot observe a form response that is a download. So the page's
# script sends a random id with the PDF form, and hides its "being made"
# message once this cookie comes back with that id.
PDF_DOWNLOAD_COOKIE = "cp_pdf_download"
PDF_DOWNLOAD_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")

PAGE_SIZE = 25
# The list's status in the portal's (Dutch) URLs and in the API.
STATUSES = {"lopend": "running", "gesloten": "closed"}
# The phase filter in the portal's URLs and in the API.
PHASES = {
    "pre-incasso": "pre_collection",
    "minnelijk": "amicable",
    "gerechtelijk": "judicial",
    "executie": "enforcement",
    "bewaking": "monitoring",
}
PHASE_SLUGS = {code: slug for slug, code in PHASES.items()}


@router.get("/dossiers", response_class=HTMLResponse)
def dossier_list(
    portal: SignedInPortal, status: str = "lopend", pagina: str = "1", fase: str | None = None
) -> HTMLResponse:
    portal.load_user()
    if status not in STATUSES:
        raise PageError(400, portal.gettext(
            'Unknown status "%(value)s". Use status=lopend (running) or status=gesloten (closed).', value=status
        ))
    if fase is not None and fase not in PHASES:
        raise PageError(400, portal.gettext(
            'Unknown phase "%(value)s". Use one of: %(choices)s.', value=fase, choices=", ".join(PHASES)
        ))
    page = _parse_page(portal, pagina)

    result = portal.api.dossiers(STATUSES[status], page, PAGE_SIZE, PHASES.get(fase))
    filters = {"status": status} | ({"fase": fase} if fase else {})

    page_size = result.get("page_size") or PAGE_SIZE
    page_count = max(1, math.ceil(result.get("total", 0) / page_size))
    return portal.page(
        "dossiers/list.html",
        status=status,
        phase=PHASES.get(fase),
        dossiers=result.get("items", []),
        page=page,
        page_count=page_count,
        total=result.get("total", 0),
        page_url=lambda number: "/dossiers?" + urlencode(filters | {"pagina": number}),
    )


@router.get("/dossiers/{dossier_id}", response_class=HTMLResponse)
def dossier_page(portal: SignedInPortal, dossier_id: str) -> HTMLResponse:
    portal.load_user()
    dossier = portal.api.dossier(dossier_id)
    return portal.page("dossiers/detail.html", dossier=dossier)


@router.get("/dossiers/{dossier_id}/details", response_class=HTMLResponse)
def dossier_details(portal: SignedInPortal, dossier_id: str) -> Response:
    """Render the dossier as a table row, which htmx inserts below the dossier's own row."""
    if portal.request.headers.get("HX-Request") != "true":
        return RedirectResponse(f"/dossiers/{quote(dossier_id, safe='')}", status_code=303)

    try:
        dossier = portal.api.dossier(dossier_id)
    except SessionExpired:
        raise
    except ApiError as error:
        return _details_error(portal, dossier_id, error.message, error.status_code)
    except ApiUnavailable:
        message = portal.gettext("The portal cannot reach the data right now. Please try again in a few minutes.")
        return _details_error(portal, dossier_id, message, 503)

    response = portal.page("dossiers/details_row.html", dossier_id=dossier_id, dossier=dossier)
    response.headers["Vary"] = "HX-Request"
    return response


@router.post("/dossiers/{dossier_id}/pdf")
def dossier_pdf(
    portal: SignedInPortal, _same_origin: SameOrigin, dossier_id: str, download: Annotated[str, Form()] = ""
) -> Response:
    """Have the PDF overview rendered, wait for it and send it as a download.

    ``download`` is the script's id for this request; it comes back in the
    ``cp_pdf_download`` cookie of the download. An invalid id is ignored.
    """
    settings = portal.settings
    try:
        document = request_overview(portal.api, dossier_id, settings.pdf_wait_timeout, settings.pdf_poll_interval)
    except OverviewNotReady:
        raise PageError(504, portal.gettext(
            "Making the PDF overview takes longer than usual. Please try again in a minute."
        )) from None
    except OverviewFailed:
        raise PageError(502, portal.gettext(
            "The PDF overview could not be made. Please try again later, or contact your case handler."
        )) from None

    resources = ExitStack()
    upstream = resources.enter_context(portal.api.document_file(document["id"]))

    def body():
        try:
            yield from upstream.iter_bytes()
        finally:
            resources.close()

    headers = {"Content-Disposition": _attachment(document.get("filename"))}
    if "content-length" in upstream.headers:
        headers["Content-Length"] = upstream.headers["content-length"]
    response = StreamingResponse(
        body(), media_type="application/pdf", headers=headers, background=BackgroundTask(resources.close)
    )
    if PDF_DOWNLOAD_ID.fullmatch(download):
        # Not HttpOnly: the page's script reads it. The id is no secret.
        response.set_cookie(
            PDF_DOWNLOAD_COOKIE, download, max_age=60, path="/", secure=settings.cookie_secure, samesite="strict"
        )
    return response


def _parse_page(portal: Portal, value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise PageError(400, portal.gettext(
            'Invalid page number "%(value)s". Use a whole number from 1.', value=value
        ))
    return int(value)


def _details_error(portal: Portal, dossier_id: str, message: str, status_code: int) -> HTMLResponse:
    return portal.page(
        "dossiers/details_error_row.html", status_code=status_code, dossier_id=dossier_id, message=message
    )


def _attachment(filename: str | None) -> str:
    """Build a Content-Disposition header that the file name cannot break (quotes, line breaks, slashes)."""
    safe_name = re.sub(r"[^A-Za-z0-9._-]", "_", filename or "") or "dossier.pdf"
    if not safe_name.lower().endswith(".pdf"):
        safe_name += ".pdf"
    return f"attachment; filename=\"{safe_name}\"; filename*=UTF-8''{quote(safe_name)}"
