"""The email.send_security_code task, run in-process against a real SMTP server."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from celery.exceptions import Retry
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import OperationalError

from cp_common.formatting import format_moment
from cp_notifications.deliveries.models import Delivery
from cp_notifications.security_code.tasks import TransientDeliveryError, send_security_code
from cp_notifications.worker import WorkerContext, use_context
from tests.notifications.conftest import free_port

CODE = "048213"
RECIPIENT = "petra@dezeeuw.example"


def task_arguments(**overrides) -> dict:
    arguments = {
        "recipient": RECIPIENT,
        "recipient_name": "Petra de Zeeuw",
        "code": CODE,
        "expires_at": (datetime.now(UTC) + timedelta(minutes=10)).isoformat(),
        "language": "nl",
    }
    arguments.update(overrides)
    return arguments


def run_task(task_id: str | None = None, **overrides):
    """Run the task as Celery's eager mode does, retries included."""
    return send_security_code.apply(kwargs=task_arguments(**overrides), task_id=task_id or uuid.uuid4().hex)


def run_single_attempt(task_id: str, retries: int = 0, **overrides):
    """Run one attempt the way a worker does, so a retry surfaces as ``Retry``."""
    send_security_code.push_request(id=task_id, retries=retries, is_eager=True, called_directly=False)
    try:
        return send_security_code.run(**task_arguments(**overrides))
    finally:
        send_security_code.pop_request()


def delivery_of(worker: WorkerContext, task_id: str) -> Delivery:
    with worker.session_factory() as session:
        return session.scalars(select(Delivery).where(Delivery.task_id == task_id)).one()


def body_texts(message) -> tuple[str, str]:
    """Return the decoded plain text and HTML parts, with SMTP's CRLF line ends as LF."""
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return plain.replace("\r\n", "\n"), html.replace("\r\n", "\n")


class TestSentMail:
    def test_dutch_mail(self, worker, smtp_server):
        expires_at = datetime.now(UTC) + timedelta(minutes=10)

        result = run_task(expires_at=expires_at.isoformat())

        assert result.result == "sent"
        assert len(smtp_server.received) == 1
        mail = smtp_server.received[0]
        assert mail.recipients == [RECIPIENT]
        assert mail.message["Subject"] == "Je beveiligingscode voor het opdrachtgeversportaal"
        assert mail.message["To"] == "Petra de Zeeuw <petra@dezeeuw.example>"
        assert mail.message["From"] == "Opdrachtgeversportaal <no-reply@vanderberg-incasso.example>"
        assert mail.message["Content-Language"] == "nl"
        assert mail.message["Auto-Submitted"] == "auto-generated"
        plain, html = body_texts(mail.message)
        assert plain.startswith("Beste Petra de Zeeuw,")
        assert f"\n    {CODE}\n" in plain
        assert f"geldig tot {format_moment(expires_at, 'nl')} (Nederlandse tijd)" in plain
        assert "Heb je niet geprobeerd in te loggen? Negeer dan deze e-mail" in plain
        assert f">{CODE}</p>" in html
        assert '<html lang="nl">' in html

    def test_english_mail(self, worker, smtp_server):
        expires_at = datetime.now(UTC) + timedelta(minutes=10)

        run_task(language="en", expires_at=expires_at.isoformat())

        message = smtp_server.received[0].message
        assert message["Subject"] == "Your security code for the creditor portal"
        assert message["Content-Language"] == "en"
        plain, html = body_texts(message)
        assert plain.startswith("Dear Petra de Zeeuw,")
        assert CODE in plain
        assert f"valid until {format_moment(expires_at, 'en')} (Amsterdam time)" in plain
        assert "Did you not try to log in? Then ignore this email" in plain
        assert '<html lang="en">' in html

    def test_expiry_in_amsterdam_time(self, worker, smtp_server):
        # 14:05 UTC in December is 15:05 in Amsterdam.
        now = datetime.now(UTC)
        expires_at = datetime(now.year + 1, 12, 4, 14, 5, tzinfo=UTC)

        run_task(expires_at=expires_at.isoformat())

        plain, _ = body_texts(smtp_server.received[0].message)
        assert f"geldig tot 4-12-{now.year + 1} 15:05" in plain

    def test_unknown_language_falls_back_to_dutch(self, worker, smtp_server):
        run_task(language="de")

        assert smtp_server.received[0].message["Subject"] == "Je beveiligingscode voor het opdrachtgeversportaal"

    def test_html_escapes_name(self, worker, smtp_server):
        run_task(recipient_name="<script>Jan</script>")

        plain, html = body_texts(smtp_server.received[0].message)
        assert "&lt;script&gt;Jan&lt;/script&gt;" in html
        assert "<script>" not in html
        assert plain.startswith("Beste <script>Jan</script>,")

    def test_empty_name_greets_without_name(self, worker, smtp_server):
        run_task(recipient_name="  ")

        plain, _ = body_texts(smtp_server.received[0].message)
        assert plain.startswith("Hallo,")


class TestDeliveryLog:
    def test_sent_row(self, worker, smtp_server):
        task_id = uuid.uuid4().hex

        run_task(task_id)

        delivery = delivery_of(worker, task_id)
        assert delivery.status == "sent"
        assert delivery.template == "security_code"
        assert delivery.recipient == RECIPIENT
        assert delivery.attempts == 1
        assert delivery.last_error is None
        assert delivery.sent_at is not None
        assert delivery.created_at <= delivery.sent_at

    def test_code_not_stored(self, worker, smtp_server, notifications_engine: Engine):
        smtp_server.reject("blocked@dezeeuw.example", "550 5.1.1 Mailbox unavailable")
        run_task()
        run_task(recipient="blocked@dezeeuw.example")
        run_task(expires_at=(datetime.now(UTC) - timedelta(seconds=1)).isoformat())

        with notifications_engine.connect() as connection:
            rows = connection.execute(text("SELECT row_to_json(d)::text FROM deliveries d")).scalars().all()
        assert len(rows) == 3
        for row in rows:
            assert CODE not in row

    def test_invalid_arguments_fail_without_values(self, worker, smtp_server):
        task_id = uuid.uuid4().hex

        result = run_task(task_id, code="12ab56", expires_at="morgen")

        delivery = delivery_of(worker, task_id)
        assert result.result == "failed"
        assert delivery.status == "failed"
        assert delivery.last_error == "invalid task arguments: code, expires_at"
        assert delivery.attempts == 0
        assert smtp_server.received == []

    def test_expired_code_not_sent(self, worker, smtp_server):
        task_id = uuid.uuid4().hex

        result = run_task(task_id, expires_at=(datetime.now(UTC) - timedelta(seconds=1)).isoformat())

        delivery = delivery_of(worker, task_id)
        assert result.result == "failed"
        assert delivery.status == "failed"
        assert delivery.last_error == "security code expired before it could be sent"
        assert smtp_server.received == []


class TestFailures:
    def test_permanent_rejection_not_retried(self, worker, smtp_server):
        smtp_server.reject(RECIPIENT, "550 5.1.1 Mailbox unavailable")
        task_id = uuid.uuid4().hex

        result = run_single_attempt(task_id)

        delivery = delivery_of(worker, task_id)
        assert result == "failed"
        assert delivery.status == "failed"
        assert delivery.attempts == 1
        assert "550 5.1.1 Mailbox unavailable" in delivery.last_error
        assert smtp_server.received == []

    def test_temporary_rejection_retries(self, worker, smtp_server):
        smtp_server.reject(RECIPIENT, "421 4.3.2 Service not available, try again later")
        task_id = uuid.uuid4().hex

        with pytest.raises(Retry) as retry:
            run_single_attempt(task_id)

        delivery = delivery_of(worker, task_id)
        assert isinstance(retry.value.exc, TransientDeliveryError)
        # Backoff with full jitter: between 0 and 2 seconds before the second attempt.
        assert 0 <= retry.value.when <= 2
        assert delivery.status == "queued"
        assert delivery.attempts == 1
        assert "421 4.3.2" in delivery.last_error

    def test_server_down_retries(self, settings, smtp_server):
        context = WorkerContext.from_settings(settings.model_copy(update={"smtp_port": free_port()}))
        use_context(context)
        task_id = uuid.uuid4().hex
        try:
            with pytest.raises(Retry):
                run_single_attempt(task_id)
            delivery = delivery_of(context, task_id)
        finally:
            use_context(None)
            context.session_factory.kw["bind"].dispose()

        assert delivery.status == "queued"
        assert delivery.attempts == 1
        assert "SMTP server unreachable: ConnectionRefusedError" in delivery.last_error

    def test_database_down_retries(self, settings, smtp_server):
        unreachable = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/cp_test_notifications"
        context = WorkerContext.from_settings(settings.model_copy(update={"database_url": unreachable}))
        use_context(context)
        try:
            with pytest.raises(Retry) as retry:
                run_single_attempt(uuid.uuid4().hex)
        finally:
            use_context(None)
            context.session_factory.kw["bind"].dispose()

        assert isinstance(retry.value.exc, OperationalError)
        assert smtp_server.received == []

    def test_retry_then_sent(self, worker, smtp_server):
        smtp_server.reject(RECIPIENT, "451 4.7.1 Greylisted, try again", "250 OK")
        task_id = uuid.uuid4().hex

        result = run_task(task_id)

        delivery = delivery_of(worker, task_id)
        assert result.result == "sent"
        assert delivery.status == "sent"
        assert delivery.attempts == 2
        assert delivery.last_error is None
        assert len(smtp_server.received) == 1

    def test_last_attempt_marks_failed(self, worker, smtp_server):
        smtp_server.reject(RECIPIENT, "421 4.3.2 Service not available")
        task_id = uuid.uuid4().hex

        result = run_single_attempt(task_id, retries=send_security_code.max_retries)

        delivery = delivery_of(worker, task_id)
        assert result == "failed"
        assert delivery.status == "failed"
        assert delivery.attempts == 1
        assert "421 4.3.2" in delivery.last_error


class TestIdempotence:
    def test_same_task_id_sent_once(self, worker, smtp_server):
        task_id = uuid.uuid4().hex

        first = run_task(task_id)
        second = run_task(task_id)

        delivery = delivery_of(worker, task_id)
        assert first.result == "sent"
        assert second.result == "skipped"
        assert len(smtp_server.received) == 1
        assert delivery.attempts == 1

    def test_failed_task_id_not_retried_on_redelivery(self, worker, smtp_server):
        smtp_server.reject(RECIPIENT, "550 5.1.1 Mailbox unavailable", "250 OK")
        task_id = uuid.uuid4().hex

        run_single_attempt(task_id)
        second = run_task(task_id)

        delivery = delivery_of(worker, task_id)
        assert second.result == "skipped"
        assert delivery.status == "failed"
        assert smtp_server.received == []

    def test_other_task_id_sends_again(self, worker, smtp_server):
        run_task()
        run_task()

        assert len(smtp_server.received) == 2
