"""The auth service's HTTP app; uvicorn runs ``cp_auth.app:create_app --factory``."""

import structlog
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from redis import Redis
from redis.exceptions import RedisError

from cp_auth.login.attempts import LoginAttemptStore
from cp_auth.login.endpoints import router as login_router
from cp_auth.login.lockout import LoginLockout
from cp_auth.login.tasks import make_task_producer
from cp_auth.login_event.endpoints import router as login_event_router
from cp_auth.session.cache import SessionCache
from cp_auth.session.endpoints import router as session_router
from cp_auth.settings import Settings
from cp_auth.user.endpoints import router as user_router
from cp_common.db import make_engine, make_session_factory
from cp_common.errors import error_body, request_language
from cp_common.identity import IdentityVerifier
from cp_common.keys import load_private_key, load_public_keys
from cp_common.logs import configure_logging
from cp_common.web import create_service_app

logger = structlog.get_logger(__name__)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    configure_logging(settings.service_name, settings.log_format, settings.log_level)

    app = create_service_app(
        "Creditor portal: auth",
        verifier=IdentityVerifier(load_public_keys(settings.keys_dir)),
        openapi_url="/api/auth/openapi.json",
        docs_url="/api/auth/docs",
        redoc_url=None,
    )
    redis = Redis.from_url(settings.redis_url, decode_responses=True)
    app.state.settings = settings
    app.state.redis = redis
    app.state.session_factory = make_session_factory(make_engine(settings.database_url))
    app.state.signing_key = load_private_key(settings.keys_dir, "auth")
    app.state.celery = make_task_producer(settings)
    app.state.session_cache = SessionCache(redis, settings.session_cache_ttl)
    app.state.login_attempts = LoginAttemptStore(redis, settings.login_code_lifetime)
    app.state.login_lockout = LoginLockout(
        redis,
        max_failures=settings.lockout_max_failures,
        window=settings.lockout_window,
        duration=settings.lockout_duration,
    )

    app.include_router(login_router)
    app.include_router(user_router)
    app.include_router(login_event_router)
    app.include_router(session_router)
    app.add_exception_handler(RedisError, _handle_redis_error)
    return app


async def _handle_redis_error(request: Request, error: RedisError) -> JSONResponse:
    # Login attempts and lockouts are stored in Redis, so no login can succeed without it.
    logger.error("redis.unavailable", error=str(error))
    if request_language(request) == "en":
        message = "Logging in is not possible right now. Try again in a few minutes."
    else:
        message = "Inloggen lukt nu even niet. Probeer het over een paar minuten opnieuw."
    return JSONResponse(error_body("service_unavailable", message), status_code=503)
