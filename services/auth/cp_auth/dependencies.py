"""Request dependencies: settings, the database session, Redis stores and the Celery producer.

Everything is built once in ``create_app`` and kept on ``app.state``.
"""

from collections.abc import Iterator
from typing import Annotated

from celery import Celery
from fastapi import Depends, Request
from sqlalchemy.orm import Session

from cp_auth.client import ClientInfo
from cp_auth.login.attempts import LoginAttemptStore
from cp_auth.login.lockout import LoginLockout
from cp_auth.session.cache import SessionCache
from cp_auth.settings import Settings
from cp_common.db import session_scope


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_db(request: Request) -> Iterator[Session]:
    yield from session_scope(request.app.state.session_factory)


def get_celery(request: Request) -> Celery:
    return request.app.state.celery


def get_session_cache(request: Request) -> SessionCache:
    return request.app.state.session_cache


def get_login_attempts(request: Request) -> LoginAttemptStore:
    return request.app.state.login_attempts


def get_login_lockout(request: Request) -> LoginLockout:
    return request.app.state.login_lockout


def get_client(request: Request) -> ClientInfo:
    return ClientInfo.from_request(request)


AppSettings = Annotated[Settings, Depends(get_settings)]
DbSession = Annotated[Session, Depends(get_db)]
CeleryProducer = Annotated[Celery, Depends(get_celery)]
Cache = Annotated[SessionCache, Depends(get_session_cache)]
LoginAttempts = Annotated[LoginAttemptStore, Depends(get_login_attempts)]
Lockout = Annotated[LoginLockout, Depends(get_login_lockout)]
Client = Annotated[ClientInfo, Depends(get_client)]
