"""Celery worker of the reporting service: ``celery -A cp_reporting.worker worker -Q pdf --concurrency 1``."""

import logging

from celery.signals import setup_logging, worker_process_init, worker_process_shutdown

from cp_common.logs import configure_logging
from cp_common.tasks import make_celery
from cp_reporting.documents import tasks
from cp_reporting.documents.jobs import RENDER_DOSSIER_OVERVIEW
from cp_reporting.settings import Settings

settings = Settings()

app = make_celery(
    "cp_reporting.worker",
    settings.amqp_url,
    task_routes={RENDER_DOSSIER_OVERVIEW: {"queue": settings.pdf_queue}},
)


@setup_logging.connect
def _configure_logging(**_kwargs) -> None:
    # With a receiver here, Celery neither configures logging nor redirects
    # stderr, so worker and task lines use the service's structlog format.
    configure_logging(settings.service_name, settings.log_format, settings.log_level)
    # WeasyPrint logs each rendering step at INFO.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@worker_process_init.connect
def _start_worker_process(**_kwargs) -> None:
    # Each worker process opens its own database connections after the fork.
    tasks.configure_rendering(settings)


@worker_process_shutdown.connect
def _stop_worker_process(**_kwargs) -> None:
    tasks.close_rendering()
