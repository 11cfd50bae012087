"""Fixtures for the portal's tests: the app with the public API faked by a MockTransport.

The portal is only a client of the project's own public API, so these tests
replace the gateway with ``FakeApi``. The run through Traefik is tested end
to end elsewhere.
"""

import warnings

import httpx
import pytest

from cp_portal.app import create_app
from cp_portal.settings import Settings
from tests.portal.fake_api import FakeApi

with warnings.catch_warnings():
    # Starlette 1.x warns unless the httpx2 package is installed, but
    # constraints.txt pins httpx, which its TestClient still supports.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

PORTAL_URL = "https://portal.test"
SAME_ORIGIN = {"Origin": PORTAL_URL}


@pytest.fixture
def fake_api() -> FakeApi:
    return FakeApi()


@pytest.fixture
def settings() -> Settings:
    return Settings(
        environment="test",
        api_base_url="https://127.0.0.1:8443",
        api_ca_file="",
        pdf_wait_timeout=1.0,
        pdf_poll_interval=0.01,
    )


@pytest.fixture
def client(settings, fake_api):
    app = create_app(settings, api_transport=httpx.MockTransport(fake_api.handle))
    with TestClient(app, base_url=PORTAL_URL, follow_redirects=False) as test_client:
        yield test_client


@pytest.fixture
def signed_in(client, fake_api):
    """The client with the session cookie of a user who has logged in."""
    client.cookies.set("cp_session", fake_api.sign_in(), domain="portal.test")
    return client
