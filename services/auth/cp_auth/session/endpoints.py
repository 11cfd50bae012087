from fastapi import APIRouter, Request, Response

from cp_auth.dependencies import AppSettings, Cache, DbSession
from cp_auth.errors import SessionInvalid
from cp_auth.session.service import resolve_session, sign_identity_token
from cp_auth.session.tokens import token_from_request
from cp_common.identity import IDENTITY_HEADER

router = APIRouter(tags=["internal"])


@router.get("/internal/verify", include_in_schema=False)
def verify(request: Request, db: DbSession, cache: Cache, settings: AppSettings) -> Response:
    """Traefik ForwardAuth: turn the session of the request into a signed identity token.

    Traefik forwards the request when this returns 2xx and copies
    ``X-Identity-Token`` onto it. Any other response goes back to the client.
    """
    token = token_from_request(request)
    if token is None:
        raise SessionInvalid()

    active = resolve_session(db, cache, settings, token)
    db.commit()

    identity_token = sign_identity_token(request.app.state.signing_key, active)
    return Response(status_code=200, headers={IDENTITY_HEADER: identity_token, "Cache-Control": "no-store"})
