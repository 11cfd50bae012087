"""Celery app of the email worker: ``celery -A cp_notifications.worker worker -Q email --concurrency 1``.

Tasks are sent by name (``email.send_security_code``), so senders need
nothing from this package.
"""

from dataclasses import dataclass
from typing import Any

from celery.signals import setup_logging
from sqlalchemy.orm import Session, sessionmaker

from cp_common.db import make_engine, make_session_factory
from cp_common.logs import configure_logging
from cp_common.tasks import make_celery
from cp_notifications.mail.smtp import SmtpMailer
from cp_notifications.settings import Settings

EMAIL_QUEUE = "email"

settings = Settings()

app = make_celery("cp_notifications", settings.amqp_url, task_routes={"email.*": {"queue": EMAIL_QUEUE}})
app.conf.include = ["cp_notifications.security_code.tasks"]


@setup_logging.connect
def _configure_logging(**_: Any) -> None:
    configure_logging(settings.service_name, settings.log_format, settings.log_level)


@dataclass(frozen=True)
class WorkerContext:
    """Dependencies of the tasks: settings, the delivery log's database and the SMTP server."""

    settings: Settings
    session_factory: sessionmaker[Session]
    mailer: SmtpMailer

    @classmethod
    def from_settings(cls, settings: Settings) -> "WorkerContext":
        return cls(
            settings=settings,
            session_factory=make_session_factory(make_engine(settings.database_url)),
            mailer=SmtpMailer.from_settings(settings),
        )


_context: WorkerContext | None = None


def worker_context() -> WorkerContext:
    """Return the context of this process, built on first use.

    The engine is made lazily so that each forked pool process opens its own
    database connections.
    """
    global _context
    if _context is None:
        _context = WorkerContext.from_settings(settings)
    return _context


def use_context(context: WorkerContext | None) -> None:
    """Replace the context, for tests that run tasks in-process; ``None`` rebuilds it from settings."""
    global _context
    _context = context
