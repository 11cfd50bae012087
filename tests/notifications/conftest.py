"""Fixtures of the notifications tests: a migrated database and a real SMTP server.

The SMTP server is aiosmtpd on 127.0.0.1 with a free port; its handler
records what it receives and can reject recipients with a chosen reply.
"""

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Engine, text

from cp_notifications.settings import Settings
from cp_notifications.worker import WorkerContext, use_context
from tests.conftest import AMQP_TEST_URL, migrated_engine

DATABASE_NAME = "cp_test_notifications"
REDIS_DATABASE = 14


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class ReceivedMail:
    mail_from: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class RecordingHandler:
    """Aiosmtpd handler that keeps every accepted message and rejects listed recipients with a chosen reply."""

    received: list[ReceivedMail] = field(default_factory=list)
    # Address -> replies to give, one per attempt; the last one repeats.
    rejections: dict[str, list[str]] = field(default_factory=dict)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        replies = self.rejections.get(address)
        if replies:
            reply = replies.pop(0) if len(replies) > 1 else replies[0]
            if reply.startswith(("4", "5")):
                return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        message = BytesParser(policy=policy.default).parsebytes(envelope.original_content)
        self.received.append(ReceivedMail(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


@dataclass
class SmtpServer:
    port: int
    handler: RecordingHandler

    @property
    def received(self) -> list[ReceivedMail]:
        return self.handler.received

    def reject(self, address: str, *replies: str) -> None:
        self.handler.rejections[address] = list(replies)


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    handler = RecordingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, server_hostname="smtp.test.localhost")
    controller.start()
    try:
        yield SmtpServer(port, handler)
    finally:
        controller.stop()


@pytest.fixture(scope="session")
def notifications_engine() -> Iterator[Engine]:
    engine = migrated_engine(DATABASE_NAME, "cp_notifications.migrations")
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def empty_delivery_log(notifications_engine: Engine) -> None:
    # The task commits, so tests cannot share one rolled-back transaction.
    with notifications_engine.begin() as connection:
        connection.execute(text("TRUNCATE deliveries"))


@pytest.fixture
def api_settings(notifications_engine: Engine, keys_dir) -> Settings:
    return Settings(
        environment="test",
        database_url=notifications_engine.url.render_as_string(hide_password=False),
        amqp_url=AMQP_TEST_URL,
        redis_url=f"redis://127.0.0.1:6379/{REDIS_DATABASE}",
        keys_dir=keys_dir,
    )


@pytest.fixture
def settings(api_settings: Settings, smtp_server: SmtpServer) -> Settings:
    """Settings of a worker that sends to the test SMTP server."""
    return api_settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": smtp_server.port, "smtp_timeout": 5.0})


@pytest.fixture
def worker(settings: Settings) -> Iterator[WorkerContext]:
    """Let in-process task runs use the test database and SMTP server."""
    context = WorkerContext.from_settings(settings)
    use_context(context)
    try:
        yield context
    finally:
        use_context(None)
        context.session_factory.kw["bind"].dispose()
