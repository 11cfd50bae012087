"""SMTP sink for the local run: keeps every message it receives as an .eml file.

Serve (what ``make run`` starts)::

    python -m cp_local.mailsink --host 127.0.0.1 --port 1025 --maildir var/mail

Read the newest security code::

    python -m cp_local.mailsink latest --to demo@dezeeuw.example

Each message is stored as ``<UTC time>-<random>.eml`` with the envelope
sender and recipients added as ``X-MailFrom`` and ``X-RcptTo`` headers, so a
person can open it in a mail program and the end-to-end tests can read the
code with ``latest_message`` and ``extract_security_code``. Nothing is relayed.
"""

import argparse
import asyncio
import logging
import re
import secrets
import signal
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses
from html.parser import HTMLParser
from pathlib import Path

import structlog
from aiosmtpd.smtp import SMTP, Envelope, Session

from cp_common.formatting import DISPLAY_TIMEZONE
from cp_common.logs import configure_logging

logger = structlog.get_logger("cp_local.mailsink")

DEFAULT_MAILDIR = Path("var/mail")
SERVER_HOSTNAME = "mailsink.localhost"
# File names start with the receiving time, so sorting them sorts by time.
FILE_TIME_FORMAT = "%Y%m%dT%H%M%S.%fZ"
FILE_TIME_LENGTH = len("20261204T140500.000000Z")

CODE_LINE = re.compile(r"^\s*(\d{6})\s*$", re.MULTILINE)
CODE_ANYWHERE = re.compile(r"(?<!\d)(\d{6})(?!\d)")


class MaildirHandler:
    """aiosmtpd handler that writes each accepted message into ``maildir``."""

    def __init__(self, maildir: Path):
        self.maildir = maildir

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        path = store_message(self.maildir, content, mail_from=envelope.mail_from or "", recipients=envelope.rcpt_tos)
        message = _parse_headers(path)
        logger.info(
            "mail.received",
            recipients=", ".join(envelope.rcpt_tos),
            subject=str(message.get("Subject", "")),
            file=path.name,
        )
        return "250 Message accepted for delivery"


def store_message(
    maildir: Path,
    content: bytes,
    *,
    mail_from: str,
    recipients: list[str],
    received_at: datetime | None = None,
) -> Path:
    """Write one message into ``maildir`` and return its path.

    The file appears under its final name only when complete, so a reader
    never sees half a message.
    """
    received_at = received_at or datetime.now(UTC)
    maildir.mkdir(parents=True, exist_ok=True)
    name = f"{received_at.astimezone(UTC).strftime(FILE_TIME_FORMAT)}-{secrets.token_hex(3)}.eml"
    envelope_headers = f"X-MailFrom: {mail_from}\r\nX-RcptTo: {', '.join(recipients)}\r\n".encode()

    partial = maildir / f".{name}.part"
    partial.write_bytes(envelope_headers + content)
    path = maildir / name
    partial.rename(path)
    return path


def received_at(path: Path) -> datetime:
    """Return when the sink received the message stored at ``path``."""
    return datetime.strptime(path.name[:FILE_TIME_LENGTH], FILE_TIME_FORMAT).replace(tzinfo=UTC)


def latest_message(
    maildir: Path | str = DEFAULT_MAILDIR,
    recipient: str | None = None,
    *,
    since: datetime | None = None,
) -> EmailMessage | None:
    """Return the newest message in ``maildir``, or None if there is none.

    With ``recipient``, only messages addressed to it (envelope or To/Cc,
    case-insensitive) count; with ``since``, only those received at or after
    that aware datetime.
    """
    path = latest_message_path(maildir, recipient, since=since)
    return read_message(path) if path is not None else None


def read_message(path: Path) -> EmailMessage:
    with path.open("rb") as file:
        return BytesParser(policy=policy.default).parse(file)


def latest_message_path(
    maildir: Path | str = DEFAULT_MAILDIR,
    recipient: str | None = None,
    *,
    since: datetime | None = None,
) -> Path | None:
    for path in _newest_first(Path(maildir)):
        if since is not None and received_at(path) < since:
            return None
        if recipient is None or recipient.casefold() in _recipients(_parse_headers(path)):
            return path
    return None


def wait_for_message(
    maildir: Path | str = DEFAULT_MAILDIR,
    recipient: str | None = None,
    *,
    since: datetime | None = None,
    timeout: float = 30.0,
    interval: float = 0.2,
) -> EmailMessage:
    """Poll ``maildir`` until ``latest_message`` finds a message; raise TimeoutError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        message = latest_message(maildir, recipient, since=since)
        if message is not None:
            return message
        if time.monotonic() >= deadline:
            raise TimeoutError(f"no message for {recipient or 'anyone'} arrived in {maildir} within {timeout:g} s")
        time.sleep(interval)


def extract_security_code(message: EmailMessage) -> str:
    """Return the 6-digit security code in the message's text.

    The plain text part is read first, then the HTML part; a code on a line
    of its own wins over digits elsewhere. Raises ValueError if there is none.
    """
    for text in _readable_texts(message):
        for pattern in (CODE_LINE, CODE_ANYWHERE):
            match = pattern.search(text)
            if match:
                return match.group(1)
    raise ValueError(f"no 6-digit security code in the message {message.get('Subject', '')!r}")


def _readable_texts(message: EmailMessage) -> Iterator[str]:
    plain = message.get_body(preferencelist=("plain",))
    if plain is not None:
        # get_content() undoes quoted-printable and base64 and decodes the charset.
        yield plain.get_content()
    html = message.get_body(preferencelist=("html",))
    if html is not None:
        yield _html_to_text(html.get_content())


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def handle_data(self, data: str) -> None:
        self.lines.append(data)


def _html_to_text(html: str) -> str:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return "\n".join(collector.lines)


def _newest_first(maildir: Path) -> list[Path]:
    if not maildir.is_dir():
        return []
    return sorted(maildir.glob("*.eml"), key=lambda path: path.name, reverse=True)


def _parse_headers(path: Path) -> EmailMessage:
    with path.open("rb") as file:
        return BytesParser(policy=policy.default).parse(file, headersonly=True)


def _recipients(message: EmailMessage) -> set[str]:
    values = [str(value) for name in ("X-RcptTo", "To", "Cc") for value in message.get_all(name, [])]
    return {address.casefold() for _, address in getaddresses(values) if address}


async def serve(host: str, port: int, maildir: Path) -> None:
    """Accept mail on ``host:port`` until SIGINT or SIGTERM."""
    loop = asyncio.get_running_loop()
    handler = MaildirHandler(maildir)
    maildir.mkdir(parents=True, exist_ok=True)
    server = await loop.create_server(
        lambda: SMTP(handler, hostname=SERVER_HOSTNAME, enable_SMTPUTF8=True, loop=loop), host, port
    )

    stopping = asyncio.Event()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stopping.set)
    logger.info("mailsink.started", host=host, port=port, maildir=str(maildir))

    await stopping.wait()
    server.close()
    await server.wait_closed()
    logger.info("mailsink.stopped")


def print_latest(maildir: Path, recipient: str | None) -> int:
    path = latest_message_path(maildir, recipient)
    if path is None:
        target = f" for {recipient}" if recipient else ""
        print(f"No message{target} in {maildir}.", file=sys.stderr)
        return 1

    message = read_message(path)
    try:
        code = extract_security_code(message)
    except ValueError:
        code = "(none in this message)"
    moment = received_at(path).astimezone(DISPLAY_TIMEZONE).strftime("%Y-%m-%d %H:%M:%S")
    print(f"file:    {path}")
    print(f"to:      {message.get('To', '')}")
    print(f"subject: {message.get('Subject', '')}")
    print(f"time:    {moment} (Europe/Amsterdam)")
    print(f"code:    {code}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cp_local.mailsink",
        description="Local SMTP sink: stores received mail as .eml files; `latest` shows the newest security code.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=1025, help="TCP port to listen on (default 1025)")
    parser.add_argument(
        "--maildir", type=Path, default=DEFAULT_MAILDIR, help="folder for the .eml files (default var/mail)"
    )
    commands = parser.add_subparsers(dest="command")
    latest = commands.add_parser("latest", help="print the newest message's recipient, subject, time and security code")
    latest.add_argument("--to", dest="recipient", help="only messages to this email address")
    latest.add_argument(
        "--maildir", type=Path, default=argparse.SUPPRESS, help="folder of the .eml files (default var/mail)"
    )
    arguments = parser.parse_args(argv)

    if arguments.command == "latest":
        return print_latest(arguments.maildir, arguments.recipient)

    configure_logging("mailsink")
    # aiosmtpd logs every SMTP command at INFO; one line per message is enough.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    asyncio.run(serve(arguments.host, arguments.port, arguments.maildir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
