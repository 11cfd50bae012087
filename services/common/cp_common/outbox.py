"""Transactional outbox: events are written with the change, published later.

A service adds an event to its outbox table in the same transaction as the
change it describes, so a rolled-back change publishes nothing. The relay
publishes pending rows in id order with publisher confirms and then marks
them sent. A crash between publishing and marking publishes a row again,
which is why consumers are idempotent.
"""

import time
import uuid
from datetime import datetime

import structlog
from kombu import Connection, Producer
from sqlalchemy import BigInteger, Integer, String, Text, Uuid, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from cp_common.db import utcnow
from cp_common.events import EVENTS_EXCHANGE, EventEnvelope, plain_data

logger = structlog.get_logger(__name__)


class OutboxMessageMixin:
    """Columns of a service's ``outbox_messages`` table."""

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    event_type: Mapped[str] = mapped_column(String(100))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    published_at: Mapped[datetime | None] = mapped_column(index=True)


def add_event(
    session: Session,
    outbox_model: type[OutboxMessageMixin],
    *,
    event_type: str,
    producer: str,
    data: dict,
    organisation_id: uuid.UUID | None = None,
) -> EventEnvelope:
    """Stage an event in the session's transaction; it is sent after commit."""
    envelope = EventEnvelope(
        type=event_type, producer=producer, organisation_id=organisation_id, data=plain_data(data)
    )
    session.add(
        outbox_model(
            event_id=envelope.id,
            event_type=envelope.type,
            payload=envelope.to_json(),
            created_at=envelope.occurred_at,
        )
    )
    return envelope


class OutboxRelay:
    """Publishes pending outbox rows to the events exchange."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        outbox_model: type[OutboxMessageMixin],
        amqp_url: str,
        *,
        batch_size: int = 500,
    ):
        self._session_factory = session_factory
        self._model = outbox_model
        self._amqp_url = amqp_url
        self._batch_size = batch_size

    def publish_pending(self, connection: Connection) -> int:
        """Publish one batch of pending rows; return how many were sent."""
        model = self._model
        with self._session_factory() as session:
            query = (
                select(model.id, model.event_type, model.payload)
                .where(model.published_at.is_(None))
                .order_by(model.id)
                .limit(self._batch_size)
            )
            if session.get_bind().dialect.name == "postgresql":
                # Several relays may run; each takes rows the others have not locked.
                query = query.with_for_update(skip_locked=True)
            rows = session.execute(query).all()
            if not rows:
                return 0

            producer = Producer(connection, exchange=EVENTS_EXCHANGE)
            for row in rows:
                # With confirm_publish set on the connection, publish returns
                # only once the broker has taken the message.
                producer.publish(
                    row.payload,
                    routing_key=row.event_type,
                    content_type="application/json",
                    content_encoding="utf-8",
                    delivery_mode=2,
                    declare=[EVENTS_EXCHANGE],
                    retry=True,
                    retry_policy={"max_retries": 3, "interval_start": 0.5, "interval_step": 1},
                )

            session.execute(
                update(model).where(model.id.in_([row.id for row in rows])).values(published_at=utcnow())
            )
            session.commit()

        logger.info("outbox.published", count=len(rows), last_id=rows[-1].id)
        return len(rows)

    def run_forever(self, poll_interval: float = 0.5) -> None:
        """Publish until stopped; reconnect with backoff when the broker is away."""
        logger.info("outbox.relay_started", table=self._model.__tablename__)
        backoff = 1.0
        while True:
            try:
                with self.connect() as connection:
                    connection.ensure_connection(max_retries=3)
                    backoff = 1.0
                    while True:
                        if self.publish_pending(connection) == 0:
                            time.sleep(poll_interval)
            except (OSError, ConnectionError) as error:
                logger.warning("outbox.broker_unavailable", error=str(error), retry_in=backoff)
                time.sleep(backoff)
                backoff = min(backoff * 2, 30.0)
            except Exception as error:  # a database outage must not end the relay
                logger.error("outbox.publish_failed", error=str(error), retry_in=backoff)
                time.sleep(backoff)
                backoff = min(backoff * 2, 30.0)

    def connect(self) -> Connection:
        return Connection(self._amqp_url, transport_options={"confirm_publish": True}, heartbeat=30)
