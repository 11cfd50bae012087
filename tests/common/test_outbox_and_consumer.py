"""The outbox, its relay and an idempotent consumer, on real PostgreSQL and RabbitMQ."""

import threading
import time
import uuid

import pytest
from kombu import Connection, Producer, Queue
from sqlalchemy import Integer, String, func, select
from sqlalchemy.orm import Mapped, mapped_column

from cp_common.consumer import EventConsumer, ProcessedEventMixin, handle_batch, handle_once
from cp_common.db import Base, make_session_factory, new_metadata
from cp_common.events import EVENTS_EXCHANGE, EventEnvelope
from cp_common.outbox import OutboxMessageMixin, OutboxRelay, add_event
from tests.conftest import AMQP_TEST_URL, create_fresh_database
from cp_common.db import make_engine


class ExampleBase(Base):
    __abstract__ = True
    metadata = new_metadata()


class ExampleOutbox(OutboxMessageMixin, ExampleBase):
    __tablename__ = "outbox_messages"


class ExampleProcessed(ProcessedEventMixin, ExampleBase):
    __tablename__ = "processed_events"


class Tally(ExampleBase):
    __tablename__ = "tallies"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


@pytest.fixture(scope="module")
def session_factory():
    engine = make_engine(create_fresh_database("cp_test_common"))
    ExampleBase.metadata.create_all(engine)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture(autouse=True)
def empty_tables(session_factory):
    with session_factory() as session:
        for table in reversed(ExampleBase.metadata.sorted_tables):
            session.execute(table.delete())
        session.commit()


@pytest.fixture
def bound_queue():
    """A temporary queue on the real broker that receives example.* events."""
    name = f"test.common.{uuid.uuid4().hex}"
    queue = Queue(name, EVENTS_EXCHANGE, routing_key="example.#", durable=False, auto_delete=False)
    with Connection(AMQP_TEST_URL) as connection:
        queue.bind(connection.default_channel).declare()
        yield connection, queue
        queue.bind(connection.default_channel).delete()


def pending_count(session_factory) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count()).where(ExampleOutbox.published_at.is_(None)))


def test_event_committed_with_change(session_factory):
    with session_factory() as session:
        session.add(Tally(name="a", count=1))
        add_event(session, ExampleOutbox, event_type="example.created", producer="test", data={"name": "a"})
        session.commit()

    assert pending_count(session_factory) == 1


def test_no_event_for_rolled_back_change(session_factory):
    with session_factory() as session:
        session.add(Tally(name="a", count=1))
        add_event(session, ExampleOutbox, event_type="example.created", producer="test", data={"name": "a"})
        session.rollback()

    assert pending_count(session_factory) == 0


def test_relay_publishes_in_order_and_marks_sent(session_factory, bound_queue):
    connection, queue = bound_queue
    with session_factory() as session:
        for number in range(3):
            add_event(session, ExampleOutbox, event_type="example.counted", producer="test", data={"n": number})
        session.commit()
    relay = OutboxRelay(session_factory, ExampleOutbox, AMQP_TEST_URL, batch_size=2)

    with relay.connect() as relay_connection:
        first_batch = relay.publish_pending(relay_connection)
        second_batch = relay.publish_pending(relay_connection)
        third_batch = relay.publish_pending(relay_connection)

    received = []
    simple = connection.SimpleQueue(queue)
    for _ in range(3):
        message = simple.get(timeout=5)
        received.append(EventEnvelope.from_json(message.body).data["n"])
        message.ack()
    simple.close()

    assert (first_batch, second_batch, third_batch) == (2, 1, 0)
    assert received == [0, 1, 2]
    assert pending_count(session_factory) == 0


def count_up(session, envelope):
    tally = session.get(Tally, envelope.data["name"]) or Tally(name=envelope.data["name"], count=0)
    tally.count += 1
    session.add(tally)


def test_consumer_handles_duplicate_once(session_factory):
    envelope = EventEnvelope(type="example.counted", producer="test", data={"name": "b"})

    first = handle_once(session_factory, ExampleProcessed, envelope, count_up)
    second = handle_once(session_factory, ExampleProcessed, envelope, count_up)

    with session_factory() as session:
        assert session.get(Tally, "b").count == 1
    assert first is True
    assert second is False


def test_failed_handler_records_nothing(session_factory):
    envelope = EventEnvelope(type="example.counted", producer="test", data={"name": "c"})

    def fail_after_change(session, event):
        count_up(session, event)
        raise ValueError("handler failed")

    with pytest.raises(ValueError):
        handle_once(session_factory, ExampleProcessed, envelope, fail_after_change)

    with session_factory() as session:
        assert session.get(Tally, "c") is None
        assert session.get(ExampleProcessed, envelope.id) is None


def test_batch_skips_duplicates_within_it(session_factory):
    envelope = EventEnvelope(type="example.counted", producer="test", data={"name": "d"})

    handled = handle_batch(session_factory, ExampleProcessed, [envelope, envelope], count_up)

    with session_factory() as session:
        assert session.get(Tally, "d").count == 1
    assert handled == 1


def count_up_unless_poisoned(session, envelope):
    if envelope.data["name"] == "poison":
        raise ValueError("cannot handle this event")
    count_up(session, envelope)


def test_consumer_dead_letters_only_failing_event(session_factory):
    queue_name = f"test.common.consumer.{uuid.uuid4().hex}"
    consumer = EventConsumer(
        AMQP_TEST_URL, queue_name, ["example.#"], session_factory, ExampleProcessed, count_up_unless_poisoned,
        batch_size=10,
    )
    names = ["e", "e", "poison", "f", "e"]
    runner = threading.Thread(target=consumer.run, daemon=True)
    runner.start()
    try:
        with Connection(AMQP_TEST_URL) as connection:
            producer = Producer(connection, exchange=EVENTS_EXCHANGE)
            deadline = time.monotonic() + 10
            while not consumer.connection.connected and time.monotonic() < deadline:
                time.sleep(0.1)
            time.sleep(0.5)
            for name in names:
                envelope = EventEnvelope(type="example.counted", producer="test", data={"name": name})
                producer.publish(
                    envelope.to_json(), routing_key=envelope.type, content_type="application/json",
                    declare=[EVENTS_EXCHANGE],
                )

            deadline = time.monotonic() + 15
            tallies = {}
            while time.monotonic() < deadline and tallies != {"e": 3, "f": 1}:
                time.sleep(0.2)
                with session_factory() as session:
                    tallies = {tally.name: tally.count for tally in session.scalars(select(Tally))}
            dead = connection.SimpleQueue(f"{queue_name}.dead").get(timeout=5)
    finally:
        consumer.should_stop = True
        runner.join(timeout=10)
        with Connection(AMQP_TEST_URL) as connection:
            for name in (queue_name, f"{queue_name}.dead"):
                Queue(name).bind(connection.default_channel).delete()

    assert tallies == {"e": 3, "f": 1}
    assert EventEnvelope.from_json(dead.body).data["name"] == "poison"
