"""The dashboard: running dossiers per phase as a pie chart, and the totals over all dossiers."""

from urllib.parse import urlencode

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from cp_portal.dossiers.endpoints import PHASE_SLUGS
from cp_portal.web import SignedInPortal

router = APIRouter()



@router.get("/", response_class=HTMLResponse)
def dashboard(portal: SignedInPortal) -> HTMLResponse:
    portal.load_user()
    per_phase = portal.api.dossiers_per_phase()
    totals = portal.api.totals()

    phases = [
        {"phase": item["phase"], "count": item["count"], "href": phase_link(item["phase"])}
        for item in per_phase.get("items", [])
    ]
    return portal.page("dashboard.html", phases=phases, phase_total=per_phase.get("total", 0), totals=totals)


def phase_link(phase: str) -> str:
    """Link a phase of the chart to the running dossiers in that phase."""
    slug = PHASE_SLUGS.get(phase)
    return f"/dossiers?{urlencode({'status': 'lopend', 'fase': slug})}" if slug else "/dossiers?status=lopend"
