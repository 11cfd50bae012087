"""Client of the public API behind the gateway, as the portal's users see it.

Each call carries the signed-in user's session token as a bearer token and
the page language as ``Accept-Language``, so the API's error messages come
back in the language the page is shown in. Error bodies of the form
``{"error": {"code", "message", "details"}}`` become ``ApiError``.
"""

import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any
from urllib.parse import quote

import httpx
import structlog

from cp_portal.settings import Settings

logger = structlog.get_logger(__name__)


class ApiError(Exception):
    """The API rejected a call; ``message`` is already in the user's language."""

    def __init__(self, status_code: int, code: str, message: str, details: dict[str, Any] | None = None):
        super().__init__(f"{status_code} {code}")
        self.status_code = status_code
        self.code = code
        self.message = message
        self.details = details or {}


class SessionExpired(ApiError):
    """The session token was refused (401): the user has to log in again."""


class ApiUnavailable(Exception):
    """The gateway could not be reached, timed out or failed without an error body."""


class ApiClient:
    """One pooled HTTP client to the gateway, shared by all requests."""

    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None):
        self._http = httpx.Client(
            base_url=settings.api_base_url,
            timeout=settings.request_timeout,
            transport=transport,
            verify=_tls_context(settings) if transport is None else True,
            # The pool is shared by every user, so no cookie the API sets
            # (auth sets cp_session on login) may be kept and sent again.
            cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
            follow_redirects=False,
        )

    def close(self) -> None:
        self._http.close()

    def session(
        self,
        token: str | None,
        language: str,
        request_id: str | None = None,
        *,
        client_ip: str | None = None,
        user_agent: str | None = None,
    ) -> "ApiSession":
        return ApiSession(self._http, token, language, request_id, client_ip=client_ip, user_agent=user_agent)


class ApiSession:
    """The API as one user sees it during one portal request."""

    def __init__(
        self,
        http: httpx.Client,
        token: str | None,
        language: str,
        request_id: str | None,
        *,
        client_ip: str | None = None,
        user_agent: str | None = None,
    ):
        self._http = http
        self._headers = {"Accept": "application/json", "Accept-Language": language}
        if token:
            self._headers["Authorization"] = f"Bearer {token}"
        if request_id:
            self._headers["X-Request-ID"] = request_id
        # The login history of the fraud team should show the browser, not the
        # portal: the gateway trusts this header from the portal's address only.
        if client_ip:
            self._headers["X-Forwarded-For"] = client_ip
        if user_agent:
            self._headers["User-Agent"] = user_agent

    # Auth

    def login(self, email: str, password: str) -> dict[str, Any]:
        body = {"email": email, "password": password}
        return self._call("POST", "/api/auth/login", json=body, anonymous=True)

    def submit_code(self, attempt_id: str, code: str) -> dict[str, Any]:
        path = f"/api/auth/login/{_segment(attempt_id)}/code"
        return self._call("POST", path, json={"code": code}, anonymous=True)

    def logout(self) -> None:
        self._call("POST", "/api/auth/logout")

    def me(self) -> dict[str, Any]:
        return self._call("GET", "/api/auth/me")

    # Dossiers

    def dossiers(self, status: str, page: int, page_size: int, phase: str | None = None) -> dict[str, Any]:
        params: dict[str, Any] = {"status": status, "page": page, "page_size": page_size}
        if phase is not None:
            params["phase"] = phase
        return self._call("GET", "/api/dossiers", params=params)

    def dossier(self, dossier_id: str) -> dict[str, Any]:
        return self._call("GET", f"/api/dossiers/{_segment(dossier_id)}")

    # Reporting

    def dossiers_per_phase(self) -> dict[str, Any]:
        return self._call("GET", "/api/reporting/widgets/dossiers-per-phase")

    def totals(self) -> dict[str, Any]:
        return self._call("GET", "/api/reporting/widgets/totals")

    def request_overview_pdf(self, dossier_id: str) -> dict[str, Any]:
        return self._call("POST", f"/api/reporting/dossiers/{_segment(dossier_id)}/overview-pdf")

    def document(self, document_id: str) -> dict[str, Any]:
        return self._call("GET", f"/api/reporting/documents/{_segment(document_id)}")

    @contextmanager
    def document_file(self, document_id: str) -> Iterator[httpx.Response]:
        """Open the document's bytes as a stream; the caller reads it inside the block."""
        url = f"/api/reporting/documents/{_segment(document_id)}/file"
        headers = {**self._headers, "Accept": "application/pdf"}
        try:
            with self._http.stream("GET", url, headers=headers) as response:
                if response.status_code >= 400:
                    response.read()
                    self._raise_for_error(response, session_sent="Authorization" in headers)
                yield response
        except httpx.HTTPError as error:
            logger.warning("api.unavailable", path=url, error=type(error).__name__)
            raise ApiUnavailable(url) from error

    def _call(self, method: str, path: str, *, anonymous: bool = False, **kwargs: Any) -> Any:
        """Send one call; ``anonymous`` leaves out a stale session token (login steps)."""
        headers = self._headers
        if anonymous:
            headers = {name: value for name, value in headers.items() if name != "Authorization"}
        try:
            response = self._http.request(method, path, headers=headers, **kwargs)
        except httpx.HTTPError as error:
            logger.warning("api.unavailable", method=method, path=path, error=type(error).__name__)
            raise ApiUnavailable(path) from error

        self._raise_for_error(response, session_sent="Authorization" in headers)

        if response.status_code == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            logger.warning("api.invalid_body", method=method, path=path, status=response.status_code)
            raise ApiUnavailable(path) from None

    def _raise_for_error(self, response: httpx.Response, session_sent: bool) -> None:
        if response.status_code < 400:
            return

        error = _error_body(response)
        path = response.request.url.path
        if error is None:
            # A gateway page or a crash without the documented error body.
            logger.warning("api.failed", path=path, status=response.status_code)
            if response.status_code == 401 and session_sent:
                raise SessionExpired(401, "not_authenticated", "")
            raise ApiUnavailable(path)

        code, message, details = error
        logger.info("api.rejected", path=path, status=response.status_code, code=code)
        # Anonymous calls (login) return 401 for a wrong password, so only a
        # rejected session token means the session is over.
        if response.status_code == 401 and session_sent:
            raise SessionExpired(401, code, message, details)
        raise ApiError(response.status_code, code, message, details)


def _error_body(response: httpx.Response) -> tuple[str, str, dict[str, Any]] | None:
    try:
        body = response.json()
    except ValueError:
        return None
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict) or not isinstance(error.get("code"), str):
        return None
    details = error.get("details")
    return error["code"], str(error.get("message") or ""), details if isinstance(details, dict) else {}


def _segment(value: str) -> str:
    """Quote an id for use as one path segment, so it cannot change the route."""
    return quote(value, safe="")


def _tls_context(settings: Settings) -> ssl.SSLContext | bool:
    if not settings.api_base_url.startswith("https://"):
        return True
    if settings.api_ca_file is None:
        return ssl.create_default_context()
    if not settings.api_ca_file.is_file():
        raise RuntimeError(
            f"CA file {settings.api_ca_file} of the gateway's certificate not found; "
            "create the dev TLS files first or set CP_PORTAL_API_CA_FILE "
            "(empty to use the system's certificate store)"
        )
    return ssl.create_default_context(cafile=str(settings.api_ca_file))
