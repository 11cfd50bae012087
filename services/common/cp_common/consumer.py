"""Idempotent consumers of domain events.

Each consumer owns one durable queue bound to the events exchange. A message
is handled in one database transaction that also records its event id, so a
message delivered twice changes nothing the second time. A message that
cannot be handled goes to the dead-letter exchange, from where an operator
can replay it.
"""

import time
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime

import structlog
from kombu import Connection, Queue
from kombu.mixins import ConsumerMixin
from sqlalchemy import String, Uuid, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from cp_common.db import utcnow
from cp_common.events import DEAD_LETTER_EXCHANGE, EVENTS_EXCHANGE, EventEnvelope

logger = structlog.get_logger(__name__)

EventHandler = Callable[[Session, EventEnvelope], None]


class ProcessedEventMixin:
    """Columns of a consumer's ``processed_events`` table."""

    event_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    event_type: Mapped[str] = mapped_column(String(100))
    processed_at: Mapped[datetime]


def consumer_queue(name: str, binding_keys: Sequence[str]) -> list[Queue]:
    """Build the durable queue of a consumer, one binding per key, plus its dead-letter queue."""
    arguments = {"x-dead-letter-exchange": DEAD_LETTER_EXCHANGE.name}
    queues = [
        Queue(name, EVENTS_EXCHANGE, routing_key=key, durable=True, queue_arguments=arguments)
        for key in binding_keys
    ]
    queues.append(Queue(f"{name}.dead", DEAD_LETTER_EXCHANGE, routing_key="#", durable=True))
    return queues


def handle_once(
    session_factory: sessionmaker[Session],
    processed_model: type[ProcessedEventMixin],
    envelope: EventEnvelope,
    handler: EventHandler,
) -> bool:
    """Apply ``handler`` unless this event was handled before; return whether it ran."""
    with session_factory() as session:
        already = session.scalar(select(processed_model.event_id).where(processed_model.event_id == envelope.id))
        if already is not None:
            return False

        handler(session, envelope)
        session.add(processed_model(event_id=envelope.id, event_type=envelope.type, processed_at=utcnow()))
        # Two consumers racing on one event: the loser's commit fails on the
        # primary key and its message is retried, then skipped above.
        session.commit()
    return True


class EventConsumer(ConsumerMixin):
    def __init__(
        self,
        amqp_url: str,
        queue_name: str,
        binding_keys: Sequence[str],
        session_factory: sessionmaker[Session],
        processed_model: type[ProcessedEventMixin],
        handler: EventHandler,
        *,
        prefetch_count: int = 50,
    ):
        self.connection = Connection(amqp_url, heartbeat=30)
        self._all_queues = consumer_queue(queue_name, binding_keys)
        self._queues = [queue for queue in self._all_queues if not queue.name.endswith(".dead")]
        self._session_factory = session_factory
        self._processed_model = processed_model
        self._handler = handler
        self._prefetch_count = prefetch_count

    def get_consumers(self, consumer_class, channel):
        # Declaring the dead-letter queue too means nothing rejected is dropped.
        for queue in self._all_queues:
            queue.bind(channel).declare()
        return [
            consumer_class(
                queues=self._queues,
                callbacks=[self.on_message],
                accept=["json", "application/json"],
                prefetch_count=self._prefetch_count,
            )
        ]

    def on_message(self, body, message) -> None:
        try:
            envelope = EventEnvelope.from_json(message.body)
        except ValueError as error:
            logger.error("event.malformed", error=str(error))
            message.reject(requeue=False)
            return

        try:
            handled = handle_once(self._session_factory, self._processed_model, envelope, self._handler)
        except IntegrityError:
            # Another consumer recorded the event first; the retry skips it.
            message.requeue()
            return
        except OperationalError as error:
            # The database is away: keep the message and slow down.
            logger.warning("event.retry_later", event_id=str(envelope.id), error=str(error))
            time.sleep(2)
            message.requeue()
            return
        except Exception as error:
            logger.exception("event.failed", event_id=str(envelope.id), event_type=envelope.type, error=str(error))
            message.reject(requeue=False)
            return

        message.ack()
        if handled:
            logger.debug("event.handled", event_id=str(envelope.id), event_type=envelope.type)
