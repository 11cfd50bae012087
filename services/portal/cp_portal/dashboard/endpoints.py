"""The dashboard: running dossiers per phase as a pie chart, and the totals over all dossiers."""

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from cp_portal.web import SignedInPortal

router = APIRouter()

# TODO: link each phase to the running dossiers of that phase once
# GET /api/dossiers takes a phase filter; the documented API has none yet.
PHASE_LINK = "/dossiers?status=lopend"


@router.get("/", response_class=HTMLResponse)
def dashboard(portal: SignedInPortal) -> HTMLResponse:
    portal.load_user()
    per_phase = portal.api.dossiers_per_phase()
    totals = portal.api.totals()

    phases = [
        {"phase": item["phase"], "count": item["count"], "href": PHASE_LINK}
        for item in per_phase.get("items", [])
    ]
    return portal.page("dashboard.html", phases=phases, phase_total=per_phase.get("total", 0), totals=totals)
