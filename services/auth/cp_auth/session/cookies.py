from datetime import datetime

from fastapi import Response

from cp_auth.session.tokens import SESSION_COOKIE
from cp_auth.settings import Settings


def set_session_cookie(response: Response, token: str, expires_at: datetime, settings: Settings) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        expires=expires_at,
        path="/",
        httponly=True,
        secure=settings.cookie_secure,
        samesite="lax",
    )


def clear_session_cookie(response: Response, settings: Settings) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, secure=settings.cookie_secure, samesite="lax")
