"""The HTTP app; uvicorn starts it with ``cp_dossiers.app:create_app --factory``."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from cp_common.db import make_engine, make_session_factory
from cp_common.identity import IdentityVerifier
from cp_common.keys import load_public_keys
from cp_common.logs import configure_logging
from cp_common.web import create_service_app
from cp_dossiers.database import ensure_sqlite_directory
from cp_dossiers.dossier.endpoints import router as dossier_router
from cp_dossiers.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    configure_logging(settings.service_name, settings.log_format, settings.log_level)

    ensure_sqlite_directory(settings.database_url)
    engine = make_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = create_service_app(
        "Dossiers",
        verifier=IdentityVerifier(load_public_keys(settings.keys_dir)),
        openapi_url="/api/dossiers/openapi.json",
        docs_url="/api/dossiers/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)
    app.include_router(dossier_router)
    return app
