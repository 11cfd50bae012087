"""State changes of a delivery. Callers commit."""

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cp_common.db import utcnow
from cp_notifications.deliveries import repository
from cp_notifications.deliveries.models import Delivery, DeliveryStatus

MAX_ERROR_LENGTH = 1000


def claim(session: Session, *, task_id: str, template: str, recipient: str) -> Delivery:
    """Return the delivery of ``task_id``, created if new and locked until the caller commits.

    The lock (PostgreSQL only) keeps a task that the broker delivered twice
    from being sent by two workers at once: the second waits, then finds the
    delivery sent.
    """
    delivery = repository.get_by_task_id(session, task_id, for_update=True)
    if delivery is not None:
        return delivery

    delivery = Delivery(
        task_id=task_id,
        template=template,
        recipient=recipient[:320],
        status=DeliveryStatus.QUEUED.value,
        attempts=0,
        created_at=utcnow(),
    )
    try:
        with session.begin_nested():
            session.add(delivery)
    except IntegrityError:
        # Another worker inserted the same task id first; use its row.
        delivery = repository.get_by_task_id(session, task_id, for_update=True)
        if delivery is None:
            raise
    return delivery


def is_settled(delivery: Delivery) -> bool:
    return delivery.status != DeliveryStatus.QUEUED.value


def record_attempt(delivery: Delivery) -> None:
    delivery.attempts += 1


def mark_sent(delivery: Delivery) -> None:
    delivery.status = DeliveryStatus.SENT.value
    delivery.sent_at = utcnow()
    delivery.last_error = None


def mark_failed(delivery: Delivery, error: str) -> None:
    """Give up on the delivery: the error is permanent or the retries ran out."""
    delivery.status = DeliveryStatus.FAILED.value
    delivery.last_error = error[:MAX_ERROR_LENGTH]


def record_transient_error(delivery: Delivery, error: str) -> None:
    """Keep the delivery queued for another attempt and note why this one failed."""
    delivery.last_error = error[:MAX_ERROR_LENGTH]
