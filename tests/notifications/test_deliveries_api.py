"""GET /api/notifications/deliveries: the delivery log for agency administrators."""

import uuid
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from starlette.exceptions import StarletteDeprecationWarning

from cp_common.identity import IDENTITY_HEADER, Role
from cp_notifications.app import create_app
from cp_notifications.deliveries.models import Delivery

# Starlette 1.10 warns that its TestClient will move from httpx to httpx2,
# which is not installed; the client still works on httpx 0.29.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

URL = "/api/notifications/deliveries"


@pytest.fixture
def client(api_settings) -> Iterator[TestClient]:
    app = create_app(api_settings)
    with TestClient(app) as client:
        yield client
    app.state.session_factory.kw["bind"].dispose()


@pytest.fixture
def admin_headers(user_token_factory) -> dict[str, str]:
    return {IDENTITY_HEADER: user_token_factory(None, roles=frozenset({Role.AGENCY_ADMIN}))}


def create_delivery(session, *, minutes_ago: int, status: str = "sent", **fields) -> Delivery:
    created_at = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    delivery = Delivery(
        task_id=uuid.uuid4().hex,
        template="security_code",
        recipient=fields.pop("recipient", f"user{minutes_ago}@example.nl"),
        status=status,
        attempts=fields.pop("attempts", 1),
        created_at=created_at,
        sent_at=created_at if status == "sent" else None,
        **fields,
    )
    session.add(delivery)
    return delivery


@pytest.fixture
def three_deliveries(client) -> list[Delivery]:
    with client.app.state.session_factory() as session:
        deliveries = [
            create_delivery(session, minutes_ago=30),
            create_delivery(session, minutes_ago=20, status="failed", last_error="550 5.1.1 Mailbox unavailable"),
            create_delivery(session, minutes_ago=10, status="queued", attempts=2, last_error="421 try later"),
        ]
        session.commit()
    return deliveries


class TestListDeliveries:
    def test_newest_first(self, client, admin_headers, three_deliveries):
        response = client.get(URL, headers=admin_headers)

        assert response.status_code == 200
        body = response.json()
        assert body["total"] == 3
        assert body["page"] == 1
        assert body["page_size"] == 50
        assert [item["status"] for item in body["items"]] == ["queued", "failed", "sent"]
        newest = body["items"][0]
        assert newest["id"] == str(three_deliveries[2].id)
        assert newest["template"] == "security_code"
        assert newest["recipient"] == "user10@example.nl"
        assert newest["attempts"] == 2
        assert newest["last_error"] == "421 try later"
        assert newest["sent_at"] is None
        assert set(newest) == {"id", "template", "recipient", "status", "attempts", "created_at", "sent_at", "last_error"}

    def test_pages(self, client, admin_headers, three_deliveries):
        second = client.get(URL, params={"page": 2, "page_size": 2}, headers=admin_headers).json()

        assert second["total"] == 3
        assert [item["status"] for item in second["items"]] == ["sent"]

    def test_status_filter(self, client, admin_headers, three_deliveries):
        body = client.get(URL, params={"status": "failed"}, headers=admin_headers).json()

        assert body["total"] == 1
        assert body["items"][0]["last_error"] == "550 5.1.1 Mailbox unavailable"

    def test_invalid_page(self, client, admin_headers):
        response = client.get(URL, params={"page": 0}, headers=admin_headers)

        assert response.status_code == 422
        assert response.json()["error"]["code"] == "invalid_input"

    def test_without_identity(self, client):
        response = client.get(URL)

        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"

    def test_creditor_user_forbidden(self, client, user_token_factory):
        token = user_token_factory(uuid.uuid4(), roles=frozenset({Role.CREDITOR_USER, Role.CREDITOR_ADMIN}))

        response = client.get(URL, headers={IDENTITY_HEADER: token})

        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"

    def test_fraud_analyst_forbidden(self, client, user_token_factory):
        token = user_token_factory(None, roles=frozenset({Role.FRAUD_ANALYST}))

        response = client.get(URL, headers={IDENTITY_HEADER: token})

        assert response.status_code == 403

    def test_service_token_forbidden(self, client, service_token_factory):
        response = client.get(URL, headers={IDENTITY_HEADER: service_token_factory("reporting")})

        assert response.status_code == 403


def test_openapi_document(client):
    response = client.get("/api/notifications/openapi.json")

    assert response.status_code == 200
    assert URL in response.json()["paths"]
