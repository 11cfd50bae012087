"""Sending the security code email through the notifications worker.

The task is sent by name, so this service needs none of the worker's code.
"""

import structlog
from celery import Celery
from kombu.exceptions import OperationalError

from cp_auth.errors import CodeNotSent
from cp_auth.login.service import CodeDelivery
from cp_auth.settings import Settings
from cp_common.tasks import make_celery

logger = structlog.get_logger(__name__)

SEND_SECURITY_CODE_TASK = "email.send_security_code"
# Celery copies a repr of the keyword arguments into the message headers,
# which workers log and monitoring tools show; it must not contain the code.
REDACTED_KWARGS_REPR = "{'recipient': ..., 'code': '<redacted>', ...}"


def make_task_producer(settings: Settings) -> Celery:
    return make_celery(
        "cp_auth",
        settings.amqp_url,
        task_routes={SEND_SECURITY_CODE_TASK: {"queue": settings.security_code_queue}},
    )


def send_security_code(producer: Celery, delivery: CodeDelivery) -> None:
    """Queue the email; raise CodeNotSent when the broker cannot be reached."""
    try:
        producer.send_task(
            SEND_SECURITY_CODE_TASK,
            kwargs={
                "recipient": delivery.recipient,
                "recipient_name": delivery.recipient_name,
                "code": delivery.code,
                "expires_at": delivery.expires_at.isoformat(),
                "language": delivery.language,
            },
            kwargsrepr=REDACTED_KWARGS_REPR,
        )
    except (OperationalError, OSError) as error:
        logger.error("login.code_send_failed", attempt_id=str(delivery.attempt_id), error=str(error))
        raise CodeNotSent() from error

    logger.info("login.code_sent", attempt_id=str(delivery.attempt_id), user_id=str(delivery.user_id))
