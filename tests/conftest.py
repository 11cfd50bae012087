"""Fixtures every test package shares: real PostgreSQL databases and keys.

Tests run against the servers `make test` starts: PostgreSQL on
127.0.0.1:5432, Redis on 6379 and RabbitMQ on 5672. Each service's tests
get a database of their own, built by that service's migrations.
"""

import atexit
import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from cp_common.db import make_engine
from cp_common.identity import Role, sign_service_token, sign_user_token
from cp_common.keys import ensure_key_pair, load_private_key, load_public_keys
from cp_common.migrations import upgrade_to_head

POSTGRES_ADMIN_URL = os.environ.get("CP_TEST_POSTGRES_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
POSTGRES_URL_TEMPLATE = os.environ.get(
    "CP_TEST_POSTGRES_TEMPLATE", "postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
)
REDIS_TEST_URL = os.environ.get("CP_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
AMQP_TEST_URL = os.environ.get("CP_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//")


# Databases carry the test run's process id, so that two runs on one machine
# never drop each other's databases.
RUN_SUFFIX = f"_run{os.getpid()}"
_created_databases: list[str] = []


def create_fresh_database(name: str) -> str:
    """Create database ``name`` for this test run; return its SQLAlchemy URL.

    The database is dropped when the run ends.
    """
    full_name = name + RUN_SUFFIX
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{full_name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{full_name}"')
    if full_name not in _created_databases:
        _created_databases.append(full_name)
    return POSTGRES_URL_TEMPLATE.format(name=full_name)


@atexit.register
def _drop_created_databases() -> None:
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        for name in _created_databases:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _drop_databases_of_ended_runs() -> None:
    """Drop test databases left behind by runs whose process is gone."""
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        names = [row[0] for row in connection.execute("SELECT datname FROM pg_database WHERE datname LIKE 'cp_test_%'")]
        for name in names:
            match = re.search(r"_run(\d+)$", name)
            if match is None or not Path(f"/proc/{match.group(1)}").exists():
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_drop_databases_of_ended_runs()


def migrated_engine(name: str, migrations_package: str) -> Engine:
    """A fresh database built by the service's own migrations."""
    url = create_fresh_database(name)
    upgrade_to_head(migrations_package, url)
    return make_engine(url)


def rollback_session(engine: Engine) -> Iterator[Session]:
    """A session whose commits become savepoints, all rolled back afterwards."""
    connection = engine.connect()
    transaction = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()
        transaction.rollback()
        connection.close()


@pytest.fixture(scope="session")
def keys_dir(tmp_path_factory) -> Path:
    """Signing keys of the auth and reporting services, made for this test run."""
    folder = tmp_path_factory.mktemp("keys")
    for name in ("auth", "reporting", "dossiers", "portal"):
        ensure_key_pair(folder, name)
    return folder


@pytest.fixture(scope="session")
def public_keys(keys_dir):
    return load_public_keys(keys_dir)


@pytest.fixture(scope="session")
def user_token_factory(keys_dir):
    """Sign identity tokens as the auth service would after ForwardAuth."""
    key = load_private_key(keys_dir, "auth")

    def make(
        organisation_id: uuid.UUID | None,
        roles: frozenset[str] = frozenset({Role.CREDITOR_USER}),
        user_id: uuid.UUID | None = None,
        language: str = "nl",
    ) -> str:
        return sign_user_token(
            key,
            user_id=user_id or uuid.uuid4(),
            organisation_id=organisation_id,
            roles=roles,
            session_id=uuid.uuid4().hex,
            name="Test Gebruiker",
            language=language,
        )

    return make


@pytest.fixture(scope="session")
def service_token_factory(keys_dir):
    def make(service_name: str) -> str:
        return sign_service_token(load_private_key(keys_dir, service_name), service_name)

    return make


# The end-to-end and browser tests share one running stack per test session.
from tests.running_stack import running_stack  # noqa: E402,F401
