import uuid

from fastapi import APIRouter, Response
from sqlalchemy.orm import Session

from cp_auth.dependencies import AppSettings, Cache, Client, DbSession
from cp_auth.errors import SessionInvalid, UserNotFound
from cp_auth.session.cookies import clear_session_cookie
from cp_auth.session.dependencies import CurrentSession, FraudAnalyst
from cp_auth.user import repository, service
from cp_auth.user.models import User
from cp_auth.user.schemas import BlockRequest, MisuseReport, UserRead
from cp_common.errors import Forbidden

router = APIRouter(tags=["users"])


def _get_user(db: Session, user_id: uuid.UUID) -> User:
    user = repository.get_by_id(db, user_id)
    if user is None:
        raise UserNotFound(user_id=str(user_id))
    return user


@router.get("/api/auth/me", response_model=UserRead, responses={401: {"description": SessionInvalid.code}})
def read_me(active: CurrentSession, db: DbSession) -> UserRead:
    return UserRead.from_user(_get_user(db, active.user_id))


@router.post("/api/auth/me/report-misuse", response_model=UserRead, responses={401: {"description": SessionInvalid.code}})
def report_misuse(
    body: MisuseReport,
    response: Response,
    active: CurrentSession,
    db: DbSession,
    cache: Cache,
    settings: AppSettings,
    client: Client,
) -> UserRead:
    """Report misuse of the own account: it is blocked and every session of it ends at once."""
    user = _get_user(db, active.user_id)
    service.report_misuse(db, cache, user, message=body.message, session_id=active.session_id, client=client)
    db.commit()

    clear_session_cookie(response, settings)
    return UserRead.from_user(user)


@router.post(
    "/api/auth/users/{user_id}/block",
    response_model=UserRead,
    responses={403: {"description": Forbidden.code}, 404: {"description": UserNotFound.code}},
)
def block_user(
    user_id: uuid.UUID, body: BlockRequest, analyst: FraudAnalyst, db: DbSession, cache: Cache, client: Client
) -> UserRead:
    """Block an account at once: it cannot log in, and its sessions are refused from the next request."""
    user = _get_user(db, user_id)
    service.block_user(db, cache, user, reason=body.reason, actor_user_id=analyst.user_id, client=client)
    db.commit()
    return UserRead.from_user(user)


@router.post(
    "/api/auth/users/{user_id}/unblock",
    response_model=UserRead,
    responses={403: {"description": Forbidden.code}, 404: {"description": UserNotFound.code}},
)
def unblock_user(user_id: uuid.UUID, analyst: FraudAnalyst, db: DbSession, client: Client) -> UserRead:
    user = _get_user(db, user_id)
    service.unblock_user(db, user, actor_user_id=analyst.user_id, client=client)
    db.commit()
    return UserRead.from_user(user)
