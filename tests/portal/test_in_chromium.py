"""The portal's layout and scripts in headless Chromium, served on 127.0.0.1 with the fake API behind it."""

import io
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from PIL import Image, ImageChops
from playwright.sync_api import expect, sync_playwright

from cp_portal.app import create_app
from cp_portal.settings import Settings
from tests.portal.fake_api import GOOD_CODE, PASSWORD, USER_EMAIL, FakeApi, dossier_id

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGUMENTS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PHONE = {"width": 390, "height": 844}
# Wider than a space between words (about 7 px at the portal's 16 px text), narrower than the 1rem after a label.
MIN_LABEL_GAP_PIXELS = 12


@pytest.fixture
def portal_url(fake_api: FakeApi) -> Iterator[str]:
    settings = Settings(
        environment="test",
        api_base_url="https://127.0.0.1:8443",
        api_ca_file="",
        cookie_secure=False,
        pdf_wait_timeout=10.0,
        pdf_poll_interval=0.05,
    )
    app = create_app(settings, api_transport=httpx.MockTransport(fake_api.handle))
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the portal did not start within 10 s"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    listener.close()


@pytest.fixture
def phone_page(portal_url):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGUMENTS)
        context = browser.new_context(viewport=PHONE, accept_downloads=True, base_url=portal_url)
        page = context.new_page()
        log_in(page)
        yield page
        context.close()
        browser.close()


def log_in(page) -> None:
    page.goto("/inloggen")
    page.fill("#email", USER_EMAIL)
    page.fill("#password", PASSWORD)
    page.click("main form button[type=submit]")
    page.fill("#code", GOOD_CODE)
    page.click("main form button[type=submit]")
    expect(page.get_by_role("heading", name="Dossiers per fase")).to_be_visible()


def widest_blank_run(png: bytes) -> int:
    """Return the widest run of blank pixel columns between the first and last inked column."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    background = Image.new("RGB", image.size, image.getpixel((0, 0)))
    difference = ImageChops.difference(image, background).convert("L").point(lambda value: 255 if value > 40 else 0)
    inked = [difference.crop((x, 0, x + 1, image.height)).getbbox() is not None for x in range(image.width)]
    first, last = inked.index(True), len(inked) - 1 - inked[::-1].index(True)
    widest = current = 0
    for column_inked in inked[first:last + 1]:
        current = 0 if column_inked else current + 1
        widest = max(widest, current)
    return widest


class TestDossierCardsOnPhone:
    def test_label_and_value_apart(self, phone_page, tmp_path):
        phone_page.goto("/dossiers")
        first_card = phone_page.locator("tr.dossier-row").first
        expect(first_card).to_be_visible()
        phone_page.screenshot(path=str(tmp_path / "dossiers-390.png"))

        cells = first_card.locator("td")
        assert cells.count() == 6
        for index in range(cells.count()):
            cell = cells.nth(index)
            label = cell.get_attribute("data-label")
            gap = widest_blank_run(cell.screenshot())
            assert gap >= MIN_LABEL_GAP_PIXELS, label


class TestPdfStatusMessage:
    def test_hidden_when_download_arrives(self, phone_page, fake_api):
        # About a second of polling, so the message is seen before the file arrives.
        fake_api.pdf_polls_until_ready = 20
        phone_page.goto(f"/dossiers/{dossier_id(2)}")
        status = phone_page.get_by_role("status").filter(has_text="Het PDF-overzicht wordt gemaakt")

        with phone_page.expect_download() as download_info:
            phone_page.get_by_role("button", name="PDF-overzicht downloaden").click()
            expect(status).to_be_visible()

        assert download_info.value.suggested_filename == "dossier-2026-000002.pdf"
        # Well before the 35 s after which the script gives up waiting for the download.
        expect(status).to_be_hidden(timeout=3000)
        assert "cp_pdf_download" not in {cookie["name"] for cookie in phone_page.context.cookies()}

    def test_shown_again_for_second_download(self, phone_page, fake_api):
        phone_page.goto(f"/dossiers/{dossier_id(2)}")
        status = phone_page.get_by_role("status").filter(has_text="Het PDF-overzicht wordt gemaakt")
        button = phone_page.get_by_role("button", name="PDF-overzicht downloaden")

        for _attempt in range(2):
            fake_api.pdf_polls_until_ready = 20
            with phone_page.expect_download():
                button.click()
                expect(status).to_be_visible()
            expect(status).to_be_hidden(timeout=3000)

        assert len(fake_api.documents) == 2

