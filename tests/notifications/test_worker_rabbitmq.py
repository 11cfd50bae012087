"""The email worker as deployed: a Celery worker process fed through RabbitMQ.

The worker listens on a queue of its own, deleted afterwards, so that it
takes no task meant for another test run or the local stack.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from kombu import Connection
from sqlalchemy import select

from cp_common.tasks import make_celery
from cp_notifications.deliveries.models import Delivery
from cp_notifications.worker import WorkerContext
from tests.conftest import AMQP_TEST_URL

REPO_ROOT = Path(__file__).resolve().parents[2]
DEADLINE_SECONDS = 60


@pytest.fixture
def queue_name() -> Iterator[str]:
    name = f"email-test-{uuid.uuid4().hex[:12]}"
    yield name
    with Connection(AMQP_TEST_URL) as connection:
        connection.default_channel.queue_delete(name)


@pytest.fixture
def worker_process(settings, queue_name, tmp_path) -> Iterator[Path]:
    """Start ``celery worker`` on the test queue; yield the path of its log."""
    log_path = tmp_path / "worker.log"
    environment = {
        **os.environ,
        "CP_NOTIFICATIONS_ENVIRONMENT": "test",
        "CP_NOTIFICATIONS_DATABASE_URL": settings.database_url,
        "CP_NOTIFICATIONS_AMQP_URL": AMQP_TEST_URL,
        "CP_NOTIFICATIONS_SMTP_HOST": settings.smtp_host,
        "CP_NOTIFICATIONS_SMTP_PORT": str(settings.smtp_port),
    }
    command = [
        sys.executable, "-m", "celery", "-A", "cp_notifications.worker", "worker",
        "-Q", queue_name, "--concurrency", "1", "--without-gossip", "--without-mingle",
        "--hostname", f"{queue_name}@%h", "--loglevel", "INFO",
    ]
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
        try:
            yield log_path
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def test_task_sent_by_name(settings, smtp_server, worker_process, queue_name):
    task_id = uuid.uuid4().hex
    sender = make_celery("cp-notifications-tests", AMQP_TEST_URL)
    try:
        sender.send_task(
            "email.send_security_code",
            kwargs={
                "recipient": "demo@dezeeuw.example",
                "recipient_name": "Petra de Zeeuw",
                "code": "135790",
                "expires_at": (datetime.now(UTC) + timedelta(minutes=10)).isoformat(),
                "language": "nl",
            },
            task_id=task_id,
            queue=queue_name,
        )
    finally:
        sender.close()

    context = WorkerContext.from_settings(settings)
    try:
        delivery = wait_for_sent(context, task_id)
    finally:
        context.session_factory.kw["bind"].dispose()

    worker_log = worker_process.read_text()
    assert delivery is not None, f"no sent delivery within {DEADLINE_SECONDS} s; worker log:\n{worker_log}"
    assert len(smtp_server.received) == 1
    assert smtp_server.received[0].recipients == ["demo@dezeeuw.example"]
    assert "email.sent" in worker_log
    assert "135790" not in worker_log


def wait_for_sent(context: WorkerContext, task_id: str) -> Delivery | None:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        with context.session_factory() as session:
            delivery = session.scalars(select(Delivery).where(Delivery.task_id == task_id)).one_or_none()
        if delivery is not None and delivery.status == "sent":
            return delivery
        time.sleep(0.5)
    return None
