"""Browser-facing protections: security headers and the same-origin check on forms."""

from urllib.parse import urlsplit

import structlog
from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cp_portal.i18n import request_language
from cp_portal.web import PageError, Renderer

logger = structlog.get_logger(__name__)

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class SecurityHeadersMiddleware:
    """Add the security headers to every response.

    Pages show a debtor's personal data, so everything but the static files
    is also marked ``no-store``: no shared or back-button cache keeps it.
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        is_static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _value in headers}
                headers.extend(header for header in SECURITY_HEADERS if header[0] not in present)
                if not is_static and b"cache-control" not in present:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def verify_same_origin(request: Request) -> None:
    """Reject a form post that another site made the browser send (CSRF).

    Browsers send ``Origin`` on every POST; ``Referer`` is the fallback for
    older ones. A post with neither, or from another host, is rejected. The
    session cookie is also ``SameSite=Lax``, which stops most such posts
    already.
    """
    host = request.headers.get("host", "").lower()
    source = request.headers.get("origin") or request.headers.get("referer")
    source_host = urlsplit(source).netloc.lower() if source and source != "null" else ""
    if host and source_host == host:
        return

    logger.warning("portal.cross_site_post_rejected", path=request.url.path, has_source=bool(source))
    renderer: Renderer = request.app.state.renderer
    message = renderer.gettext(
        "This form was not sent from this portal, so it was not processed. Reload the page and try again.",
        request_language(request),
    )
    raise PageError(403, message)


def local_path(candidate: str | None, fallback: str = "/") -> str:
    """Return the candidate if it is a path on this site, else the fallback, so no redirect leaves the site."""
    if not candidate or not candidate.startswith("/") or candidate.startswith("//") or "\\" in candidate:
        return fallback
    parts = urlsplit(candidate)
    if parts.scheme or parts.netloc:
        return fallback
    return candidate
