"""Send a message over SMTP and sort failures into transient and permanent ones."""

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from cp_notifications.settings import Settings


class MailDeliveryError(Exception):
    """The SMTP server did not accept the message.

    ``transient`` is true when a later attempt may succeed, because the server
    was unreachable or replied with a 4xx code. A 5xx reply is permanent.
    """

    def __init__(self, reason: str, *, transient: bool):
        super().__init__(reason)
        self.reason = reason
        self.transient = transient


@dataclass(frozen=True)
class SmtpMailer:
    host: str
    port: int
    timeout: float
    starttls: bool = False
    ca_file: Path | None = None
    username: str | None = None
    password: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> "SmtpMailer":
        return cls(
            host=settings.smtp_host,
            port=settings.smtp_port,
            timeout=settings.smtp_timeout,
            starttls=settings.smtp_starttls,
            ca_file=settings.smtp_ca_file,
            username=settings.smtp_username,
            password=settings.smtp_password.get_secret_value() if settings.smtp_password else None,
        )

    def send(self, message: EmailMessage) -> None:
        """Deliver ``message`` to its recipients; raise ``MailDeliveryError`` if the server does not take it."""
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as connection:
                if self.starttls:
                    connection.starttls(context=ssl.create_default_context(cafile=self.ca_file))
                if self.username is not None and self.password is not None:
                    connection.login(self.username, self.password)
                connection.send_message(message)
        except (smtplib.SMTPException, OSError) as error:
            raise classify_error(error) from error


def classify_error(error: smtplib.SMTPException | OSError) -> MailDeliveryError:
    # smtplib's exceptions derive from OSError, so they are sorted first.
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return MailDeliveryError(f"SMTP server disconnected: {error}", transient=True)

    if isinstance(error, smtplib.SMTPConnectError):
        reply = _reply(error.smtp_code, error.smtp_error)
        return MailDeliveryError(f"SMTP server refused the connection: {reply}", transient=True)

    if isinstance(error, smtplib.SMTPRecipientsRefused):
        replies = list(error.recipients.values())
        text = "; ".join(_reply(code, reply) for code, reply in replies)
        transient = all(_is_temporary(code) for code, _ in replies)
        return MailDeliveryError(f"SMTP server rejected the recipient: {text}", transient=transient)

    if isinstance(error, smtplib.SMTPAuthenticationError):
        reply = _reply(error.smtp_code, error.smtp_error)
        return MailDeliveryError(f"SMTP login failed: {reply}", transient=_is_temporary(error.smtp_code))

    if isinstance(error, smtplib.SMTPResponseException):
        reply = _reply(error.smtp_code, error.smtp_error)
        return MailDeliveryError(f"SMTP server rejected the message: {reply}", transient=_is_temporary(error.smtp_code))

    if isinstance(error, smtplib.SMTPException):
        # For example STARTTLS or AUTH not offered: a configuration problem.
        return MailDeliveryError(f"SMTP session failed: {error}", transient=False)

    if isinstance(error, ssl.SSLCertVerificationError):
        return MailDeliveryError(f"SMTP server certificate is not trusted: {error.verify_message}", transient=False)

    return MailDeliveryError(f"SMTP server unreachable: {type(error).__name__}: {error}", transient=True)


def _is_temporary(code: int) -> bool:
    return 400 <= code < 500


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return f"{code} {text}"
