"""A creditor uses the portal in headless Chromium, through the gateway."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.running_stack import DEMO_PASSWORD, now_minus_a_second

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGUMENTS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CREDITOR = "demo@hetanker.example"


@pytest.fixture
def screenshot_dir(tmp_path) -> Path:
    """Where screenshots go; set CP_SCREENSHOT_DIR to keep them after the run."""
    folder = Path(os.environ.get("CP_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(running_stack):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGUMENTS)
        context = browser.new_context(
            ignore_https_errors=True, locale="nl-NL", accept_downloads=True, viewport={"width": 1280, "height": 900}
        )
        yield context.new_page()
        context.close()
        browser.close()


def log_in(page, running_stack) -> None:
    page.goto(f"{running_stack.url}/")
    expect(page).to_have_url(re.compile(r"/inloggen"))
    page.fill("#email", CREDITOR)
    page.fill("#password", DEMO_PASSWORD)
    sent_after = now_minus_a_second()
    page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/beveiligingscode"))

    page.fill("#code", running_stack.wait_for_security_code(CREDITOR, sent_after))
    page.click("main form button[type=submit]")


def test_wrong_password_shows_dutch_message(page, running_stack):
    page.goto(f"{running_stack.url}/inloggen")
    page.fill("#email", CREDITOR)
    page.fill("#password", "niet-het-wachtwoord")
    page.click("main form button[type=submit]")

    expect(page.get_by_role("alert")).to_contain_text("onjuist")


def test_creditor_sees_dashboard_dossiers_and_pdf(page, running_stack, screenshot_dir):
    log_in(page, running_stack)

    expect(page.get_by_role("heading", name="Dossiers per fase")).to_be_visible()
    expect(page.locator("canvas")).to_have_count(1)
    expect(page.get_by_text("Woonstichting Het Anker").first).to_be_visible()
    expect(page.locator("main")).to_contain_text("€")
    page.screenshot(path=str(screenshot_dir / "dashboard.png"), full_page=True)

    page.goto(f"{running_stack.url}/dossiers")
    rows = page.locator("tr.dossier-row")
    expect(rows.first).to_be_visible()
    first_number = rows.first.locator("td").first.inner_text().strip()
    rows.first.locator(".dossier-toggle").click()
    details = page.locator("tr.details-row").first
    expect(details).to_contain_text("Stand van zaken")
    expect(details).to_contain_text("Hoofdsom")
    page.screenshot(path=str(screenshot_dir / "dossier-expanded.png"), full_page=True)

    with page.expect_download(timeout=90_000) as download_info:
        details.get_by_role("button", name=re.compile("pdf", re.IGNORECASE)).first.click()
    pdf_path = screenshot_dir / "dossier.pdf"
    download_info.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")
    assert first_number

    page.goto(f"{running_stack.url}/dossiers?status=gesloten")
    expect(page.locator("tr.dossier-row").first).to_be_visible()
