"""The outbox relay against the real RabbitMQ, with a queue of this test's own."""

import json
import time
import uuid

import pytest
from kombu import Connection, Queue
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from cp_common.events import EVENTS_EXCHANGE
from cp_common.outbox import OutboxRelay
from cp_dossiers.models import OutboxMessage
from tests.conftest import AMQP_TEST_URL
from tests.dossiers.factories import create_creditor, open_dossier


@pytest.fixture
def bound_queue():
    """A queue bound to dossier.created on the events exchange, deleted afterwards."""
    name = f"test.dossiers.relay.{uuid.uuid4().hex}"
    with Connection(AMQP_TEST_URL) as connection:
        queue = Queue(name, EVENTS_EXCHANGE, routing_key="dossier.created", durable=False, auto_delete=False)
        bound = queue(connection.default_channel)
        bound.declare()
        try:
            yield bound
        finally:
            bound.delete()


def receive_event(queue, event_id: str, timeout: float = 10.0) -> dict:
    """Return the envelope with this id; other producers' events on the exchange are acknowledged and skipped."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        message = queue.get(no_ack=False)
        if message is None:
            time.sleep(0.1)
            continue
        message.ack()
        envelope = json.loads(message.body)
        if envelope["id"] == event_id:
            return envelope
    raise AssertionError(f"event {event_id} not received within {timeout} seconds")


def test_relay_publishes_and_marks_rows(session, bound_queue):
    creditor = create_creditor(session)
    dossier = open_dossier(session, creditor)
    session.flush()
    row = session.scalars(select(OutboxMessage).where(OutboxMessage.published_at.is_(None))).one()
    # The relay's sessions join this test's transaction, so everything is rolled back afterwards.
    relay_sessions = sessionmaker(bind=session.connection(), join_transaction_mode="create_savepoint")
    relay = OutboxRelay(relay_sessions, OutboxMessage, AMQP_TEST_URL)

    with relay.connect() as connection:
        published = relay.publish_pending(connection)

    assert published == 1
    envelope = receive_event(bound_queue, str(row.event_id))
    assert envelope["type"] == "dossier.created"
    assert envelope["organisation_id"] == str(creditor.id)
    assert envelope["data"]["dossier"]["id"] == str(dossier.id)
    assert envelope["data"]["dossier"]["number"] == dossier.number
    session.expire_all()
    assert session.get(OutboxMessage, row.id).published_at is not None


def test_relay_skips_published_rows(session, bound_queue):
    open_dossier(session, create_creditor(session))
    session.flush()
    relay = OutboxRelay(
        sessionmaker(bind=session.connection(), join_transaction_mode="create_savepoint"), OutboxMessage, AMQP_TEST_URL
    )

    with relay.connect() as connection:
        first = relay.publish_pending(connection)
        second = relay.publish_pending(connection)

    assert first == 1
    assert second == 0
