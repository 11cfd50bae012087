
import pytest

from tests.running_stack import DEMO_PASSWORD, RunningStack, now_minus_a_second

pytestmark = pytest.mark.e2e

LARGEST_CREDITOR_USER = "demo@dezeeuw.example"
SECOND_CREDITOR_USER = "demo@hetanker.example"
THIRD_CREDITOR_USER = "demo@vanleeuwen.example"
FRAUD_ANALYST = "fraude@vanderberg-incasso.example"


def log_in(stack: RunningStack, email: str, password: str = DEMO_PASSWORD) -> str:
    """Log in through the gateway with the emailed code; return the session token."""
    with stack.client() as client:
        sent_after = now_minus_a_second()
        login = client.post("/api/auth/login", json={"email": email, "password": password})
        assert login.status_code == 200, login.text
        code = stack.wait_for_security_code(email, sent_after)
        verified = client.post(f"/api/auth/login/{login.json()['attempt_id']}/code", json={"code": code})
        assert verified.status_code == 200, verified.text
        return verified.json()["session_token"]


@pytest.fixture(scope="session")
def largest_creditor_token(running_stack) -> str:
    return log_in(running_stack, LARGEST_CREDITOR_USER)


@pytest.fixture
def api(running_stack):
    with running_stack.client() as client:
        yield client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
