"""Send one security code email and record the outcome in the delivery log.

The caller commits: after a transient failure too, so that the attempt and
its error are kept before the task is retried.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from email.errors import MessageError
from email.message import EmailMessage
from typing import Any, Protocol
import uuid

import structlog
from pydantic import BaseModel, ValidationError, field_validator
from sqlalchemy.orm import Session

from cp_common.db import utcnow
from cp_common.formatting import format_moment
from cp_notifications.deliveries import service as deliveries
from cp_notifications.mail.message import build_message
from cp_notifications.mail.rendering import DEFAULT_LANGUAGE, LANGUAGES, render_email
from cp_notifications.mail.smtp import MailDeliveryError
from cp_notifications.settings import Settings

logger = structlog.get_logger(__name__)

TEMPLATE = "security_code"
# Deliberately loose: the mail server judges the address. This only rejects
# what cannot be written into a To header.
_ADDRESS_PART = r"[^@\s<>(),;:\"\[\]\\]+"
EMAIL_ADDRESS = re.compile(rf"^{_ADDRESS_PART}@{_ADDRESS_PART}\.{_ADDRESS_PART}$")


class Mailer(Protocol):
    def send(self, message: EmailMessage) -> None: ...


class Outcome(StrEnum):
    SENT = "sent"
    FAILED = "failed"
    RETRY = "retry"
    # The task id was sent or failed before: a redelivered task.
    SKIPPED = "skipped"


@dataclass(frozen=True)
class DeliveryResult:
    outcome: Outcome
    delivery_id: uuid.UUID
    error: str | None = None


class SecurityCodeEmail(BaseModel):
    """Keyword arguments of the ``email.send_security_code`` task."""

    recipient: str
    recipient_name: str = ""
    code: str
    expires_at: datetime
    language: str = DEFAULT_LANGUAGE

    @field_validator("recipient")
    @classmethod
    def _check_recipient(cls, value: str) -> str:
        if not EMAIL_ADDRESS.match(value):
            raise ValueError("not an email address")
        return value

    @field_validator("code")
    @classmethod
    def _check_code(cls, value: str) -> str:
        if not value.isascii() or not value.isdigit():
            raise ValueError("not a numeric code")
        return value

    @field_validator("expires_at")
    @classmethod
    def _assume_utc(cls, value: datetime) -> datetime:
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def send_security_code(
    session: Session,
    mailer: Mailer,
    settings: Settings,
    *,
    task_id: str,
    arguments: dict[str, Any],
    final_attempt: bool,
    now: datetime | None = None,
) -> DeliveryResult:
    """Send the security code email of task ``task_id`` unless that task was settled before."""
    now = now or utcnow()
    recipient = str(arguments.get("recipient", ""))
    delivery = deliveries.claim(session, task_id=task_id, template=TEMPLATE, recipient=recipient)
    log = logger.bind(delivery_id=str(delivery.id), task_id=task_id, template=TEMPLATE)

    if deliveries.is_settled(delivery):
        log.info("email.already_settled", status=delivery.status)
        return DeliveryResult(Outcome.SKIPPED, delivery.id)

    try:
        request = SecurityCodeEmail.model_validate(arguments)
    except ValidationError as error:
        # Only the field names: the values include the security code.
        fields = ", ".join(sorted({str(issue["loc"][0]) for issue in error.errors() if issue["loc"]}))
        reason = f"invalid task arguments: {fields}"
        deliveries.mark_failed(delivery, reason)
        log.error("email.invalid_arguments", fields=fields)
        return DeliveryResult(Outcome.FAILED, delivery.id, reason)

    if request.expires_at <= now:
        reason = "security code expired before it could be sent"
        deliveries.mark_failed(delivery, reason)
        log.warning("email.expired", attempts=delivery.attempts)
        return DeliveryResult(Outcome.FAILED, delivery.id, reason)

    try:
        message = _compose(request, settings, now)
    except (ValueError, MessageError) as error:
        reason = f"could not build the message: {error}"
        deliveries.mark_failed(delivery, reason)
        log.error("email.invalid_message", error=str(error))
        return DeliveryResult(Outcome.FAILED, delivery.id, reason)

    deliveries.record_attempt(delivery)
    try:
        mailer.send(message)
    except MailDeliveryError as error:
        if error.transient and not final_attempt:
            deliveries.record_transient_error(delivery, error.reason)
            log.warning("email.retry_scheduled", attempts=delivery.attempts, error=error.reason)
            return DeliveryResult(Outcome.RETRY, delivery.id, error.reason)

        deliveries.mark_failed(delivery, error.reason)
        log.error("email.failed", attempts=delivery.attempts, transient=error.transient, error=error.reason)
        return DeliveryResult(Outcome.FAILED, delivery.id, error.reason)

    deliveries.mark_sent(delivery)
    log.info("email.sent", attempts=delivery.attempts)
    return DeliveryResult(Outcome.SENT, delivery.id)


def _compose(request: SecurityCodeEmail, settings: Settings, now: datetime) -> EmailMessage:
    language = request.language if request.language in LANGUAGES else DEFAULT_LANGUAGE
    if language != request.language:
        logger.warning("email.language_unknown", language=request.language, used=language)

    rendered = render_email(
        TEMPLATE,
        language,
        {
            "recipient_name": " ".join(request.recipient_name.split()),
            "code": request.code,
            "expires_at": format_moment(request.expires_at, language),
            "agency_name": settings.agency_name,
            "support_email": settings.support_email,
            "support_phone": settings.support_phone,
        },
    )
    return build_message(
        rendered,
        sender=settings.mail_from,
        recipient=request.recipient,
        recipient_name=request.recipient_name,
        language=language,
        now=now,
    )
