"""Sessions: ForwardAuth verification, /me, logout, expiry and the Redis cache."""

from datetime import timedelta

import jwt
import pytest
from sqlalchemy import select, update

from cp_auth.login_event.models import LoginEvent, LoginEventKind
from cp_auth.organisation.models import OrganisationKind
from cp_auth.session.cache import CachedSession, SessionCache
from cp_auth.session.models import UserSession
from cp_auth.session.tokens import hash_token
from cp_common.db import utcnow
from cp_common.identity import IDENTITY_HEADER, IdentityKind, IdentityVerifier, Role
from tests.auth.helpers import create_organisation, create_user, log_in


@pytest.fixture
def verifier(public_keys) -> IdentityVerifier:
    return IdentityVerifier(public_keys)


def verify_with_bearer(client, token: str):
    client.cookies.clear()
    return client.get("/internal/verify", headers={"Authorization": f"Bearer {token}"})


def age_session(db, token: str, *, last_seen_ago: timedelta | None = None, expired: bool = False) -> None:
    values = {}
    if last_seen_ago is not None:
        values["last_seen_at"] = utcnow() - last_seen_ago
    if expired:
        values["expires_at"] = utcnow() - timedelta(seconds=1)
    db.execute(update(UserSession).where(UserSession.token_hash == hash_token(token)).values(**values))
    db.flush()


class TestVerify:
    def test_identity_token_of_creditor_user(self, client, db, email_queue, verifier):
        organisation = create_organisation(db)
        user = create_user(
            db, organisation=organisation, roles=(Role.CREDITOR_USER, Role.CREDITOR_ADMIN), language="en"
        )
        token = log_in(client, email_queue, user.email)

        response = client.get("/internal/verify")

        assert response.status_code == 200
        identity = verifier.verify(response.headers[IDENTITY_HEADER])
        assert identity.kind is IdentityKind.USER
        assert identity.user_id == user.id
        assert identity.organisation_id == organisation.id
        assert identity.roles == frozenset({"creditor_user", "creditor_admin"})
        assert identity.name == user.name
        assert identity.language == "en"
        user_session = db.scalars(select(UserSession).where(UserSession.token_hash == hash_token(token))).one()
        assert identity.session_id == str(user_session.id)

    def test_bearer_token_works_like_cookie(self, client, db, email_queue, verifier):
        user = create_user(db, organisation=create_organisation(db))
        token = log_in(client, email_queue, user.email)

        response = verify_with_bearer(client, token)

        assert response.status_code == 200
        assert verifier.verify(response.headers[IDENTITY_HEADER]).user_id == user.id

    def test_staff_carry_no_organisation(self, client, db, email_queue, verifier):
        agency = create_organisation(db, name="Incassobureau", kind=OrganisationKind.AGENCY)
        analyst = create_user(db, organisation=agency, roles=(Role.FRAUD_ANALYST,))
        log_in(client, email_queue, analyst.email)

        response = client.get("/internal/verify")

        identity = verifier.verify(response.headers[IDENTITY_HEADER])
        assert identity.organisation_id is None
        assert identity.roles == frozenset({"fraud_analyst"})

    def test_missing_token(self, client):
        response = client.get("/internal/verify")

        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"
        assert IDENTITY_HEADER not in response.headers

    def test_unknown_token(self, client):
        assert verify_with_bearer(client, "not-a-session-token").status_code == 401

    def test_expired_session(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))
        token = log_in(client, email_queue, user.email)

        age_session(db, token, expired=True)

        assert verify_with_bearer(client, token).status_code == 401

    def test_idle_session(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))
        token = log_in(client, email_queue, user.email)

        age_session(db, token, last_seen_ago=timedelta(minutes=31))

        assert verify_with_bearer(client, token).status_code == 401

    def test_activity_keeps_session_alive(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))
        token = log_in(client, email_queue, user.email)
        age_session(db, token, last_seen_ago=timedelta(minutes=29))

        assert verify_with_bearer(client, token).status_code == 200

        user_session = db.scalars(select(UserSession).where(UserSession.token_hash == hash_token(token))).one()
        db.refresh(user_session)
        assert utcnow() - user_session.last_seen_at < timedelta(seconds=10)

    def test_last_seen_written_at_most_once_a_minute(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))
        token = log_in(client, email_queue, user.email)
        user_session = db.scalars(select(UserSession).where(UserSession.token_hash == hash_token(token))).one()
        first_seen = user_session.last_seen_at

        for _ in range(3):
            assert verify_with_bearer(client, token).status_code == 200

        db.refresh(user_session)
        assert user_session.last_seen_at == first_seen

    def test_identity_token_lives_a_minute(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))
        log_in(client, email_queue, user.email)

        identity_token = client.get("/internal/verify").headers[IDENTITY_HEADER]

        claims = jwt.decode(identity_token, options={"verify_signature": False})
        assert claims["exp"] - claims["iat"] == 60
        assert claims["iss"] == "auth"


class TestMe:
    def test_me_returns_user(self, client, db, email_queue):
        organisation = create_organisation(db)
        user = create_user(db, organisation=organisation)
        log_in(client, email_queue, user.email)

        response = client.get("/api/auth/me")

        assert response.status_code == 200
        assert response.json() == {
            "id": str(user.id),
            "email": user.email,
            "name": user.name,
            "language": "nl",
            "roles": ["creditor_user"],
            "organisation": {"id": str(organisation.id), "name": organisation.name},
            "blocked": False,
        }

    def test_me_without_session(self, client):
        response = client.get("/api/auth/me")

        assert response.status_code == 401
        assert response.json()["error"]["message"] == "Je bent niet ingelogd. Log opnieuw in."


class TestLogout:
    def test_logout_revokes_session(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))
        token = log_in(client, email_queue, user.email)
        assert client.get("/internal/verify").status_code == 200

        response = client.post("/api/auth/logout")

        assert response.status_code == 204
        assert 'cp_session=""' in response.headers["set-cookie"]
        assert verify_with_bearer(client, token).status_code == 401
        user_session = db.scalars(select(UserSession).where(UserSession.token_hash == hash_token(token))).one()
        db.refresh(user_session)
        assert user_session.revoked_at is not None
        kinds = list(db.scalars(select(LoginEvent.kind).where(LoginEvent.user_id == user.id)))
        assert LoginEventKind.LOGOUT in kinds

    def test_logout_with_bearer_leaves_other_sessions(self, client, db, email_queue):
        user = create_user(db, organisation=create_organisation(db))
        phone_token = log_in(client, email_queue, user.email)
        browser_token = log_in(client, email_queue, user.email)

        client.cookies.clear()
        response = client.post("/api/auth/logout", headers={"Authorization": f"Bearer {phone_token}"})

        assert response.status_code == 204
        assert verify_with_bearer(client, phone_token).status_code == 401
        assert verify_with_bearer(client, browser_token).status_code == 200

    def test_logout_without_session(self, client):
        assert client.post("/api/auth/logout").status_code == 204


class TestSessionCache:
    def entry(self) -> CachedSession:
        return CachedSession(
            session_id="9d4c3a5e-2d0c-4d5e-8f57-1f0b6f8e2a10",
            user_id="0b8f0a56-7a36-4a57-9c55-3f6e5b0e4c21",
            email="petra@dezeeuw.example",
            organisation_id=None,
            roles=["creditor_user"],
            name="Petra de Zeeuw",
            language="nl",
            expires_at=utcnow().timestamp() + 3600,
            last_seen_at=utcnow().timestamp(),
        )

    def test_store_and_get(self, redis_client):
        cache = SessionCache(redis_client, timedelta(seconds=30))
        entry = self.entry()

        cache.store("hash-a", entry)

        assert cache.get("hash-a") == entry
        assert 0 < redis_client.pttl("auth:session:hash-a") <= 30_000

    def test_no_store_after_invalidate(self, redis_client):
        # A verification that read the database before a revoke committed
        # must not write its now stale entry back.
        cache = SessionCache(redis_client, timedelta(seconds=30))
        cache.store("hash-a", self.entry())

        cache.invalidate(["hash-a"])
        cache.store("hash-a", self.entry())

        assert cache.get("hash-a") is None

    def test_unreadable_entry_is_a_miss(self, redis_client):
        cache = SessionCache(redis_client, timedelta(seconds=30))
        redis_client.set("auth:session:hash-a", '{"session_id": "x"}')

        assert cache.get("hash-a") is None

    def test_verify_reads_cache_first(self, client, db, email_queue, redis_client):
        user = create_user(db, organisation=create_organisation(db))
        token = log_in(client, email_queue, user.email)
        assert verify_with_bearer(client, token).status_code == 200
        assert redis_client.exists(f"auth:session:{hash_token(token)}")

        # Expiring the session behind the cache's back is seen only after the
        # cached entry is gone; revoking through the service deletes it.
        age_session(db, token, expired=True)
        assert verify_with_bearer(client, token).status_code == 200
        redis_client.delete(f"auth:session:{hash_token(token)}")
        assert verify_with_bearer(client, token).status_code == 401
