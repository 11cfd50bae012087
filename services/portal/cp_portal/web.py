"""Shared page plumbing: templates per language, the session and the error pages.

Pages depend on ``Portal`` (anonymous pages) or ``SignedInPortal`` (pages
behind the login). Both carry the API as the current user sees it, the page
language and the renderer.
"""

import gettext
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import structlog
from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.templating import Jinja2Templates

from cp_portal.api import ApiError, ApiSession, ApiUnavailable, SessionExpired
from cp_portal.display import install_filters
from cp_portal.i18n import LANGUAGES, request_language
from cp_portal.settings import Settings

logger = structlog.get_logger(__name__)

SESSION_COOKIE = "cp_session"
TEMPLATE_DIR = Path(__file__).parent / "templates"


class LoginRequired(Exception):
    """A page behind the login was requested without a session cookie."""


class PageError(Exception):
    """A request the portal itself rejects, with a message for the user."""

    def __init__(self, status_code: int, message: str):
        super().__init__(message)
        self.status_code = status_code
        self.message = message


class Renderer:
    """Jinja environments, one per language, with the gettext of that language."""

    def __init__(self, translations: dict[str, gettext.NullTranslations]):
        self.translations = translations
        self._templates: dict[str, Jinja2Templates] = {}
        for language in LANGUAGES:
            environment = Environment(
                loader=FileSystemLoader(TEMPLATE_DIR),
                autoescape=select_autoescape(["html"]),
                extensions=["jinja2.ext.i18n"],
                trim_blocks=True,
                lstrip_blocks=True,
            )
            environment.install_gettext_translations(translations[language], newstyle=True)
            install_filters(environment.filters, language, translations[language])
            self._templates[language] = Jinja2Templates(env=environment)

    def gettext(self, message: str, language: str, **variables: Any) -> str:
        text = self.translations[language].gettext(message)
        return text % variables if variables else text

    def page(self, request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
        language = request_language(request)
        full_context = {
            "language": language,
            "other_language": "en" if language == "nl" else "nl",
            "current_path": _current_path(request),
            "user": getattr(request.state, "user", None),
            **context,
        }
        return self._templates[language].TemplateResponse(request, name, full_context, status_code=status_code)


@dataclass
class Portal:
    """The request's view of the portal: API session, language and renderer."""

    request: Request
    api: ApiSession
    language: str
    renderer: Renderer
    settings: Settings
    token: str | None = None
    user: dict[str, Any] | None = field(default=None)

    def page(self, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        return self.renderer.page(self.request, name, context, status_code)

    def gettext(self, message: str, **variables: Any) -> str:
        return self.renderer.gettext(message, self.language, **variables)

    def load_user(self) -> dict[str, Any]:
        """Fetch the signed-in user for the page header (name and organisation)."""
        self.user = self.api.me()
        self.request.state.user = self.user
        return self.user


def get_portal(request: Request) -> Portal:
    state = request.app.state
    language = request_language(request)
    token = request.cookies.get(SESSION_COOKIE) or None
    request_id = structlog.contextvars.get_contextvars().get("request_id")
    api = state.api_client.session(
        token,
        language,
        request_id,
        client_ip=request.client.host if request.client else None,
        user_agent=request.headers.get("user-agent"),
    )
    return Portal(request, api, language, state.renderer, state.settings, token)


def get_signed_in_portal(portal: Annotated[Portal, Depends(get_portal)]) -> Portal:
    if portal.token is None:
        raise LoginRequired()
    return portal


AnonymousPortal = Annotated[Portal, Depends(get_portal)]
SignedInPortal = Annotated[Portal, Depends(get_signed_in_portal)]


def set_portal_cookie(
    response: Response,
    settings: Settings,
    name: str,
    value: str,
    *,
    expires: datetime | None = None,
    max_age: int | None = None,
) -> None:
    response.set_cookie(
        name,
        value,
        expires=expires,
        max_age=max_age,
        path="/",
        secure=settings.cookie_secure,
        httponly=True,
        samesite="lax",
    )


def clear_session_cookie(response: Response, settings: Settings) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", secure=settings.cookie_secure, httponly=True, samesite="lax")


def redirect_to_login(request: Request, notice: str | None = None) -> Response:
    """Send the browser to the login page; htmx requests get HX-Redirect instead."""
    location = "/inloggen" if notice is None else f"/inloggen?melding={notice}"
    if request.headers.get("HX-Request") == "true":
        return Response(status_code=200, headers={"HX-Redirect": location})
    return RedirectResponse(location, status_code=303)


def install_page_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(LoginRequired, _handle_login_required)
    app.add_exception_handler(SessionExpired, _handle_session_expired)
    app.add_exception_handler(ApiError, _handle_api_error)
    app.add_exception_handler(ApiUnavailable, _handle_api_unavailable)
    app.add_exception_handler(PageError, _handle_page_error)
    app.add_exception_handler(StarletteHTTPException, _handle_http_exception)


async def _handle_login_required(request: Request, _error: LoginRequired) -> Response:
    return redirect_to_login(request)


async def _handle_session_expired(request: Request, _error: SessionExpired) -> Response:
    logger.info("portal.session_expired")
    response = redirect_to_login(request, notice="sessie-verlopen")
    clear_session_cookie(response, request.app.state.settings)
    return response


async def _handle_api_error(request: Request, error: ApiError) -> Response:
    status_code = error.status_code if error.status_code < 500 else 502
    if error.status_code == 404:
        return _not_found_page(request, error.message)
    return _error_page(request, status_code, error.message)


async def _handle_api_unavailable(request: Request, _error: ApiUnavailable) -> Response:
    renderer: Renderer = request.app.state.renderer
    message = renderer.gettext(
        "The portal cannot reach the data right now. Please try again in a few minutes.",
        request_language(request),
    )
    return _error_page(request, 503, message)


async def _handle_page_error(request: Request, error: PageError) -> Response:
    return _error_page(request, error.status_code, error.message)


async def _handle_http_exception(request: Request, error: StarletteHTTPException) -> Response:
    if error.status_code == 404:
        return _not_found_page(request, None)
    renderer: Renderer = request.app.state.renderer
    message = renderer.gettext("This request cannot be handled.", request_language(request))
    return _error_page(request, error.status_code, message, headers=error.headers)


def _error_page(request: Request, status_code: int, message: str, headers: dict[str, str] | None = None) -> Response:
    renderer: Renderer = request.app.state.renderer
    response = renderer.page(request, "error.html", {"status_code": status_code, "message": message}, status_code)
    if headers:
        response.headers.update(headers)
    return response


def _not_found_page(request: Request, message: str | None) -> Response:
    renderer: Renderer = request.app.state.renderer
    return renderer.page(request, "not_found.html", {"message": message}, 404)


def _current_path(request: Request) -> str:
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")
