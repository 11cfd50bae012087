"""The notifications migrations on PostgreSQL and SQLite, and the migrate command."""

import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select

from cp_common.migrations import upgrade_to_head
from cp_notifications.deliveries.models import Delivery
from cp_notifications.models import Base
from cp_notifications.security_code.tasks import send_security_code
from cp_notifications.worker import WorkerContext, use_context

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_models_match_migrations(notifications_engine):
    with notifications_engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)

    assert differences == []


def test_migrate_command_on_sqlite(tmp_path):
    database = tmp_path / "db" / "notifications.sqlite3"
    environment = {**os.environ, "CP_NOTIFICATIONS_DATABASE_URL": f"sqlite:///{database}"}

    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-m", "cp_notifications", "migrate"],
            cwd=REPO_ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr

    assert "database.migrated" in result.stderr
    assert database.exists()


def test_task_on_sqlite(tmp_path, settings, smtp_server):
    url = f"sqlite:///{tmp_path / 'notifications.sqlite3'}"
    upgrade_to_head("cp_notifications.migrations", url)
    context = WorkerContext.from_settings(settings.model_copy(update={"database_url": url}))
    use_context(context)
    task_id = uuid.uuid4().hex
    arguments = {
        "recipient": "jan@example.nl",
        "recipient_name": "Jan",
        "code": "112233",
        "expires_at": (datetime.now(UTC) + timedelta(minutes=10)).isoformat(),
        "language": "nl",
    }
    try:
        first = send_security_code.apply(kwargs=arguments, task_id=task_id)
        second = send_security_code.apply(kwargs=arguments, task_id=task_id)
        with context.session_factory() as session:
            delivery = session.scalars(select(Delivery).where(Delivery.task_id == task_id)).one()
        columns = {column["name"] for column in inspect(context.session_factory.kw["bind"]).get_columns("deliveries")}
    finally:
        use_context(None)
        context.session_factory.kw["bind"].dispose()

    assert first.result == "sent"
    assert second.result == "skipped"
    assert delivery.status == "sent"
    assert delivery.sent_at.tzinfo is not None
    assert len(smtp_server.received) == 1
    assert columns == {
        "id", "task_id", "template", "recipient", "status", "attempts", "last_error", "created_at", "sent_at",
    }
