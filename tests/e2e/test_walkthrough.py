"""A creditor's path through the real stack: gateway, login, dashboard, dossiers, PDF."""

import subprocess
import time

import httpx
import pytest

from tests.e2e.conftest import (
    FRAUD_ANALYST,
    LARGEST_CREDITOR_USER,
    SECOND_CREDITOR_USER,
    THIRD_CREDITOR_USER,
    bearer,
    log_in,
)

pytestmark = pytest.mark.e2e


def test_plain_http_redirects_to_https(running_stack):
    response = httpx.get(f"http://127.0.0.1:{running_stack.config.http_port}/dossiers", follow_redirects=False)

    assert response.status_code in (301, 308)
    assert response.headers["location"].startswith("https://")


def test_https_responses_carry_hsts(api):
    response = api.get("/inloggen")

    assert "max-age=31536000" in response.headers["strict-transport-security"]


def test_api_without_session_refused(api):
    assert api.get("/api/dossiers").status_code == 401
    assert api.get("/api/reporting/widgets/totals").status_code == 401


def test_forged_identity_header_refused(api):
    response = api.get("/api/dossiers", headers={"X-Identity-Token": "eyJhbGciOiJub25lIn0.e30."})

    assert response.status_code == 401


def test_unknown_email_and_wrong_password_answer_alike(api):
    unknown = api.post("/api/auth/login", json={"email": "nobody@nowhere.example", "password": "x" * 12})
    wrong = api.post("/api/auth/login", json={"email": SECOND_CREDITOR_USER, "password": "x" * 12})

    assert unknown.status_code == wrong.status_code == 401
    assert unknown.json() == wrong.json()


def wait_for_read_model(api, token: str, expected_total: int, timeout: float = 120) -> dict:
    """The reporting read model fills from events; wait until it contains every dossier."""
    deadline = time.monotonic() + timeout
    totals = {}
    while time.monotonic() < deadline:
        totals = api.get("/api/reporting/widgets/totals", headers=bearer(token)).json()
        if totals["dossiers"]["all"] == expected_total:
            return totals
        time.sleep(1)
    raise AssertionError(f"read model holds {totals} after {timeout} s, expected {expected_total} dossiers")


def test_dashboard_numbers_match_dossier_list(api, largest_creditor_token):
    headers = bearer(largest_creditor_token)
    running = api.get("/api/dossiers", headers=headers).json()
    closed = api.get("/api/dossiers", params={"status": "closed"}, headers=headers).json()

    totals = wait_for_read_model(api, largest_creditor_token, running["total"] + closed["total"])
    per_phase = api.get("/api/reporting/widgets/dossiers-per-phase", headers=headers).json()

    assert running["total"] + closed["total"] == 300
    assert totals["dossiers"]["running"] == running["total"]
    assert totals["dossiers"]["closed"] == closed["total"]
    assert sum(item["count"] for item in per_phase["items"]) == running["total"]


def test_dossier_list_pages_and_filters(api, largest_creditor_token):
    headers = bearer(largest_creditor_token)

    first = api.get("/api/dossiers", params={"page": 1, "page_size": 10}, headers=headers).json()
    second = api.get("/api/dossiers", params={"page": 2, "page_size": 10}, headers=headers).json()
    closed = api.get("/api/dossiers", params={"status": "closed"}, headers=headers).json()

    assert len(first["items"]) == 10
    assert {item["id"] for item in first["items"]}.isdisjoint(item["id"] for item in second["items"])
    assert all(item["status"] == "running" for item in first["items"])
    assert closed["items"]
    assert all(item["status"] == "closed" and item["closing_code"] for item in closed["items"])


def test_invalid_page_gets_dutch_error(api, largest_creditor_token):
    response = api.get("/api/dossiers", params={"page": 0}, headers=bearer(largest_creditor_token))

    assert response.status_code == 422
    assert "Paginanummer '0' is ongeldig" in response.json()["error"]["message"]


def test_dossier_detail_has_balance_and_history(api, largest_creditor_token):
    headers = bearer(largest_creditor_token)
    summary = api.get("/api/dossiers", headers=headers).json()["items"][0]

    detail = api.get(f"/api/dossiers/{summary['id']}", headers=headers).json()

    assert detail["number"] == summary["number"]
    assert detail["invoices"]
    assert detail["actions"]
    assert detail["debtor"]["name"] == summary["debtor_name"]
    assert detail["case_handler"]["name"]
    assert detail["agency"]["name"]
    invoice_total = sum(float(invoice["amount"]) for invoice in detail["invoices"])
    assert float(detail["balance"]["principal"]) == pytest.approx(invoice_total)


def test_other_creditors_dossier_not_found(running_stack, api, largest_creditor_token):
    other_token = log_in(running_stack, SECOND_CREDITOR_USER)
    foreign_id = api.get("/api/dossiers", headers=bearer(other_token)).json()["items"][0]["id"]

    response = api.get(f"/api/dossiers/{foreign_id}", headers=bearer(largest_creditor_token))
    pdf = api.post(f"/api/reporting/dossiers/{foreign_id}/overview-pdf", headers=bearer(largest_creditor_token))

    assert response.status_code == 404
    assert pdf.status_code == 404


def test_dossier_pdf_rendered_by_worker(api, largest_creditor_token, tmp_path):
    headers = bearer(largest_creditor_token)
    dossier = api.get("/api/dossiers", headers=headers).json()["items"][0]

    requested = api.post(f"/api/reporting/dossiers/{dossier['id']}/overview-pdf", headers=headers)
    assert requested.status_code == 202
    document_id = requested.json()["id"]
    deadline = time.monotonic() + 90
    status = "pending"
    while status == "pending" and time.monotonic() < deadline:
        time.sleep(0.5)
        status = api.get(f"/api/reporting/documents/{document_id}", headers=headers).json()["status"]
    download = api.get(f"/api/reporting/documents/{document_id}/file", headers=headers)

    assert status == "ready"
    assert download.headers["content-type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")
    pdf_path = tmp_path / "overview.pdf"
    pdf_path.write_bytes(download.content)
    text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
    assert dossier["number"] in text


def test_blocked_user_refused_on_next_request(running_stack, api):
    creditor_token = log_in(running_stack, THIRD_CREDITOR_USER)
    fraud_token = log_in(running_stack, FRAUD_ANALYST)
    user_id = api.get("/api/auth/me", headers=bearer(creditor_token)).json()["id"]
    assert api.get("/api/dossiers", headers=bearer(creditor_token)).status_code == 200

    blocked = api.post(
        f"/api/auth/users/{user_id}/block", json={"reason": "Verdachte activiteit"}, headers=bearer(fraud_token)
    )
    next_request = api.get("/api/dossiers", headers=bearer(creditor_token))
    new_login = api.post("/api/auth/login", json={"email": THIRD_CREDITOR_USER, "password": "Demo-wachtwoord-2026"})

    assert blocked.status_code == 200
    assert next_request.status_code == 401
    assert new_login.status_code == 403
    assert new_login.json()["error"]["code"] == "account_blocked"


def test_logout_ends_session(running_stack, api):
    token = log_in(running_stack, LARGEST_CREDITOR_USER)

    logout = api.post("/api/auth/logout", headers=bearer(token))

    assert logout.status_code == 204
    assert api.get("/api/dossiers", headers=bearer(token)).status_code == 401
