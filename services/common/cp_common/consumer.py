"""Idempotent consumers of domain events.

Each consumer owns one durable queue bound to the events exchange. Messages
are handled in batches, each in one database transaction that also records
the batch's event ids, so a message delivered twice changes nothing the
second time. A message that cannot be handled goes to the dead-letter
exchange, from where an operator can replay it.
"""

import time
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime

import structlog
from kombu import Connection, Queue
from kombu.message import Message
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
    return handle_batch(session_factory, processed_model, [envelope], handler) == 1


def handle_batch(
    session_factory: sessionmaker[Session],
    processed_model: type[ProcessedEventMixin],
    envelopes: Sequence[EventEnvelope],
    handler: EventHandler,
) -> int:
    """Apply ``handler`` to every event not handled before, all in one transaction.

    Return how many events the handler ran for. If any of them fails,
    nothing of the batch is kept.
    """
    unique: dict[uuid.UUID, EventEnvelope] = {}
    for envelope in envelopes:
        unique.setdefault(envelope.id, envelope)

    with session_factory() as session:
        already = set(session.scalars(select(processed_model.event_id).where(processed_model.event_id.in_(unique))))
        fresh = [envelope for envelope in unique.values() if envelope.id not in already]
        for envelope in fresh:
            handler(session, envelope)
            session.add(processed_model(event_id=envelope.id, event_type=envelope.type, processed_at=utcnow()))
        # Two consumers racing on one event: the loser's commit fails on the
        # primary key and its messages are retried, then skipped above.
        session.commit()
    return len(fresh)


class EventConsumer(ConsumerMixin):
    """Consumes events in batches: one transaction for up to ``batch_size`` messages.

    A batch is handled when it is full or when no message has arrived for
    ``FLUSH_INTERVAL_SECONDS``. A batch that fails is handled again one
    message at a time, so that only the failing message is dead-lettered.
    """

    FLUSH_INTERVAL_SECONDS = 0.2

    def __init__(
        self,
        amqp_url: str,
        queue_name: str,
        binding_keys: Sequence[str],
        session_factory: sessionmaker[Session],
        processed_model: type[ProcessedEventMixin],
        handler: EventHandler,
        *,
        prefetch_count: int = 100,
        batch_size: int = 100,
    ):
        self.connection = Connection(amqp_url, heartbeat=30)
        self._all_queues = consumer_queue(queue_name, binding_keys)
        self._queues = [queue for queue in self._all_queues if not queue.name.endswith(".dead")]
        self._session_factory = session_factory
        self._processed_model = processed_model
        self._handler = handler
        self._prefetch_count = max(prefetch_count, batch_size)
        self._batch_size = batch_size
        self._pending: list[tuple[EventEnvelope, Message]] = []

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

    def consume(self, *args, **kwargs):
        # Wake up often enough to flush a partial batch soon after the queue runs dry.
        kwargs.setdefault("safety_interval", self.FLUSH_INTERVAL_SECONDS)
        return super().consume(*args, **kwargs)

    def on_iteration(self) -> None:
        if self._pending:
            self.flush()

    def on_decode_error(self, message: Message, exc: Exception) -> None:
        # Left unacknowledged, such a message would hold a prefetch slot forever.
        logger.error("event.undecodable", content_type=message.content_type, error=str(exc))
        message.reject(requeue=False)

    def on_message(self, body, message: Message) -> None:
        try:
            envelope = EventEnvelope.from_json(message.body)
        except ValueError as error:
            logger.error("event.malformed", error=str(error), delivery_tag=message.delivery_tag)
            message.reject(requeue=False)
            return

        self._pending.append((envelope, message))
        if len(self._pending) >= self._batch_size:
            self.flush()

    def flush(self) -> None:
        """Handle the pending messages as one batch, or one by one if the batch fails."""
        batch, self._pending = self._pending, []
        try:
            handled = handle_batch(
                self._session_factory, self._processed_model, [envelope for envelope, _ in batch], self._handler
            )
        except OperationalError as error:
            self._retry_later(batch, error)
            return
        except Exception as error:
            logger.warning("event.batch_failed", size=len(batch), error=str(error))
            for envelope, message in batch:
                self._handle_alone(envelope, message)
            return

        for _, message in batch:
            message.ack()
        logger.debug("event.batch_handled", size=len(batch), handled=handled)

    def _handle_alone(self, envelope: EventEnvelope, message: Message) -> None:
        try:
            handle_once(self._session_factory, self._processed_model, envelope, self._handler)
        except IntegrityError:
            # Another consumer recorded the event first; the retry skips it.
            message.requeue()
            return
        except OperationalError as error:
            self._retry_later([(envelope, message)], error)
            return
        except Exception as error:
            logger.exception("event.failed", event_id=str(envelope.id), event_type=envelope.type, error=str(error))
            message.reject(requeue=False)
            return

        message.ack()

    @staticmethod
    def _retry_later(batch: list[tuple[EventEnvelope, Message]], error: Exception) -> None:
        # The database is away: keep the messages and slow down.
        logger.warning("event.retry_later", size=len(batch), first_event_id=str(batch[0][0].id), error=str(error))
        time.sleep(2)
        for _, message in batch:
            message.requeue()
