from fastapi import FastAPI

from cp_common.db import make_engine, make_session_factory
from cp_common.identity import IdentityVerifier
from cp_common.keys import load_public_keys
from cp_common.logs import configure_logging
from cp_common.web import create_service_app
from cp_notifications.deliveries.endpoints import router as deliveries_router
from cp_notifications.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the notifications API; uvicorn runs ``cp_notifications.app:create_app --factory``."""
    settings = settings or Settings()
    configure_logging(settings.service_name, settings.log_format, settings.log_level)

    app = create_service_app(
        "Creditor portal notifications",
        verifier=IdentityVerifier(load_public_keys(settings.keys_dir)),
        openapi_url="/api/notifications/openapi.json",
        docs_url="/api/notifications/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.session_factory = make_session_factory(make_engine(settings.database_url))
    app.include_router(deliveries_router)
    return app
