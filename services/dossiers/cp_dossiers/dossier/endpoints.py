"""Dossier routes: the creditor's list and detail, and the internal read for reporting."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from cp_common.identity import Identity
from cp_common.vocabulary import Phase
from cp_common.web import CreditorUser, require_service
from cp_dossiers.database import DbSession
from cp_dossiers.dossier.repository import DossierRepository
from cp_dossiers.dossier.schemas import DossierDetail, DossierPage, DossierSummary, ErrorResponse, InternalDossierDetail
from cp_dossiers.errors import DossierNotFound, InvalidQueryParameter
from cp_dossiers.models import DossierStatus

router = APIRouter(tags=["dossiers"])

MAX_PAGE_SIZE = 100
MAX_PAGE = 1_000_000
# Echoed values are cut to this length in error messages.
MAX_ECHOED_LENGTH = 40

ReportingService = Annotated[Identity, Depends(require_service("reporting"))]


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorResponse, "description": description}


NOT_AUTHENTICATED = {401: _error("No valid identity token.")}
NOT_ALLOWED = {403: _error("The identity is not a creditor user.")}


class DossierListQuery:
    """The list's query parameters, checked here so that errors can name the value in Dutch."""

    def __init__(
        self,
        status: Annotated[
            str,
            Query(description="running (lopend) or closed (gesloten)", json_schema_extra={"enum": ["running", "closed"]}),
        ] = "running",
        page: Annotated[
            str,
            Query(
                description=f"Page number, 1 to {MAX_PAGE}",
                json_schema_extra={"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            ),
        ] = 1,
        page_size: Annotated[
            str,
            Query(
                description=f"Dossiers per page, 1 to {MAX_PAGE_SIZE}",
                json_schema_extra={"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            ),
        ] = 25,
        phase: Annotated[
            str | None,
            Query(description="Only dossiers in this phase", json_schema_extra={"enum": [phase.value for phase in Phase]}),
        ] = None,
    ):
        self.status = _parse_status(status)
        self.phase = _parse_phase(phase) if phase is not None else None
        self.page = _parse_whole_number("page", page, MAX_PAGE)
        self.page_size = _parse_whole_number("page_size", page_size, MAX_PAGE_SIZE)


@router.get(
    "/api/dossiers",
    response_model=DossierPage,
    summary="List the organisation's dossiers",
    responses={**NOT_AUTHENTICATED, **NOT_ALLOWED, 422: _error("Invalid status, phase, page or page size.")},
)
def list_dossiers(
    identity: CreditorUser, session: DbSession, query: Annotated[DossierListQuery, Depends()]
) -> DossierPage:
    """Running dossiers by default, newest first, optionally of one phase."""
    repository = DossierRepository(session)
    creditor_id = identity.organisation_id
    total = repository.count_for_creditor(creditor_id, query.status, query.phase)
    rows = repository.list_summaries_for_creditor(
        creditor_id, query.status, query.phase, limit=query.page_size, offset=(query.page - 1) * query.page_size
    )
    return DossierPage(
        items=[DossierSummary.from_row(row) for row in rows],
        page=query.page,
        page_size=query.page_size,
        total=total,
    )


@router.get(
    "/api/dossiers/{dossier_id}",
    response_model=DossierDetail,
    summary="Show one dossier with its balance and history",
    responses={**NOT_AUTHENTICATED, **NOT_ALLOWED, 404: _error("No such dossier in the organisation.")},
)
def get_dossier(dossier_id: str, identity: CreditorUser, session: DbSession) -> DossierDetail:
    repository = DossierRepository(session)
    dossier = repository.get_detail_for_creditor(identity.organisation_id, _parse_dossier_id(dossier_id))
    if dossier is None:
        raise DossierNotFound()
    return DossierDetail.from_model(dossier, repository.get_agency_profile())


@router.get("/internal/dossiers/{dossier_id}", response_model=InternalDossierDetail, include_in_schema=False)
def get_dossier_for_reporting(dossier_id: str, _service: ReportingService, session: DbSession) -> InternalDossierDetail:
    """Not scoped to an organisation, because the reporting service checks ownership before its request."""
    repository = DossierRepository(session)
    dossier = repository.get_detail_of_any_creditor(_parse_dossier_id(dossier_id))
    if dossier is None:
        raise DossierNotFound()
    return InternalDossierDetail.from_model(dossier, repository.get_agency_profile())


def _parse_dossier_id(raw: str) -> uuid.UUID:
    # A malformed id cannot name a dossier, so it gets the same 404 as an unknown one.
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise DossierNotFound() from None


def _parse_status(raw: str) -> DossierStatus:
    try:
        return DossierStatus(raw)
    except ValueError:
        echoed_value = _echoed(raw)
        raise InvalidQueryParameter(
            message_nl=f"Onbekende status '{echoed_value}'. Kies 'running' voor lopende of 'closed' voor gesloten dossiers.",
            message_en=f"Unknown status '{echoed_value}'. Choose 'running' for running or 'closed' for closed dossiers.",
            field="status",
            value=echoed_value,
        ) from None


def _parse_phase(raw: str) -> Phase:
    try:
        return Phase(raw)
    except ValueError:
        echoed_value = _echoed(raw)
        choices = ", ".join(f"'{phase.value}'" for phase in Phase)
        raise InvalidQueryParameter(
            message_nl=f"Onbekende fase '{echoed_value}'. Kies een van {choices}.",
            message_en=f"Unknown phase '{echoed_value}'. Choose one of {choices}.",
            field="phase",
            value=echoed_value,
        ) from None


def _parse_whole_number(field: str, raw: str | int, maximum: int) -> int:
    # Parsed by hand rather than typed as int, so that the error names the value in Dutch.
    text = str(raw).strip()
    if text.isascii() and text.isdigit() and len(text) <= len(str(maximum)):
        value = int(text)
        if 1 <= value <= maximum:
            return value

    echoed_value = _echoed(str(raw))
    label_nl = {"page": "Paginanummer", "page_size": "Paginagrootte"}[field]
    label_en = {"page": "Page number", "page_size": "Page size"}[field]
    raise InvalidQueryParameter(
        message_nl=f"{label_nl} '{echoed_value}' is ongeldig. Geef een geheel getal van 1 tot en met {maximum}.",
        message_en=f"{label_en} '{echoed_value}' is invalid. Enter a whole number from 1 to {maximum}.",
        field=field,
        value=echoed_value,
    )


def _echoed(raw: str) -> str:
    return raw if len(raw) <= MAX_ECHOED_LENGTH else raw[:MAX_ECHOED_LENGTH] + "…"
