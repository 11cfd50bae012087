"""The two login steps: password, then the emailed security code."""

import logging
import statistics
import time
import uuid
from datetime import datetime

import pyotp
from sqlalchemy import select, text

from cp_auth.app import create_app
from cp_auth.dependencies import get_db
from cp_auth.login_event.models import LoginEvent, LoginEventKind
from cp_auth.models import Base
from cp_auth.session.models import UserSession
from cp_auth.session.tokens import hash_token
from tests.auth.conftest import TestClient
from tests.auth.helpers import (
    PASSWORD,
    create_organisation,
    create_user,
    log_in,
    read_sent_codes,
    start_login,
)


def login_event_kinds(db, email: str) -> list[str]:
    return list(db.scalars(select(LoginEvent.kind).where(LoginEvent.email == email).order_by(LoginEvent.id)))


class TestPasswordStep:
    def test_correct_password_sends_code(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db), email="petra@dezeeuw.example", language="en")

        response = client.post("/api/auth/login", json={"email": "  Petra@DeZeeuw.example ", "password": PASSWORD})

        assert response.status_code == 200
        body = response.json()
        assert set(body) == {"attempt_id", "expires_at", "code_length"}
        assert body["code_length"] == 6
        uuid.UUID(body["attempt_id"])

        sent = read_sent_codes(email_queue)
        assert len(sent) == 1
        assert sent[0].task == "email.send_security_code"
        assert set(sent[0].kwargs) == {"recipient", "recipient_name", "code", "expires_at", "language"}
        assert sent[0].kwargs["recipient"] == "petra@dezeeuw.example"
        assert sent[0].kwargs["recipient_name"] == user.name
        assert sent[0].kwargs["language"] == "en"
        assert len(sent[0].kwargs["code"]) == 6
        assert sent[0].kwargs["code"].isdigit()
        assert datetime.fromisoformat(sent[0].kwargs["expires_at"]) == datetime.fromisoformat(body["expires_at"])
        assert sent[0].kwargs["code"] not in str(sent[0].headers)
        assert "<redacted>" in sent[0].headers["kwargsrepr"]
        assert login_event_kinds(db, user.email) == [LoginEventKind.PASSWORD_ACCEPTED]

    def test_expiry_is_ten_minutes(self, client, db, email_queue, redis_client):
        user = create_user(db, organisation=create_organisation(db))

        started = start_login(client, email_queue, user.email)

        ttl = redis_client.ttl(f"auth:login-attempt:{started.attempt_id}")
        assert 590 <= ttl <= 600

    def test_unknown_email_and_wrong_password_look_alike(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))

        wrong_password = client.post("/api/auth/login", json={"email": user.email, "password": "niet-het-wachtwoord"})
        unknown_email = client.post("/api/auth/login", json={"email": "nobody@example.test", "password": PASSWORD})

        assert wrong_password.status_code == 401
        assert unknown_email.status_code == 401
        assert wrong_password.content == unknown_email.content
        assert wrong_password.json()["error"]["code"] == "invalid_credentials"
        assert wrong_password.json()["error"]["message"].startswith("E-mailadres of wachtwoord onjuist.")
        assert read_sent_codes(email_queue) == []

    def test_unknown_email_costs_a_password_hash(self, client, db):
        user = create_user(db, organisation=create_organisation(db))

        def median_seconds(email: str) -> float:
            durations = []
            for _ in range(3):
                started = time.perf_counter()
                client.post("/api/auth/login", json={"email": email, "password": "niet-het-wachtwoord"})
                durations.append(time.perf_counter() - started)
            return statistics.median(durations)

        known = median_seconds(user.email)
        unknown = median_seconds("nobody@example.test")

        # Without the dummy hash an unknown address returns within a few
        # milliseconds, far below half the time of a real argon2 check.
        assert unknown > known * 0.5

    def test_english_message_on_request(self, client):
        response = client.post(
            "/api/auth/login",
            json={"email": "nobody@example.test", "password": "x"},
            headers={"Accept-Language": "en"},
        )

        assert response.json()["error"]["message"].startswith("Incorrect email address or password.")

    def test_failures_are_in_login_history(self, client, db):
        user = create_user(db, organisation=create_organisation(db))

        client.post("/api/auth/login", json={"email": user.email, "password": "fout"})
        client.post("/api/auth/login", json={"email": "Nobody@Example.test", "password": "fout"})

        known = db.scalars(select(LoginEvent).where(LoginEvent.email == user.email)).one()
        unknown = db.scalars(select(LoginEvent).where(LoginEvent.email == "nobody@example.test")).one()
        assert known.kind == LoginEventKind.PASSWORD_REJECTED
        assert known.user_id == user.id
        assert known.ip == "testclient"
        assert unknown.kind == LoginEventKind.PASSWORD_REJECTED
        assert unknown.user_id is None

    def test_missing_fields_are_invalid_input(self, client):
        response = client.post("/api/auth/login", json={"email": "a@b.example"})

        assert response.status_code == 422
        assert response.json()["error"]["code"] == "invalid_input"


class TestLockout:
    def test_fifth_failure_locks_the_address(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))

        for _ in range(5):
            response = client.post("/api/auth/login", json={"email": user.email, "password": "fout"})
            assert response.status_code == 401

        locked = client.post("/api/auth/login", json={"email": user.email, "password": PASSWORD})

        assert locked.status_code == 429
        assert locked.json()["error"]["code"] == "too_many_requests"
        assert 890 <= locked.json()["error"]["details"]["retry_after"] <= 900
        assert read_sent_codes(email_queue) == []
        assert login_event_kinds(db, user.email).count(LoginEventKind.LOCKED) == 1

    def test_four_failures_do_not_lock(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))

        for _ in range(4):
            client.post("/api/auth/login", json={"email": user.email, "password": "fout"})
        response = client.post("/api/auth/login", json={"email": user.email, "password": PASSWORD})

        assert response.status_code == 200
        read_sent_codes(email_queue)

    def test_unknown_address_locks_alike(self, client, db):
        user = create_user(db, organisation=create_organisation(db))
        for email in (user.email, "nobody@example.test"):
            for _ in range(5):
                client.post("/api/auth/login", json={"email": email, "password": "fout"})

        known = client.post("/api/auth/login", json={"email": user.email, "password": "fout"})
        unknown = client.post("/api/auth/login", json={"email": "nobody@example.test", "password": "fout"})

        assert known.status_code == unknown.status_code == 429
        assert known.json()["error"]["code"] == unknown.json()["error"]["code"]
        assert known.json()["error"]["message"] == unknown.json()["error"]["message"]

    def test_lock_is_per_address(self, client, db, email_queue):
        organisation = create_organisation(db)
        locked_user = create_user(db, organisation=organisation)
        other_user = create_user(db, organisation=organisation)
        for _ in range(5):
            client.post("/api/auth/login", json={"email": locked_user.email, "password": "fout"})

        response = client.post("/api/auth/login", json={"email": other_user.email, "password": PASSWORD})

        assert response.status_code == 200
        read_sent_codes(email_queue)

    def test_successful_login_clears_failures(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))
        for _ in range(4):
            client.post("/api/auth/login", json={"email": user.email, "password": "fout"})
        log_in(client, email_queue, user.email)

        for _ in range(4):
            response = client.post("/api/auth/login", json={"email": user.email, "password": "fout"})
        assert response.status_code == 401
        assert client.post("/api/auth/login", json={"email": user.email, "password": PASSWORD}).status_code == 200


class TestCodeStep:
    def test_correct_code_starts_session(self, client, db, email_queue):
        organisation = create_organisation(db)
        user = create_user(db, organisation=organisation, roles=())
        started = start_login(client, email_queue, user.email)

        response = client.post(f"/api/auth/login/{started.attempt_id}/code", json={"code": started.code})

        assert response.status_code == 200
        body = response.json()
        assert body["user"] == {
            "id": str(user.id),
            "email": user.email,
            "name": user.name,
            "language": "nl",
            "roles": [],
            "organisation": {"id": str(organisation.id), "name": organisation.name},
            "blocked": False,
        }
        user_session = db.scalars(select(UserSession).where(UserSession.user_id == user.id)).one()
        assert user_session.token_hash == hash_token(body["session_token"])
        assert datetime.fromisoformat(body["expires_at"]) == user_session.expires_at
        assert (user_session.expires_at - user_session.created_at).total_seconds() == 8 * 3600
        assert user_session.second_factor == "email_code"

        cookie = response.headers["set-cookie"]
        assert cookie.startswith(f"cp_session={body['session_token']};")
        assert "HttpOnly" in cookie
        assert "Secure" in cookie
        assert "SameSite=lax" in cookie
        assert "Path=/" in cookie
        assert response.headers["cache-control"] == "no-store"

    def test_code_is_derived_from_attempt_secret(self, client, db, email_queue, redis_client):
        user = create_user(db, organisation=create_organisation(db))

        started = start_login(client, email_queue, user.email)

        stored = redis_client.hgetall(f"auth:login-attempt:{started.attempt_id}")
        assert pyotp.HOTP(stored["secret"]).at(0) == started.code
        assert started.code not in stored.values()

    def test_wrong_codes_count_down_then_end_attempt(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))
        started = start_login(client, email_queue, user.email)
        wrong_code = "000000" if started.code != "000000" else "111111"

        attempts_left = []
        for _ in range(5):
            response = client.post(f"/api/auth/login/{started.attempt_id}/code", json={"code": wrong_code})
            assert response.status_code == 400
            assert response.json()["error"]["code"] == "invalid_code"
            attempts_left.append(response.json()["error"]["details"]["attempts_left"])
        after_end = client.post(f"/api/auth/login/{started.attempt_id}/code", json={"code": started.code})

        assert attempts_left == [4, 3, 2, 1, 0]
        assert after_end.status_code == 410
        assert after_end.json()["error"]["code"] == "attempt_expired"
        assert login_event_kinds(db, user.email).count(LoginEventKind.CODE_REJECTED) == 5

    def test_wrong_code_then_right_code(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))
        started = start_login(client, email_queue, user.email)
        wrong_code = "000000" if started.code != "000000" else "111111"

        client.post(f"/api/auth/login/{started.attempt_id}/code", json={"code": wrong_code})
        response = client.post(f"/api/auth/login/{started.attempt_id}/code", json={"code": f" {started.code} "})

        assert response.status_code == 200

    def test_unknown_attempt_expired(self, client):
        response = client.post(f"/api/auth/login/{uuid.uuid4()}/code", json={"code": "123456"})

        assert response.status_code == 410
        assert response.json()["error"] == {
            "code": "attempt_expired",
            "message": "Deze beveiligingscode is verlopen. Log opnieuw in voor een nieuwe code.",
            "details": {},
        }

    def test_expired_attempt(self, client, db, email_queue, redis_client):
        user = create_user(db, organisation=create_organisation(db))
        started = start_login(client, email_queue, user.email)
        key = f"auth:login-attempt:{started.attempt_id}"

        redis_client.pexpire(key, 1)
        while redis_client.exists(key):
            time.sleep(0.005)
        response = client.post(f"/api/auth/login/{started.attempt_id}/code", json={"code": started.code})

        assert response.status_code == 410

    def test_newer_code_replaces_older(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))
        older = start_login(client, email_queue, user.email)
        newer = start_login(client, email_queue, user.email)

        with_older = client.post(f"/api/auth/login/{older.attempt_id}/code", json={"code": older.code})
        with_newer = client.post(f"/api/auth/login/{newer.attempt_id}/code", json={"code": newer.code})

        assert with_older.status_code == 410
        assert with_newer.status_code == 200

    def test_used_attempt_cannot_be_replayed(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))
        started = start_login(client, email_queue, user.email)
        first = client.post(f"/api/auth/login/{started.attempt_id}/code", json={"code": started.code})

        replay = client.post(f"/api/auth/login/{started.attempt_id}/code", json={"code": started.code})

        assert first.status_code == 200
        assert replay.status_code == 410
        assert db.scalar(select(UserSession.id).where(UserSession.user_id == user.id)) is not None
        assert len(list(db.scalars(select(UserSession).where(UserSession.user_id == user.id)))) == 1

    def test_each_login_gets_new_code_and_attempt(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))

        first = start_login(client, email_queue, user.email)
        second = start_login(client, email_queue, user.email)

        assert first.attempt_id != second.attempt_id
        # The first attempt's code does not open the second one (1 in a million chance to clash).
        if first.code != second.code:
            response = client.post(f"/api/auth/login/{second.attempt_id}/code", json={"code": first.code})
            assert response.status_code == 400


class TestCodeSecrecy:
    def test_code_never_logged_nor_stored(self, client, db, email_queue, caplog, capfd):
        caplog.set_level(logging.DEBUG)
        user = create_user(db, organisation=create_organisation(db))
        started = start_login(client, email_queue, user.email)
        wrong_code = "000000" if started.code != "000000" else "111111"
        client.post(f"/api/auth/login/{started.attempt_id}/code", json={"code": wrong_code})
        response = client.post(f"/api/auth/login/{started.attempt_id}/code", json={"code": started.code})
        assert response.status_code == 200

        captured = capfd.readouterr()
        logs = caplog.text + captured.out + captured.err
        assert "login.code_sent" in logs
        assert "login.code_accepted" in logs
        assert started.code not in logs

        for table in Base.metadata.sorted_tables:
            for row in db.execute(text(f"SELECT * FROM {table.name}")):
                assert started.code not in str(tuple(row)), f"security code found in table {table.name}"


class TestBrokerUnavailable:
    def test_login_answers_503_and_drops_attempt(self, settings, db, redis_client):
        # Nothing listens on port 1 of this machine, so publishing fails at once.
        unreachable = settings.model_copy(update={"amqp_url": "amqp://guest:guest@127.0.0.1:1//"})
        app = create_app(unreachable)
        app.dependency_overrides[get_db] = lambda: db
        user = create_user(db, organisation=create_organisation(db))

        with TestClient(app, base_url="https://testserver") as client:
            response = client.post("/api/auth/login", json={"email": user.email, "password": PASSWORD})
        app.state.celery.close()
        app.state.redis.close()

        assert response.status_code == 503
        assert response.json()["error"]["code"] == "code_not_sent"
        assert redis_client.keys("auth:login-attempt:*") == []
