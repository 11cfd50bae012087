from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from cp_notifications.mail.rendering import RenderedEmail


def build_message(
    rendered: RenderedEmail,
    *,
    sender: str,
    recipient: str,
    recipient_name: str,
    language: str,
    now: datetime,
) -> EmailMessage:
    """Assemble a plain text mail with an HTML alternative.

    Raises ``ValueError`` for a recipient address that is not a valid header value.
    """
    message = EmailMessage()
    message["From"] = sender
    message["To"] = Address(display_name=_single_line(recipient_name), addr_spec=recipient)
    message["Subject"] = rendered.subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=_domain_of(sender))
    # Marks the mail as automatic so that autoresponders do not reply to it (RFC 3834).
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(rendered.text)
    message.add_alternative(rendered.html, subtype="html")
    # After the content: set_content() drops every Content-* header set before.
    message["Content-Language"] = language
    return message


def _single_line(value: str) -> str:
    return " ".join(value.split())


def _domain_of(sender: str) -> str | None:
    _, address = parseaddr(sender)
    return address.rpartition("@")[2] or None
