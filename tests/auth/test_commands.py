"""The command line, the migrations on both databases, demo data and settings."""

import os
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from pydantic import ValidationError

from cp_auth.__main__ import main
from cp_auth.demo import read_demo_file, seed_demo
from cp_auth.models import Base
from cp_auth.settings import Settings
from cp_auth.user import repository as user_repository
from cp_auth.user.passwords import verify_password
from cp_common.identity import IDENTITY_HEADER, IdentityVerifier
from tests.auth.conftest import AUTH_REDIS_URL
from tests.auth.helpers import log_in

REPO_ROOT = Path(__file__).resolve().parents[2]
DEMO_FILE = REPO_ROOT / "deploy" / "local" / "demo.json"


def run_command(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "CP_AUTH_DATABASE_URL": f"sqlite:///{tmp_path / 'auth.sqlite3'}",
        "CP_AUTH_KEYS_DIR": str(tmp_path / "keys"),
        "CP_AUTH_REDIS_URL": AUTH_REDIS_URL,
    }
    return subprocess.run(
        [sys.executable, "-m", "cp_auth", *arguments], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )


def test_commands_on_sqlite(tmp_path, redis_client):
    migrate = run_command(tmp_path, "migrate")
    assert migrate.returncode == 0, migrate.stderr

    first = run_command(tmp_path, "seed-demo", str(DEMO_FILE))
    second = run_command(tmp_path, "seed-demo", str(DEMO_FILE))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "demo data loaded: 8 created, 0 updated"
    assert second.stdout.strip() == "demo data loaded: 0 created, 0 updated"

    blocked = run_command(tmp_path, "block-user", "Demo@HetAnker.example", "--reason", "Gemeld door de klant")
    assert blocked.returncode == 0, blocked.stderr
    with sqlite3.connect(tmp_path / "auth.sqlite3") as connection:
        reason = connection.execute(
            "SELECT blocked_reason FROM users WHERE email = 'demo@hetanker.example'"
        ).fetchone()[0]
        kinds = [row[0] for row in connection.execute("SELECT kind FROM login_events")]
    assert reason == "Gemeld door de klant"
    assert kinds == ["account_blocked"]


@pytest.fixture
def command_env(tmp_path, monkeypatch) -> Path:
    """Settings for running ``main`` in this process against a migrated SQLite file."""
    monkeypatch.setenv("CP_AUTH_DATABASE_URL", f"sqlite:///{tmp_path / 'auth.sqlite3'}")
    monkeypatch.setenv("CP_AUTH_KEYS_DIR", str(tmp_path / "keys"))
    monkeypatch.setenv("CP_AUTH_REDIS_URL", AUTH_REDIS_URL)
    assert main(["migrate"]) == 0
    return tmp_path


def test_block_unknown_email(command_env, capsys):
    assert main(["block-user", "nobody@example.test", "--reason", "x"]) == 1
    assert "nobody@example.test" in capsys.readouterr().err


def test_block_with_empty_reason(command_env):
    with pytest.raises(SystemExit) as exit_info:
        main(["block-user", "demo@hetanker.example", "--reason", " "])
    assert exit_info.value.code == 2


def test_seed_demo_missing_file(command_env, capsys):
    assert main(["seed-demo", str(command_env / "missing.json")]) == 2
    assert "missing.json" in capsys.readouterr().err


def test_ensure_keys(command_env):
    assert main(["ensure-keys"]) == 0
    assert (command_env / "keys" / "auth.key.pem").exists()
    assert (command_env / "keys" / "auth.pub.pem").exists()


def test_migration_matches_models(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = compare_metadata(context, Base.metadata)

    assert differences == []


class TestSeedDemo:
    def test_seed_twice_changes_nothing(self, db):
        demo = read_demo_file(DEMO_FILE)

        first = seed_demo(db, demo)
        second = seed_demo(db, demo)

        assert (first.created, first.updated) == (8, 0)
        assert (second.created, second.updated) == (0, 0)

    def test_demo_user_logs_in_with_file_organisation(self, client, db, email_queue, public_keys):
        demo = read_demo_file(DEMO_FILE)
        seed_demo(db, demo)
        organisation = demo.organisations[0]
        demo_user = organisation.users[0]

        log_in(client, email_queue, demo_user.email, demo_user.password)
        response = client.get("/internal/verify")

        identity = IdentityVerifier(public_keys).verify(response.headers[IDENTITY_HEADER])
        assert identity.organisation_id == organisation.id
        assert identity.roles == frozenset(role.value for role in demo_user.roles)

    def test_seed_updates_changed_name_and_password(self, db):
        demo = read_demo_file(DEMO_FILE)
        seed_demo(db, demo)
        staff = demo.staff[0].model_copy(update={"password": "Nieuw-wachtwoord-2027", "name": "Fraudeteam Noord"})
        changed = demo.model_copy(update={"staff": [staff, *demo.staff[1:]]})

        result = seed_demo(db, changed)

        assert (result.created, result.updated) == (0, 1)
        user = user_repository.get_by_email(db, staff.email)
        assert user.name == "Fraudeteam Noord"
        assert user.organisation_id is None
        assert verify_password(user.password_hash, "Nieuw-wachtwoord-2027")

    def test_seed_keeps_file_organisation_ids(self, db):
        demo = read_demo_file(DEMO_FILE)

        seed_demo(db, demo)

        for organisation in demo.organisations:
            user = user_repository.get_by_email(db, organisation.users[0].email)
            assert user.organisation_id == organisation.id
            assert user.organisation.name == organisation.name


class TestSettings:
    def test_defaults(self, monkeypatch):
        for name in list(os.environ):
            if name.startswith("CP_AUTH_"):
                monkeypatch.delenv(name)

        settings = Settings()

        assert settings.database_url == "sqlite:///var/db/auth.sqlite3"
        assert settings.cookie_secure is True
        assert settings.session_lifetime == timedelta(hours=8)
        assert settings.session_idle_timeout == timedelta(minutes=30)
        assert settings.login_code_lifetime == timedelta(minutes=10)
        assert settings.security_code_queue == "email"

    def test_environment_prefix(self, monkeypatch):
        monkeypatch.setenv("CP_AUTH_SESSION_LIFETIME", "PT4H")
        monkeypatch.setenv("CP_AUTH_LOCKOUT_MAX_FAILURES", "3")

        settings = Settings()

        assert settings.session_lifetime == timedelta(hours=4)
        assert settings.lockout_max_failures == 3

    def test_insecure_cookie_refused_in_production(self):
        with pytest.raises(ValidationError, match="cookie_secure"):
            Settings(environment="production", database_url="postgresql+psycopg://db/auth", cookie_secure=False)

    def test_cache_longer_than_thirty_seconds_refused(self):
        with pytest.raises(ValidationError):
            Settings(session_cache_ttl=timedelta(seconds=31))

    def test_touch_interval_within_idle_timeout(self):
        with pytest.raises(ValidationError, match="session_touch_interval"):
            Settings(session_touch_interval=timedelta(minutes=30))
