"""The local SMTP sink (cp_local.mailsink): storing mail and reading security codes back."""

import os
import signal
import smtplib
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from cp_local.mailsink import (
    MaildirHandler,
    extract_security_code,
    latest_message,
    wait_for_message,
)
from cp_notifications.security_code.tasks import send_security_code
from cp_notifications.worker import WorkerContext, use_context
from tests.notifications.conftest import free_port

REPO_ROOT = Path(__file__).resolve().parents[2]


def make_message(recipient: str, subject: str, text: str, *, encoding: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Opdrachtgeversportaal <no-reply@vanderberg-incasso.example>"
    message["To"] = recipient
    message["Subject"] = subject
    message.set_content(text, cte=encoding)
    return message


def send(port: int, message: EmailMessage) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=5) as connection:
        connection.send_message(message)


@pytest.fixture
def maildir(tmp_path) -> Path:
    return tmp_path / "mail"


@pytest.fixture
def sink_port(maildir) -> Iterator[int]:
    """The sink's handler in an aiosmtpd server inside the test process."""
    port = free_port()
    controller = Controller(MaildirHandler(maildir), hostname="127.0.0.1", port=port, server_hostname="mailsink.localhost")
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


class TestLatestMessage:
    def test_empty_maildir(self, maildir):
        assert latest_message(maildir) is None
        assert latest_message(maildir / "missing") is None

    def test_stores_readable_eml(self, maildir, sink_port):
        send(sink_port, make_message("jan@example.nl", "Eerste", "Code:\n\n    123456\n", encoding="quoted-printable"))

        files = list(maildir.glob("*.eml"))
        assert len(files) == 1
        content = files[0].read_bytes()
        assert content.startswith(b"X-MailFrom: no-reply@vanderberg-incasso.example\r\nX-RcptTo: jan@example.nl\r\n")
        assert b"\r\nSubject: Eerste\r\n" in content
        assert files[0].name.startswith(datetime.now(UTC).strftime("%Y%m%dT"))

    def test_newest_and_by_recipient(self, maildir, sink_port):
        send(sink_port, make_message("jan@example.nl", "Voor Jan", "één keer\n\n    111111\n", encoding="quoted-printable"))
        send(sink_port, make_message("Els@Example.nl", "Voor Els", "één keer\n\n    222222\n", encoding="base64"))

        newest = latest_message(maildir)
        for_jan = latest_message(maildir, "JAN@example.nl")
        for_els = latest_message(maildir, "els@example.nl")

        assert newest["Subject"] == "Voor Els"
        assert for_jan["Subject"] == "Voor Jan"
        assert extract_security_code(for_jan) == "111111"
        assert extract_security_code(for_els) == "222222"
        assert latest_message(maildir, "piet@example.nl") is None

    def test_since(self, maildir, sink_port):
        send(sink_port, make_message("jan@example.nl", "Oud", "    111111\n", encoding="7bit"))
        after_first = datetime.now(UTC)
        time.sleep(0.01)

        assert latest_message(maildir, "jan@example.nl", since=after_first) is None

        send(sink_port, make_message("jan@example.nl", "Nieuw", "    222222\n", encoding="7bit"))
        assert latest_message(maildir, "jan@example.nl", since=after_first)["Subject"] == "Nieuw"

    def test_wait_times_out(self, maildir):
        with pytest.raises(TimeoutError, match="no message for jan@example.nl"):
            wait_for_message(maildir, "jan@example.nl", timeout=0.3, interval=0.1)


class TestExtractSecurityCode:
    def test_code_line_wins_over_other_digits(self):
        message = make_message("jan@example.nl", "Code", "Dossier 987654 is bijgewerkt.\n\n  345678  \n", encoding="7bit")

        assert extract_security_code(message) == "345678"

    def test_html_only(self):
        message = EmailMessage()
        message["Subject"] = "Code"
        message.set_content('<p style="font-size:32px">654321</p>', subtype="html", cte="base64")

        assert extract_security_code(message) == "654321"

    def test_longer_numbers_ignored(self):
        message = make_message("jan@example.nl", "Geen code", "Bel 0201234567 of 12345.\n", encoding="7bit")

        with pytest.raises(ValueError, match="no 6-digit security code"):
            extract_security_code(message)


def test_reads_task_mail(maildir, sink_port, api_settings):
    """What the end-to-end tests do: the worker's mail, read back from the sink."""
    context = WorkerContext.from_settings(api_settings.model_copy(update={"smtp_port": sink_port}))
    use_context(context)
    try:
        send_security_code.apply(
            kwargs={
                "recipient": "demo@dezeeuw.example",
                "recipient_name": "Petra de Zeeuw",
                "code": "090807",
                "expires_at": (datetime.now(UTC) + timedelta(minutes=10)).isoformat(),
                "language": "nl",
            },
            task_id=uuid.uuid4().hex,
        )
    finally:
        use_context(None)
        context.session_factory.kw["bind"].dispose()

    message = latest_message(maildir, "demo@dezeeuw.example")
    assert message["Subject"] == "Je beveiligingscode voor het opdrachtgeversportaal"
    assert extract_security_code(message) == "090807"


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"mailsink exited with {process.returncode}: {process.stderr.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"mailsink did not listen on port {port} within {timeout:g} s")


def test_command_line(maildir):
    port = free_port()
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "cp_local.mailsink"]
    server = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port), "--maildir", str(maildir)],
        cwd=REPO_ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_port(port, server)
        send(port, make_message("demo@dezeeuw.example", "Je beveiligingscode", "Code:\n\n    246810\n", encoding="base64"))
        latest = subprocess.run(
            [*command, "latest", "--to", "demo@dezeeuw.example", "--maildir", str(maildir)],
            cwd=REPO_ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=30,
        )
        nobody = subprocess.run(
            [*command, "latest", "--to", "piet@example.nl", "--maildir", str(maildir)],
            cwd=REPO_ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=30,
        )
    finally:
        server.send_signal(signal.SIGTERM)
        _, server_log = server.communicate(timeout=15)

    assert server.returncode == 0
    assert latest.returncode == 0, latest.stderr
    assert "to:      demo@dezeeuw.example" in latest.stdout
    assert "subject: Je beveiligingscode" in latest.stdout
    assert "code:    246810" in latest.stdout
    assert nobody.returncode == 1
    assert "No message for piet@example.nl" in nobody.stderr
    received_lines = [line for line in server_log.splitlines() if "mail.received" in line]
    assert len(received_lines) == 1
    assert "demo@dezeeuw.example" in received_lines[0]
    assert "Je beveiligingscode" in received_lines[0]
    assert "246810" not in server_log
