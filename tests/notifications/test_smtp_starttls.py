"""SmtpMailer with STARTTLS and login, as production mail servers require."""

import ipaddress
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from cp_notifications.mail.smtp import MailDeliveryError, SmtpMailer
from tests.notifications.conftest import RecordingHandler, free_port

USERNAME = "portal"
PASSWORD = "correct horse battery staple"


def write_self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """Write a certificate for 127.0.0.1 and its key; the certificate is its own CA."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "smtp.test.localhost")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=1))
        .not_valid_after(now + timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    certificate_path = folder / "smtp.pem"
    key_path = folder / "smtp.key"
    certificate_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return certificate_path, key_path


def check_login(server, session, envelope, mechanism, auth_data) -> AuthResult:
    valid = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == USERNAME.encode()
        and auth_data.password == PASSWORD.encode()
    )
    # handled=False: aiosmtpd sends its own 535 reply on failure.
    return AuthResult(success=valid, handled=False)


@pytest.fixture
def tls_server(tmp_path) -> Iterator[tuple[int, Path, RecordingHandler]]:
    certificate_path, key_path = write_self_signed_certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certificate_path, key_path)
    handler = RecordingHandler()
    port = free_port()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        server_hostname="smtp.test.localhost",
        tls_context=context,
        require_starttls=True,
        auth_required=True,
        authenticator=check_login,
    )
    controller.start()
    try:
        yield port, certificate_path, handler
    finally:
        controller.stop()


def simple_message() -> EmailMessage:
    message = EmailMessage()
    message["From"] = "no-reply@vanderberg-incasso.example"
    message["To"] = "jan@example.nl"
    message["Subject"] = "Test"
    message.set_content("Hallo")
    return message


def test_starttls_and_login(tls_server):
    port, certificate_path, handler = tls_server
    mailer = SmtpMailer("127.0.0.1", port, timeout=5, starttls=True, ca_file=certificate_path,
                        username=USERNAME, password=PASSWORD)

    mailer.send(simple_message())

    assert len(handler.received) == 1
    assert handler.received[0].recipients == ["jan@example.nl"]


def test_wrong_password_is_permanent(tls_server):
    port, certificate_path, handler = tls_server
    mailer = SmtpMailer("127.0.0.1", port, timeout=5, starttls=True, ca_file=certificate_path,
                        username=USERNAME, password="wrong")

    with pytest.raises(MailDeliveryError) as failure:
        mailer.send(simple_message())

    assert failure.value.transient is False
    assert failure.value.reason.startswith("SMTP login failed: 535")
    assert handler.received == []


def test_untrusted_certificate_is_permanent(tls_server):
    port, _, handler = tls_server
    mailer = SmtpMailer("127.0.0.1", port, timeout=5, starttls=True, username=USERNAME, password=PASSWORD)

    with pytest.raises(MailDeliveryError) as failure:
        mailer.send(simple_message())

    assert failure.value.transient is False
    assert "certificate is not trusted" in failure.value.reason
    assert handler.received == []


def test_without_starttls_rejected(tls_server):
    port, _, handler = tls_server
    mailer = SmtpMailer("127.0.0.1", port, timeout=5)

    with pytest.raises(MailDeliveryError) as failure:
        mailer.send(simple_message())

    # aiosmtpd replies to MAIL before STARTTLS with 530 "Must issue a STARTTLS command first".
    assert failure.value.transient is False
    assert "530" in failure.value.reason
    assert handler.received == []
