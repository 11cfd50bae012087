"""The portal's FastAPI app (uvicorn runs ``cp_portal.app:create_app --factory``)."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import structlog
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from cp_common.logs import configure_logging
from cp_common.web import create_service_app
from cp_portal.api import ApiClient
from cp_portal.assets import VENDOR_DIR, VENDOR_FILES
from cp_portal.auth.endpoints import router as auth_router
from cp_portal.dashboard.endpoints import router as dashboard_router
from cp_portal.dossiers.endpoints import router as dossiers_router
from cp_portal.i18n import load_translations
from cp_portal.security import SecurityHeadersMiddleware
from cp_portal.settings import Settings
from cp_portal.web import Renderer, install_page_error_handlers

logger = structlog.get_logger(__name__)

STATIC_DIR = Path(__file__).parent / "static"


def create_app(settings: Settings | None = None, api_transport: httpx.BaseTransport | None = None) -> FastAPI:
    """Build the portal; ``api_transport`` replaces the network to the gateway (tests)."""
    settings = settings or Settings()
    configure_logging(settings.service_name, settings.log_format, settings.log_level)
    # httpx logs every call at INFO with its URL; the portal logs its own events.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    api_client = ApiClient(settings, transport=api_transport)
    _warn_about_missing_assets()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        api_client.close()

    app = create_service_app(
        "Creditor portal",
        verifier=None,
        lifespan=lifespan,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.api_client = api_client
    app.state.renderer = Renderer(load_translations())

    app.add_middleware(SecurityHeadersMiddleware)
    install_page_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(auth_router)
    app.include_router(dashboard_router)
    app.include_router(dossiers_router)
    return app


def _warn_about_missing_assets() -> None:
    """Log a warning when htmx or Chart.js is missing; pages then work without row expansion and chart."""
    missing = [name for name in VENDOR_FILES.values() if not (VENDOR_DIR / name).is_file()]
    if missing:
        logger.warning("portal.assets_missing", files=missing, fix="npm ci && python -m cp_portal build-assets")
