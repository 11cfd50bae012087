"""FastAPI plumbing every service uses: app factory, request ids, identity."""

import uuid
from collections.abc import Callable
from typing import Annotated

import structlog
from fastapi import Depends, FastAPI, Request
from starlette.middleware.base import BaseHTTPMiddleware

from cp_common.errors import Forbidden, NotAuthenticated, install_error_handlers
from cp_common.identity import (
    IDENTITY_HEADER,
    Identity,
    IdentityKind,
    IdentityVerifier,
    InvalidIdentityToken,
    Role,
)

logger = structlog.get_logger(__name__)

REQUEST_ID_HEADER = "X-Request-ID"


class RequestIdMiddleware(BaseHTTPMiddleware):
    """Bind the gateway's request id (or a new one) to every log line."""

    async def dispatch(self, request: Request, call_next):
        request_id = request.headers.get(REQUEST_ID_HEADER) or uuid.uuid4().hex
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        response = await call_next(request)
        response.headers[REQUEST_ID_HEADER] = request_id
        return response


def create_service_app(title: str, *, verifier: IdentityVerifier | None, version: str = "0.1.0", **kwargs) -> FastAPI:
    """Create a service app with error handlers, request ids and /healthz."""
    app = FastAPI(title=title, version=version, **kwargs)
    app.state.identity_verifier = verifier
    app.add_middleware(RequestIdMiddleware)
    install_error_handlers(app)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app


def current_identity(request: Request) -> Identity:
    """Verify the identity header that the gateway or a calling service set."""
    verifier: IdentityVerifier = request.app.state.identity_verifier
    try:
        identity = verifier.verify(request.headers.get(IDENTITY_HEADER))
    except InvalidIdentityToken as error:
        logger.info("identity.rejected", reason=str(error))
        raise NotAuthenticated() from None
    structlog.contextvars.bind_contextvars(identity=identity.subject)
    return identity


def current_creditor_user(identity: Annotated[Identity, Depends(current_identity)]) -> Identity:
    """Admit only users of a creditor organisation, to whose dossiers every query is scoped."""
    if identity.kind is not IdentityKind.USER or identity.organisation_id is None:
        raise Forbidden()
    return identity


def require_service(*allowed: str) -> Callable[[Identity], Identity]:
    """Dependency that admits only the named calling services."""

    def dependency(identity: Annotated[Identity, Depends(current_identity)]) -> Identity:
        if identity.kind is not IdentityKind.SERVICE or identity.subject not in allowed:
            raise Forbidden()
        return identity

    return dependency


def require_role(*allowed: Role) -> Callable[[Identity], Identity]:
    """Dependency that admits staff users holding one of the roles."""

    def dependency(identity: Annotated[Identity, Depends(current_identity)]) -> Identity:
        if identity.kind is not IdentityKind.USER or not any(identity.has_role(role) for role in allowed):
            raise Forbidden()
        return identity

    return dependency


CurrentIdentity = Annotated[Identity, Depends(current_identity)]
CreditorUser = Annotated[Identity, Depends(current_creditor_user)]
