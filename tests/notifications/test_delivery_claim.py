"""deliveries.service.claim: one row per task id, even when two workers race."""

import threading
import uuid

import pytest
from sqlalchemy import func, select

from cp_common.db import make_session_factory
from cp_notifications.deliveries import service
from cp_notifications.deliveries.models import Delivery


@pytest.fixture
def session_factory(notifications_engine):
    return make_session_factory(notifications_engine)


def test_claim_creates_then_finds(session_factory):
    task_id = uuid.uuid4().hex

    with session_factory() as session:
        created = service.claim(session, task_id=task_id, template="security_code", recipient="jan@example.nl")
        session.commit()
    with session_factory() as session:
        found = service.claim(session, task_id=task_id, template="security_code", recipient="jan@example.nl")

    assert found.id == created.id
    assert found.status == "queued"
    assert found.attempts == 0


def test_concurrent_claim_waits_for_first(session_factory):
    """A second worker blocks on the first one's new row, then finds it sent."""
    task_id = uuid.uuid4().hex
    second_result: dict[str, object] = {}

    def claim_in_second_worker() -> None:
        with session_factory() as session:
            delivery = service.claim(session, task_id=task_id, template="security_code", recipient="jan@example.nl")
            second_result["status"] = delivery.status
            second_result["settled"] = service.is_settled(delivery)
            session.commit()

    with session_factory() as first:
        delivery = service.claim(first, task_id=task_id, template="security_code", recipient="jan@example.nl")
        second_worker = threading.Thread(target=claim_in_second_worker)
        second_worker.start()
        # The second worker's INSERT waits on the unique index until this commits.
        second_worker.join(timeout=1)
        assert second_worker.is_alive()

        service.record_attempt(delivery)
        service.mark_sent(delivery)
        first.commit()

    second_worker.join(timeout=10)
    assert not second_worker.is_alive()
    assert second_result == {"status": "sent", "settled": True}
    with session_factory() as session:
        count = session.scalar(select(func.count()).select_from(Delivery).where(Delivery.task_id == task_id))
    assert count == 1


def test_long_error_truncated(session_factory):
    with session_factory() as session:
        delivery = service.claim(session, task_id=uuid.uuid4().hex, template="security_code", recipient="jan@example.nl")
        service.mark_failed(delivery, "5" * 5000)
        session.commit()

    assert len(delivery.last_error) == service.MAX_ERROR_LENGTH
