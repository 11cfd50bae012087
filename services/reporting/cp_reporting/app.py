from contextlib import asynccontextmanager

from fastapi import FastAPI

from cp_common.db import make_engine, make_session_factory
from cp_common.identity import IdentityVerifier
from cp_common.keys import load_public_keys
from cp_common.logs import configure_logging
from cp_common.tasks import make_celery
from cp_common.web import create_service_app
from cp_reporting.documents.endpoints import router as documents_router
from cp_reporting.documents.jobs import RENDER_DOSSIER_OVERVIEW
from cp_reporting.settings import Settings
from cp_reporting.widgets.endpoints import router as widgets_router


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    configure_logging(settings.service_name, settings.log_format, settings.log_level)
    engine = make_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        engine.dispose()

    app = create_service_app(
        "Creditor portal: reporting",
        verifier=IdentityVerifier(load_public_keys(settings.keys_dir)),
        openapi_url="/api/reporting/openapi.json",
        docs_url="/api/reporting/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.session_factory = make_session_factory(engine)
    # Only sends tasks; the worker process runs them (cp_reporting.worker).
    app.state.celery = make_celery(
        "cp_reporting.api", settings.amqp_url, task_routes={RENDER_DOSSIER_OVERVIEW: {"queue": settings.pdf_queue}}
    )
    app.include_router(widgets_router)
    app.include_router(documents_router)
    return app
