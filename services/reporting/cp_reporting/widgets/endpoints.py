from fastapi import APIRouter

from cp_common.web import CreditorUser
from cp_reporting.database import DbSession
from cp_reporting.widgets import service
from cp_reporting.widgets.schemas import DossiersPerPhase, Totals

router = APIRouter(tags=["widgets"])

AUTH_RESPONSES = {401: {"description": "Not logged in"}, 403: {"description": "Not a creditor user"}}


@router.get("/api/reporting/widgets/dossiers-per-phase", response_model=DossiersPerPhase, responses=AUTH_RESPONSES)
def get_dossiers_per_phase(identity: CreditorUser, session: DbSession) -> DossiersPerPhase:
    return service.dossiers_per_phase(session, identity.organisation_id)


@router.get("/api/reporting/widgets/totals", response_model=Totals, responses=AUTH_RESPONSES)
def get_totals(identity: CreditorUser, session: DbSession) -> Totals:
    return service.totals(session, identity.organisation_id)
