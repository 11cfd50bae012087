"""Settings of the notifications service: what they reject at start-up."""

import os

import pytest
from pydantic import ValidationError

from cp_notifications.settings import Settings


@pytest.fixture(autouse=True)
def without_service_environment(monkeypatch):
    """Ignore CP_NOTIFICATIONS_* variables of the shell that runs the tests."""
    for name in list(os.environ):
        if name.startswith("CP_NOTIFICATIONS_"):
            monkeypatch.delenv(name)


def test_defaults_point_at_local_sink():
    settings = Settings()

    assert settings.smtp_host == "127.0.0.1"
    assert settings.smtp_port == 1025
    assert settings.database_url == "sqlite:///var/db/notifications.sqlite3"
    assert settings.mail_from == "Opdrachtgeversportaal <no-reply@vanderberg-incasso.example>"


def test_mail_from_without_address():
    with pytest.raises(ValidationError, match="mail_from 'Opdrachtgeversportaal' has no email address"):
        Settings(mail_from="Opdrachtgeversportaal")


def test_username_without_password():
    with pytest.raises(ValidationError, match="set both CP_NOTIFICATIONS_SMTP_USERNAME"):
        Settings(smtp_username="portal")


def test_production_login_needs_starttls():
    production = {"environment": "production", "database_url": "postgresql+psycopg://db/notifications"}

    with pytest.raises(ValidationError, match="without STARTTLS"):
        Settings(**production, smtp_username="portal", smtp_password="secret")
    assert Settings(**production, smtp_username="portal", smtp_password="secret", smtp_starttls=True).smtp_starttls


def test_read_from_environment(monkeypatch):
    monkeypatch.setenv("CP_NOTIFICATIONS_SMTP_PORT", "2525")
    monkeypatch.setenv("CP_NOTIFICATIONS_SMTP_STARTTLS", "true")

    settings = Settings()

    assert settings.smtp_port == 2525
    assert settings.smtp_starttls is True
