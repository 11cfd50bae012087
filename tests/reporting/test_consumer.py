"""The read model's consumer end to end: real RabbitMQ, a queue of this test only, real commits."""

import threading
import time
import uuid
from collections.abc import Callable, Iterator

import pytest
from kombu import Connection, Producer
from sqlalchemy import select

from cp_common.consumer import consumer_queue
from cp_common.events import EVENTS_EXCHANGE, EventEnvelope
from cp_reporting.summaries.consumer import DOSSIER_EVENTS_BINDING, build_consumer
from cp_reporting.summaries.models import DossierSummary, ProcessedEvent
from tests.conftest import AMQP_TEST_URL
from tests.reporting.conftest import delete_rows
from tests.reporting.factories import dossier_event, snapshot

WAIT_SECONDS = 15


def publish(*envelopes: EventEnvelope) -> None:
    with Connection(AMQP_TEST_URL, transport_options={"confirm_publish": True}) as connection:
        producer = Producer(connection, exchange=EVENTS_EXCHANGE)
        for envelope in envelopes:
            producer.publish(
                envelope.to_json(),
                routing_key=envelope.type,
                content_type="application/json",
                content_encoding="utf-8",
                delivery_mode=2,
                declare=[EVENTS_EXCHANGE],
            )


def wait_until(condition: Callable[[], bool], description: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out after {WAIT_SECONDS} s waiting for {description}")


@pytest.fixture
def queue_name() -> Iterator[str]:
    """Declare this test's queue and its dead-letter queue before publishing; delete both afterwards."""
    name = f"reporting.test-{uuid.uuid4().hex}"
    with Connection(AMQP_TEST_URL) as connection:
        for queue in consumer_queue(name, [DOSSIER_EVENTS_BINDING]):
            queue(connection.default_channel).declare()
    yield name
    with Connection(AMQP_TEST_URL) as connection:
        for queue in consumer_queue(name, [DOSSIER_EVENTS_BINDING]):
            queue(connection.default_channel).delete()


@pytest.fixture
def running_consumer(settings, committing_session_factory, queue_name):
    consumer = build_consumer(settings, committing_session_factory, queue_name=queue_name)
    thread = threading.Thread(target=consumer.run, name="test-consumer", daemon=True)
    thread.start()
    yield consumer
    consumer.should_stop = True
    thread.join(timeout=10)
    assert not thread.is_alive(), "the consumer did not stop within 10 s"


def test_consumer_applies_newest_snapshot_once(engine, committing_session_factory, organisation_id, queue_name, running_consumer):
    dossier = snapshot(organisation_id, version=1)
    created = dossier_event(dossier, "dossier.created")
    updated = dossier_event({**dossier, "version": 2, "phase": "judicial", "paid_cents": 60000}, "dossier.updated")
    stale = dossier_event({**dossier, "version": 1, "phase": "monitoring"}, "dossier.updated")
    event_ids = [created.id, updated.id, stale.id]

    try:
        # The update twice (a redelivery) and a stale snapshot after it.
        publish(created, updated, updated, stale)

        def all_processed() -> bool:
            with committing_session_factory() as check:
                found = check.scalars(select(ProcessedEvent.event_id).where(ProcessedEvent.event_id.in_(event_ids)))
                return len(set(found)) == 3

        wait_until(all_processed, "three processed events")
        with committing_session_factory() as check:
            summary = check.get(DossierSummary, uuid.UUID(dossier["id"]))
            assert summary.version == 2
            assert summary.phase == "judicial"
            assert summary.paid_cents == 60000
    finally:
        delete_rows(engine, dossier_ids=[uuid.UUID(dossier["id"])], event_ids=event_ids)


def test_consumer_dead_letters_invalid_event(engine, committing_session_factory, organisation_id, queue_name, running_consumer):
    invalid = dossier_event(snapshot(organisation_id, phase="unknown_phase"), "dossier.created")

    try:
        publish(invalid)

        dead_letters: list[str] = []
        with Connection(AMQP_TEST_URL) as connection:
            dead_queue = consumer_queue(queue_name, [DOSSIER_EVENTS_BINDING])[-1](connection.default_channel)

            def dead_lettered() -> bool:
                message = dead_queue.get(no_ack=True)
                if message is not None:
                    dead_letters.append(EventEnvelope.from_json(message.body).id)
                return invalid.id in dead_letters

            wait_until(dead_lettered, "the invalid event in the dead-letter queue")

        with committing_session_factory() as check:
            assert check.get(DossierSummary, uuid.UUID(invalid.data["dossier"]["id"])) is None
            assert check.get(ProcessedEvent, invalid.id) is None
    finally:
        delete_rows(engine, dossier_ids=[uuid.UUID(invalid.data["dossier"]["id"])], event_ids=[invalid.id])
