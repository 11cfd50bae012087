"""Fixtures of the dossiers tests: a PostgreSQL database built by the service's
migrations, a rolled-back session per test, and the app bound to that session."""

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from cp_dossiers.app import create_app
from cp_dossiers.database import get_session
from cp_dossiers.settings import Settings
from tests.conftest import migrated_engine, rollback_session

DATABASE_NAME = "cp_test_dossiers"
MIGRATIONS = "cp_dossiers.migrations"


@pytest.fixture(scope="session")
def engine() -> Iterator[Engine]:
    engine = migrated_engine(DATABASE_NAME, MIGRATIONS)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine) -> Iterator[Session]:
    yield from rollback_session(engine)


@pytest.fixture
def app(session, engine, keys_dir) -> Iterator[FastAPI]:
    settings = Settings(
        environment="test",
        database_url=engine.url.render_as_string(hide_password=False),
        keys_dir=keys_dir,
    )
    app = create_app(settings)
    app.dependency_overrides[get_session] = lambda: session
    yield app
    app.state.engine.dispose()


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client
