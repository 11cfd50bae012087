from typing import Annotated

from fastapi import APIRouter, Depends, Query

from cp_common.identity import Identity, Role
from cp_common.web import require_role
from cp_notifications.dependencies import DbSession
from cp_notifications.deliveries import repository
from cp_notifications.deliveries.schemas import DeliveryPage, DeliveryRead, DeliveryStatusName

router = APIRouter(tags=["deliveries"])

AgencyAdmin = Annotated[Identity, Depends(require_role(Role.AGENCY_ADMIN))]

PAGE_SIZE_DEFAULT = 50
PAGE_SIZE_MAX = 200


@router.get(
    "/api/notifications/deliveries",
    response_model=DeliveryPage,
    responses={401: {"description": "not logged in"}, 403: {"description": "not an agency administrator"}},
)
def list_deliveries(
    session: DbSession,
    _admin: AgencyAdmin,
    page: Annotated[int, Query(ge=1)] = 1,
    page_size: Annotated[int, Query(ge=1, le=PAGE_SIZE_MAX)] = PAGE_SIZE_DEFAULT,
    status: DeliveryStatusName | None = None,
) -> DeliveryPage:
    """List the email delivery log, newest first; the mails' content is never stored."""
    items, total = repository.list_page(session, offset=(page - 1) * page_size, limit=page_size, status=status)
    return DeliveryPage(
        items=[DeliveryRead.model_validate(item) for item in items],
        page=page,
        page_size=page_size,
        total=total,
    )
