"""Fixtures of the reporting tests: the cp_test_reporting database, settings, an API client, queues."""

import uuid
import warnings
from collections.abc import Iterator

import pytest
from starlette.exceptions import StarletteDeprecationWarning
from kombu import Connection, Exchange, Queue
from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session

from cp_common.db import make_session_factory
from cp_reporting.app import create_app
from cp_reporting.database import get_session
from cp_reporting.documents.models import Document
from cp_reporting.settings import Settings
from cp_reporting.summaries.models import DossierSummary, ProcessedEvent
from tests.conftest import AMQP_TEST_URL, migrated_engine, rollback_session

# Starlette 1.10 warns that its TestClient will move from httpx to httpx2,
# which is not installed; the client still works on httpx 0.29.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

REDIS_TEST_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture(scope="session")
def engine() -> Iterator[Engine]:
    engine = migrated_engine("cp_test_reporting", "cp_reporting.migrations")
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine) -> Iterator[Session]:
    yield from rollback_session(engine)


@pytest.fixture
def committing_session_factory(engine):
    """Sessions that really commit, for code under test that opens its own sessions.

    Tests that use it remove their rows with ``delete_rows`` afterwards.
    """
    return make_session_factory(engine)


def delete_rows(engine: Engine, *, dossier_ids=(), document_ids=(), event_ids=()) -> None:
    with make_session_factory(engine)() as cleanup:
        cleanup.execute(delete(Document).where(Document.id.in_(list(document_ids))))
        cleanup.execute(delete(DossierSummary).where(DossierSummary.dossier_id.in_(list(dossier_ids))))
        cleanup.execute(delete(ProcessedEvent).where(ProcessedEvent.event_id.in_(list(event_ids))))
        cleanup.commit()


@pytest.fixture
def pdf_queue() -> Iterator[str]:
    """A Celery queue of this test only, in place of ``pdf``; deleted afterwards with its exchange."""
    name = f"pdf.test-{uuid.uuid4().hex}"
    yield name
    with Connection(AMQP_TEST_URL) as connection:
        channel = connection.default_channel
        Queue(name, Exchange(name), routing_key=name)(channel).delete()
        Exchange(name)(channel).delete()


@pytest.fixture
def settings(engine, keys_dir, pdf_queue) -> Settings:
    return Settings(
        environment="test",
        database_url=engine.url.render_as_string(hide_password=False),
        keys_dir=keys_dir,
        amqp_url=AMQP_TEST_URL,
        redis_url=REDIS_TEST_URL,
        pdf_queue=pdf_queue,
    )


@pytest.fixture
def app(settings):
    return create_app(settings)


@pytest.fixture
def client(app, session) -> Iterator[TestClient]:
    """An API client whose requests share the test's rollback session."""
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def organisation_id() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture
def headers_for(user_token_factory):
    """Identity headers of a creditor user of the given organisation, as the gateway sets them."""

    def make(organisation_id: uuid.UUID | None, **token_options) -> dict[str, str]:
        return {"X-Identity-Token": user_token_factory(organisation_id, **token_options)}

    return make


@pytest.fixture
def unused_port() -> int:
    """A port on 127.0.0.1 that nothing listens on, for a broker or server that is down."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
