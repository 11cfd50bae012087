"""Fixtures of the auth tests: a migrated PostgreSQL database rolled back
after each test, Redis database 11 emptied around each test, and a RabbitMQ
queue of its own that receives the security code emails."""

import os
import uuid
import warnings
from collections.abc import Iterator

import pytest
from kombu import Connection, Exchange, Queue
from redis import Redis
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from cp_auth.app import create_app
from cp_auth.dependencies import get_db
from cp_auth.settings import Settings
from tests.conftest import AMQP_TEST_URL, migrated_engine, rollback_session

# Starlette 1.10 warns that its TestClient will move from httpx to httpx2,
# which the pinned environment does not have; the httpx client still works.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

AUTH_REDIS_URL = os.environ.get("CP_TEST_AUTH_REDIS_URL", "redis://127.0.0.1:6379/11")


@pytest.fixture(scope="session")
def engine() -> Iterator[Engine]:
    engine = migrated_engine("cp_test_auth", "cp_auth.migrations")
    yield engine
    engine.dispose()


@pytest.fixture
def db(engine) -> Iterator[Session]:
    yield from rollback_session(engine)


@pytest.fixture
def redis_client() -> Iterator[Redis]:
    client = Redis.from_url(AUTH_REDIS_URL, decode_responses=True)
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


@pytest.fixture
def email_queue() -> Iterator[str]:
    """A queue of this test's own in place of ``email``; deleted afterwards."""
    name = f"test-auth-email-{uuid.uuid4().hex}"
    with Connection(AMQP_TEST_URL) as connection:
        # Declared up front, as Celery declares it, so that a test can read
        # it empty when nothing was sent.
        Queue(name, Exchange(name), routing_key=name, durable=True)(connection.default_channel).declare()
        yield name
        connection.default_channel.queue_delete(name)
        connection.default_channel.exchange_delete(name)


@pytest.fixture
def settings(engine, keys_dir, email_queue) -> Settings:
    return Settings(
        environment="test",
        database_url=engine.url.render_as_string(hide_password=False),
        redis_url=AUTH_REDIS_URL,
        amqp_url=AMQP_TEST_URL,
        keys_dir=keys_dir,
        security_code_queue=email_queue,
    )


@pytest.fixture
def app(settings, db, redis_client):
    app = create_app(settings)

    def test_session() -> Iterator[Session]:
        yield db
        # Drop what a failed request left uncommitted; commits are savepoints
        # of the test's transaction and stay until the test ends.
        db.rollback()

    app.dependency_overrides[get_db] = test_session
    yield app
    app.state.celery.close()
    app.state.redis.close()


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    # https, because the session cookie is Secure.
    with TestClient(app, base_url="https://testserver") as client:
        yield client
