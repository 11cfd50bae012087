import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from cp_auth.dependencies import DbSession
from cp_auth.errors import UserNotFound
from cp_auth.login_event import repository
from cp_auth.login_event.schemas import LoginEventPage, LoginEventRead
from cp_auth.session.dependencies import FraudAnalyst
from cp_auth.user import repository as user_repository
from cp_common.errors import Forbidden

router = APIRouter(tags=["login history"])


@router.get(
    "/api/auth/users/{user_id}/login-events",
    response_model=LoginEventPage,
    responses={403: {"description": Forbidden.code}, 404: {"description": UserNotFound.code}},
)
def list_login_events(
    user_id: uuid.UUID,
    analyst: FraudAnalyst,
    db: DbSession,
    page: Annotated[int, Query(ge=1)] = 1,
    page_size: Annotated[int, Query(ge=1, le=200)] = 50,
) -> LoginEventPage:
    """List the account's login history for the fraud team, newest first."""
    if user_repository.get_by_id(db, user_id) is None:
        raise UserNotFound(user_id=str(user_id))

    events, total = repository.list_for_user(db, user_id, page=page, page_size=page_size)
    return LoginEventPage(
        items=[LoginEventRead.model_validate(event) for event in events], page=page, page_size=page_size, total=total
    )
