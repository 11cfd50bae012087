"""Celery defaults shared by every worker: late acks, retries with backoff.

Tasks have explicit dotted names (``email.send_security_code``,
``pdf.render_dossier_overview``) and each workload has its own queue
(``email``, ``pdf``), so a service can send a task by name without importing
the worker's code, and each queue scales on its own.
"""

from celery import Celery, Task

# Errors worth another try: the network, the broker or a peer is away. Not
# every OSError, because smtplib's permanent 5xx rejections derive from it.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (ConnectionError, TimeoutError)


class ReliableTask(Task):
    """A task acknowledged only when done, retried on transient errors."""

    abstract = True
    acks_late = True
    reject_on_worker_lost = True
    autoretry_for = TRANSIENT_ERRORS
    retry_backoff = 2
    retry_backoff_max = 300
    retry_jitter = True
    max_retries = 8


def make_celery(name: str, broker_url: str, *, task_routes: dict[str, dict[str, str]] | None = None) -> Celery:
    app = Celery(name, broker=broker_url, task_cls=ReliableTask)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_ignore_result=True,
        task_routes=task_routes or {},
        task_default_queue="default",
        worker_prefetch_multiplier=1,
        worker_hijack_root_logger=False,
        broker_connection_retry_on_startup=True,
        broker_transport_options={"confirm_publish": True},
        task_serializer="json",
        accept_content=["json"],
        timezone="UTC",
        enable_utc=True,
    )
    return app
