"""Blocking accounts: by the fraud team, by the user reporting misuse, by an operator."""

import uuid

from sqlalchemy import select

from cp_auth.login_event.models import LoginEvent, LoginEventKind
from cp_auth.session.cache import SessionCache
from cp_auth.session.models import UserSession
from cp_auth.user.service import block_user
from cp_common.db import utcnow
from cp_common.identity import Role
from tests.auth.helpers import PASSWORD, create_organisation, create_user, log_in, start_login


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def open_sessions(db, user_id) -> list[UserSession]:
    query = select(UserSession).where(UserSession.user_id == user_id, UserSession.revoked_at.is_(None))
    return list(db.scalars(query.execution_options(populate_existing=True)))


class TestBlockedAtLogin:
    def test_blocked_user_with_correct_password(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))
        user.blocked_at = utcnow()
        user.blocked_reason = "Phishing gemeld"
        db.flush()

        response = client.post("/api/auth/login", json={"email": user.email, "password": PASSWORD})

        assert response.status_code == 403
        assert response.json()["error"]["code"] == "account_blocked"
        assert "geblokkeerd" in response.json()["error"]["message"]
        assert "incassobureau" in response.json()["error"]["message"]
        kinds = list(db.scalars(select(LoginEvent.kind).where(LoginEvent.user_id == user.id)))
        assert kinds == [LoginEventKind.BLOCKED_REFUSED]

    def test_blocked_user_with_wrong_password_gets_usual_answer(self, client, db):
        user = create_user(db, organisation=create_organisation(db))
        user.blocked_at = utcnow()
        db.flush()

        response = client.post("/api/auth/login", json={"email": user.email, "password": "fout"})

        assert response.status_code == 401
        assert response.json()["error"]["code"] == "invalid_credentials"

    def test_blocked_between_password_and_code(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))
        started = start_login(client, email_queue, user.email)
        user.blocked_at = utcnow()
        db.flush()

        response = client.post(f"/api/auth/login/{started.attempt_id}/code", json={"code": started.code})

        assert response.status_code == 403
        assert response.json()["error"]["code"] == "account_blocked"
        assert open_sessions(db, user.id) == []


class TestFraudTeam:
    def test_block_refuses_session_on_next_request(self, client, db, email_queue):
        organisation = create_organisation(db)
        user = create_user(db, organisation=organisation)
        analyst = create_user(db, organisation=None, roles=(Role.FRAUD_ANALYST,))
        user_token = log_in(client, email_queue, user.email)
        analyst_token = log_in(client, email_queue, analyst.email)
        client.cookies.clear()
        # The first verification puts the session into the Redis cache.
        assert client.get("/internal/verify", headers=bearer(user_token)).status_code == 200

        response = client.post(
            f"/api/auth/users/{user.id}/block", json={"reason": "Inlog vanuit onbekend land"}, headers=bearer(analyst_token)
        )

        assert response.status_code == 200
        assert response.json()["blocked"] is True
        assert response.json()["id"] == str(user.id)
        refused = client.get("/internal/verify", headers=bearer(user_token))
        assert refused.status_code == 401
        assert open_sessions(db, user.id) == []
        db.refresh(user)
        assert user.blocked_reason == "Inlog vanuit onbekend land"
        event = db.scalars(
            select(LoginEvent).where(LoginEvent.user_id == user.id, LoginEvent.kind == LoginEventKind.ACCOUNT_BLOCKED)
        ).one()
        assert event.actor_user_id == analyst.id
        assert event.reason == "Inlog vanuit onbekend land"

    def test_blocked_user_cannot_log_in_until_unblocked(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))
        analyst = create_user(db, organisation=None, roles=(Role.FRAUD_ANALYST,))
        analyst_token = log_in(client, email_queue, analyst.email)
        client.cookies.clear()
        client.post(f"/api/auth/users/{user.id}/block", json={"reason": "Verdacht"}, headers=bearer(analyst_token))

        refused = client.post("/api/auth/login", json={"email": user.email, "password": PASSWORD})
        unblocked = client.post(f"/api/auth/users/{user.id}/unblock", headers=bearer(analyst_token))
        accepted = client.post("/api/auth/login", json={"email": user.email, "password": PASSWORD})

        assert refused.status_code == 403
        assert unblocked.status_code == 200
        assert unblocked.json()["blocked"] is False
        assert accepted.status_code == 200

    def test_login_events_for_fraud_team(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))
        analyst = create_user(db, organisation=None, roles=(Role.FRAUD_ANALYST,))
        client.post("/api/auth/login", json={"email": user.email, "password": "fout"}, headers={"User-Agent": "Gluurder/1.0"})
        log_in(client, email_queue, user.email)
        analyst_token = log_in(client, email_queue, analyst.email)
        client.cookies.clear()

        response = client.get(f"/api/auth/users/{user.id}/login-events?page_size=2", headers=bearer(analyst_token))

        assert response.status_code == 200
        body = response.json()
        assert body["total"] == 3
        assert body["page"] == 1
        assert [item["kind"] for item in body["items"]] == ["code_accepted", "password_accepted"]
        older = client.get(f"/api/auth/users/{user.id}/login-events?page=2&page_size=2", headers=bearer(analyst_token))
        assert older.json()["items"][0]["kind"] == "password_rejected"
        assert older.json()["items"][0]["user_agent"] == "Gluurder/1.0"
        assert older.json()["items"][0]["ip"] == "testclient"

    def test_other_roles_may_not_block(self, client, db, email_queue):
        organisation = create_organisation(db)
        user = create_user(db, organisation=organisation)
        admin = create_user(db, organisation=organisation, roles=(Role.CREDITOR_USER, Role.CREDITOR_ADMIN))
        admin_token = log_in(client, email_queue, admin.email)
        client.cookies.clear()

        block = client.post(f"/api/auth/users/{user.id}/block", json={"reason": "x"}, headers=bearer(admin_token))
        events = client.get(f"/api/auth/users/{user.id}/login-events", headers=bearer(admin_token))

        assert block.status_code == 403
        assert block.json()["error"]["code"] == "forbidden"
        assert events.status_code == 403
        db.refresh(user)
        assert user.blocked_at is None

    def test_block_needs_session(self, client, db):
        user = create_user(db, organisation=create_organisation(db))

        response = client.post(f"/api/auth/users/{user.id}/block", json={"reason": "x"})

        assert response.status_code == 401

    def test_block_unknown_user(self, client, db, email_queue):
        analyst = create_user(db, organisation=None, roles=(Role.FRAUD_ANALYST,))
        log_in(client, email_queue, analyst.email)

        response = client.post(f"/api/auth/users/{uuid.uuid4()}/block", json={"reason": "x"})

        assert response.status_code == 404
        assert response.json()["error"]["code"] == "user_not_found"

    def test_block_needs_reason(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))
        analyst = create_user(db, organisation=None, roles=(Role.FRAUD_ANALYST,))
        log_in(client, email_queue, analyst.email)

        response = client.post(f"/api/auth/users/{user.id}/block", json={"reason": "   "})

        assert response.status_code == 422

    def test_blocking_twice_keeps_first_reason(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))
        analyst = create_user(db, organisation=None, roles=(Role.FRAUD_ANALYST,))
        log_in(client, email_queue, analyst.email)

        client.post(f"/api/auth/users/{user.id}/block", json={"reason": "Eerste melding"})
        second = client.post(f"/api/auth/users/{user.id}/block", json={"reason": "Tweede melding"})

        assert second.status_code == 200
        db.refresh(user)
        assert user.blocked_reason == "Eerste melding"


class TestReportMisuse:
    def test_report_blocks_own_account(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))
        other_token = log_in(client, email_queue, user.email)
        log_in(client, email_queue, user.email)

        response = client.post("/api/auth/me/report-misuse", json={"message": "Ik heb mijn wachtwoord op een valse site ingevuld."})

        assert response.status_code == 200
        assert response.json()["blocked"] is True
        assert 'cp_session=""' in response.headers["set-cookie"]
        assert open_sessions(db, user.id) == []
        client.cookies.clear()
        assert client.get("/internal/verify", headers=bearer(other_token)).status_code == 401
        assert client.post("/api/auth/login", json={"email": user.email, "password": PASSWORD}).status_code == 403
        kinds = list(db.scalars(select(LoginEvent.kind).where(LoginEvent.user_id == user.id)))
        assert LoginEventKind.MISUSE_REPORTED in kinds
        assert LoginEventKind.ACCOUNT_BLOCKED in kinds

    def test_report_needs_session(self, client):
        response = client.post("/api/auth/me/report-misuse", json={"message": "Verdacht"})

        assert response.status_code == 401


class TestOperatorBlock:
    def test_service_block_ends_cached_session(self, client, db, email_queue, app):
        user = create_user(db, organisation=create_organisation(db))
        token = log_in(client, email_queue, user.email)
        client.cookies.clear()
        assert client.get("/internal/verify", headers=bearer(token)).status_code == 200

        cache = SessionCache(app.state.redis, app.state.settings.session_cache_ttl)
        block_user(db, cache, user, reason="Gemeld door de bank", actor_user_id=None)
        db.flush()

        assert client.get("/internal/verify", headers=bearer(token)).status_code == 401
