"""Login in two steps (password, then the emailed security code) and logout.

The session token from the second step is kept in the ``cp_session`` cookie
(HttpOnly, SameSite=Lax, Secure unless switched off for plain-HTTP
development) and sent to the API as a bearer token on every call.
"""

from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import urlencode

import structlog
from fastapi import APIRouter, Depends, Form
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from cp_portal.api import ApiError, ApiUnavailable, SessionExpired
from cp_portal.display import N_
from cp_portal.i18n import LANGUAGE_COOKIE, LANGUAGES
from cp_portal.security import local_path, verify_same_origin
from cp_portal.web import SESSION_COOKIE, AnonymousPortal, Portal, clear_session_cookie, set_portal_cookie

logger = structlog.get_logger(__name__)

router = APIRouter()

SameOrigin = Annotated[None, Depends(verify_same_origin)]

CODE_LENGTH = 6
LANGUAGE_COOKIE_SECONDS = 365 * 24 * 3600

NOTICES = {
    "uitgelogd": N_("You have been logged out."),
    "sessie-verlopen": N_("Your session has ended. Please log in again."),
}


@router.get("/inloggen", response_class=HTMLResponse)
def login_form(portal: AnonymousPortal, melding: str = "") -> HTMLResponse:
    notice = NOTICES.get(melding)
    return portal.page("auth/login.html", notice=portal.gettext(notice) if notice else None, email="")


@router.post("/inloggen", response_class=HTMLResponse)
def login(
    portal: AnonymousPortal,
    _same_origin: SameOrigin,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
) -> Response:
    email = email.strip()
    if not email or not password:
        error = portal.gettext("Fill in your email address and password.")
        return portal.page("auth/login.html", status_code=400, email=email, error=error)

    try:
        attempt = portal.api.login(email, password)
    except ApiError as error:
        return portal.page(
            "auth/login.html",
            status_code=error.status_code,
            email=email,
            error=error.message,
            blocked=error.code == "account_blocked",
        )

    query = urlencode({"poging": attempt["attempt_id"], "geldig_tot": attempt.get("expires_at") or ""})
    return RedirectResponse(f"/beveiligingscode?{query}", status_code=303)


@router.get("/beveiligingscode", response_class=HTMLResponse)
def code_form(portal: AnonymousPortal, poging: str = "", geldig_tot: str = "") -> Response:
    if not poging:
        return RedirectResponse("/inloggen", status_code=303)

    return portal.page("auth/code.html", attempt_id=poging, code_length=CODE_LENGTH, valid_until=geldig_tot)


@router.post("/beveiligingscode", response_class=HTMLResponse)
def submit_code(
    portal: AnonymousPortal,
    _same_origin: SameOrigin,
    poging: Annotated[str, Form()] = "",
    code: Annotated[str, Form()] = "",
    geldig_tot: Annotated[str, Form()] = "",
) -> Response:
    if not poging:
        return RedirectResponse("/inloggen", status_code=303)

    code = "".join(code.split())
    if len(code) != CODE_LENGTH or not code.isdigit():
        error = portal.gettext("Fill in the %(length)s digits of the security code from the email.", length=CODE_LENGTH)
        return portal.page(
            "auth/code.html",
            status_code=400,
            attempt_id=poging,
            code_length=CODE_LENGTH,
            valid_until=geldig_tot,
            error=error,
        )

    try:
        result = portal.api.submit_code(poging, code)
    except ApiError as error:
        return _code_rejected(portal, poging, geldig_tot, error)

    response = RedirectResponse("/", status_code=303)
    set_portal_cookie(
        response,
        portal.settings,
        SESSION_COOKIE,
        result["session_token"],
        expires=_parse_expiry(result.get("expires_at")),
    )
    _adopt_user_language(portal, response, result.get("user") or {})
    logger.info("portal.signed_in", user_id=(result.get("user") or {}).get("id"))
    return response


@router.post("/uitloggen")
def logout(portal: AnonymousPortal, _same_origin: SameOrigin) -> Response:
    if portal.token is not None:
        try:
            portal.api.logout()
        except SessionExpired:
            pass
        except (ApiError, ApiUnavailable) as error:
            # The cookie goes anyway; the session then ends at its expiry.
            logger.warning("portal.logout_failed", error=type(error).__name__)

    response = RedirectResponse("/inloggen?melding=uitgelogd", status_code=303)
    clear_session_cookie(response, portal.settings)
    return response


@router.post("/taal")
def choose_language(
    portal: AnonymousPortal,
    _same_origin: SameOrigin,
    taal: Annotated[str, Form()] = "",
    terug: Annotated[str, Form()] = "/",
) -> Response:
    response = RedirectResponse(local_path(terug), status_code=303)
    if taal in LANGUAGES:
        set_portal_cookie(response, portal.settings, LANGUAGE_COOKIE, taal, max_age=LANGUAGE_COOKIE_SECONDS)
    return response


def _code_rejected(portal: Portal, attempt_id: str, valid_until: str, error: ApiError) -> HTMLResponse:
    attempts_left = error.details.get("attempts_left")
    if not isinstance(attempts_left, int):
        attempts_left = None
    # Five wrong codes end the attempt; then only a new login helps.
    expired = error.code == "attempt_expired" or error.status_code == 410 or attempts_left == 0
    return portal.page(
        "auth/code.html",
        status_code=error.status_code,
        attempt_id=attempt_id,
        code_length=CODE_LENGTH,
        valid_until=valid_until,
        error=error.message,
        attempts_left=None if expired else attempts_left,
        expired=expired,
    )


def _parse_expiry(value: Any) -> datetime | None:
    """Parse the session's end for the cookie's expiry. Without one the cookie ends with the browser."""
    if not isinstance(value, str):
        return None
    try:
        expires = datetime.fromisoformat(value)
    except ValueError:
        logger.warning("portal.invalid_session_expiry", expires_at=value)
        return None
    if expires.tzinfo is None:
        logger.warning("portal.invalid_session_expiry", expires_at=value)
        return None
    return expires.astimezone(UTC)


def _adopt_user_language(portal: Portal, response: Response, user: dict[str, Any]) -> None:
    """Show the pages in the user's own language unless they chose one with the toggle."""
    if LANGUAGE_COOKIE in portal.request.cookies:
        return
    language = user.get("language")
    if language in LANGUAGES:
        set_portal_cookie(response, portal.settings, LANGUAGE_COOKIE, language, max_age=LANGUAGE_COOKIE_SECONDS)
