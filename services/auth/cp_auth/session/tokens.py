"""Session tokens: opaque random strings, of which only the SHA-256 hash is stored."""

import hashlib
import secrets

from fastapi import Request

SESSION_COOKIE = "cp_session"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_from_request(request: Request) -> str | None:
    """Return the bearer token (mobile apps) or else the ``cp_session`` cookie (the portal)."""
    authorization = request.headers.get("authorization", "")
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.cookies.get(SESSION_COOKIE) or None
