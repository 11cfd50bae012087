"""The PDF task run in-process against a real HTTP server standing in for the dossiers service."""

import json
import re
import subprocess
import threading
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select
from sqlalchemy.orm import undefer

from cp_common.db import utcnow
from cp_common.identity import IDENTITY_HEADER, IdentityKind, IdentityVerifier, InvalidIdentityToken
from cp_common.keys import load_public_keys
from cp_reporting.documents import tasks
from cp_reporting.documents.dossier_detail import DossierDetail
from cp_reporting.documents.dossiers_client import DossiersUnavailable
from cp_reporting.documents.models import Document
from cp_reporting.documents.overview_pdf import LocalOnlyURLFetcher, render_overview_html, render_overview_pdf
from tests.reporting.conftest import delete_rows
from tests.reporting.factories import dossier_detail

PDFTOTEXT = "/usr/bin/pdftotext"


@dataclass
class FakeDossiersService:
    """What the stand-in dossiers service returns, and what it was asked."""

    verifier: IdentityVerifier
    dossiers: dict[str, dict] = field(default_factory=dict)
    failing_status: int | None = None
    callers: list[str] = field(default_factory=list)
    url: str = ""


def make_handler(state: FakeDossiersService):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            match = re.fullmatch(r"/internal/dossiers/([0-9a-f-]{36})", self.path)
            if match is None:
                return self._send(404, {"error": {"code": "not_found"}})
            try:
                identity = state.verifier.verify(self.headers.get(IDENTITY_HEADER))
            except InvalidIdentityToken:
                return self._send(401, {"error": {"code": "not_authenticated"}})
            if identity.kind is not IdentityKind.SERVICE or identity.subject != "reporting":
                return self._send(403, {"error": {"code": "forbidden"}})

            state.callers.append(identity.subject)
            if state.failing_status is not None:
                return self._send(state.failing_status, {"error": {"code": "unavailable"}})
            dossier = state.dossiers.get(match.group(1))
            if dossier is None:
                return self._send(404, {"error": {"code": "dossier_not_found"}})
            return self._send(200, dossier)

        def _send(self, status: int, body: dict) -> None:
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *_args) -> None:
            pass

    return Handler


@pytest.fixture
def dossiers_service(keys_dir) -> Iterator[FakeDossiersService]:
    state = FakeDossiersService(verifier=IdentityVerifier(load_public_keys(keys_dir)))
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def rendering(settings, dossiers_service, committing_session_factory) -> Iterator[tasks.RenderContext]:
    context = tasks.configure_rendering(settings.model_copy(update={"dossiers_internal_url": dossiers_service.url}))
    yield context
    tasks.close_rendering()


@pytest.fixture
def make_document(engine, committing_session_factory, organisation_id):
    """Commit pending documents as the API does; remove them afterwards."""
    created: list[uuid.UUID] = []

    def make(dossier_id: uuid.UUID, *, language: str = "nl", number: str = "2025-004211") -> uuid.UUID:
        document = Document(
            id=uuid.uuid4(),
            kind="dossier_overview",
            dossier_id=dossier_id,
            dossier_number=number,
            creditor_id=organisation_id,
            requested_by=uuid.uuid4(),
            language=language,
            status="pending",
            created_at=utcnow(),
        )
        with committing_session_factory() as session:
            session.add(document)
            session.commit()
        created.append(document.id)
        return document.id

    yield make
    delete_rows(engine, document_ids=created)


def load(committing_session_factory, document_id: uuid.UUID) -> Document:
    with committing_session_factory() as session:
        return session.scalar(select(Document).where(Document.id == document_id).options(undefer(Document.content)))


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "overview.pdf"
    path.write_bytes(content)
    output = subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], check=True, capture_output=True, text=True)
    # Babel puts a no-break space between the euro sign and the amount.
    return output.stdout.replace("\xa0", " ")


class TestRenderDossierOverview:
    def test_renders_dutch_pdf(self, rendering, dossiers_service, make_document, organisation_id, committing_session_factory, tmp_path):
        dossier_id = uuid.uuid4()
        dossiers_service.dossiers[str(dossier_id)] = dossier_detail(dossier_id, organisation_id)
        document_id = make_document(dossier_id)

        tasks.render_dossier_overview(document_id=str(document_id))

        document = load(committing_session_factory, document_id)
        assert document.status == "ready"
        assert document.finished_at is not None
        assert document.error is None
        assert document.content.startswith(b"%PDF")
        assert dossiers_service.callers == ["reporting"]

        text = pdf_text(document.content, tmp_path)
        for heading in (
            "Dossieroverzicht",
            "Stand van zaken",
            "Debiteur",
            "Saldo",
            "Facturen (hoofdsom)",
            "Boekingen",
            "Uitbetaald aan jou",
            "Betalingsregeling",
            "Rolgegevens",
            "Historie van acties",
            "Je dossierbehandelaar",
        ):
            assert heading in text, heading
        assert "2025-004211" in text
        assert "DZ-88412" in text
        assert "Groothandel De Zeeuw B.V." in text
        assert "Incassobureau Van der Berg & Partners" in text
        assert "Gerechtelijk" in text
        assert "Lopend" in text
        assert "€ 1.234,56" in text
        assert "€ 1.441,24" in text
        assert "€ 941,24" in text
        assert "Rechtstreeks betaald aan jou" in text
        assert "Betaald aan het incassobureau" in text
        assert "Eigen referentie" in text
        assert "Geopend" in text
        assert "Uw " not in text
        assert "11223344 CV EXPL 25-1234" in text
        assert "20-8-2025" in text
        # 21 July 2025 08:05 UTC is 10:05 in Amsterdam (summer time).
        assert "21-7-2025 10:05" in text
        assert "Per maand" in text
        assert "2 van 10" in text
        assert "Sanne de Jong" in text
        assert "Gemaakt op" in text
        assert re.search(r"Pagina 1 van \d", text)

    def test_renders_english_pdf_for_english_user(self, rendering, dossiers_service, make_document, organisation_id, committing_session_factory, tmp_path):
        dossier_id = uuid.uuid4()
        dossiers_service.dossiers[str(dossier_id)] = dossier_detail(dossier_id, organisation_id)
        document_id = make_document(dossier_id, language="en")

        tasks.render_dossier_overview(document_id=str(document_id))

        text = pdf_text(load(committing_session_factory, document_id).content, tmp_path)
        assert "Dossier overview" in text
        assert "Balance" in text
        assert "Judicial" in text
        assert "€1,234.56" in text
        assert re.search(r"Page 1 of \d", text)

    def test_missing_dossier_fails_document(self, rendering, dossiers_service, make_document, committing_session_factory):
        document_id = make_document(uuid.uuid4())

        tasks.render_dossier_overview(document_id=str(document_id))

        document = load(committing_session_factory, document_id)
        assert document.status == "failed"
        assert "404" in document.error
        assert document.content is None
        assert document.finished_at is not None

    def test_dossier_of_other_creditor_fails_document(self, rendering, dossiers_service, make_document, committing_session_factory):
        dossier_id = uuid.uuid4()
        dossiers_service.dossiers[str(dossier_id)] = dossier_detail(dossier_id, uuid.uuid4())
        document_id = make_document(dossier_id)

        tasks.render_dossier_overview(document_id=str(document_id))

        document = load(committing_session_factory, document_id)
        assert document.status == "failed"
        assert "belongs to creditor" in document.error

    def test_server_error_is_retried(self, rendering, dossiers_service, make_document, committing_session_factory):
        dossiers_service.failing_status = 503
        document_id = make_document(uuid.uuid4())

        # Called directly, the task raises what it would retry on.
        with pytest.raises(DossiersUnavailable, match="503"):
            tasks.render_dossier_overview(document_id=str(document_id))

        assert load(committing_session_factory, document_id).status == "pending"

    def test_server_error_after_last_retry_fails_document(self, rendering, dossiers_service, make_document, committing_session_factory):
        dossiers_service.failing_status = 502
        document_id = make_document(uuid.uuid4())

        # Run in-process as the final attempt.
        tasks.render_dossier_overview.apply(kwargs={"document_id": str(document_id)}, retries=tasks.MAX_RETRIES)

        document = load(committing_session_factory, document_id)
        assert document.status == "failed"
        assert "unavailable after 8 retries" in document.error

    def test_unreachable_service_is_retried(self, settings, rendering, make_document, committing_session_factory, unused_port):
        tasks.configure_rendering(settings.model_copy(update={"dossiers_internal_url": f"http://127.0.0.1:{unused_port}"}))
        document_id = make_document(uuid.uuid4())

        with pytest.raises(DossiersUnavailable, match="ConnectError"):
            tasks.render_dossier_overview(document_id=str(document_id))

        assert load(committing_session_factory, document_id).status == "pending"

    def test_finished_document_is_not_rendered_again(self, rendering, dossiers_service, make_document, committing_session_factory):
        document_id = make_document(uuid.uuid4())
        tasks.render_dossier_overview(document_id=str(document_id))

        tasks.render_dossier_overview(document_id=str(document_id))

        assert len(dossiers_service.callers) == 1


class TestOverviewRendering:
    def test_dossier_texts_are_escaped(self, organisation_id):
        values = dossier_detail(uuid.uuid4(), organisation_id)
        values["status_text"] = '<img src="http://127.0.0.1:9/tracker.png">'
        dossier = DossierDetail.model_validate(values)

        html = render_overview_html(dossier, "nl", utcnow())

        assert "<img" not in html
        assert "&lt;img src=&#34;http://127.0.0.1:9/tracker.png&#34;&gt;" in html

    def test_minimal_dossier_renders(self, organisation_id, tmp_path):
        """A new dossier: no arrangement, court case, bookings, actions, case handler or agency profile."""
        values = dossier_detail(uuid.uuid4(), organisation_id)
        values.update(
            status_text=None, bookings=[], actions=[], arrangement=None, court_case=None, case_handler=None, agency=None
        )
        values["debtor"] = {"kind": "person", "name": "J. de Vries", "country": "NL"}
        dossier = DossierDetail.model_validate(values)

        text = pdf_text(render_overview_pdf(dossier, "nl", utcnow()), tmp_path)

        assert "Dossieroverzicht" in text
        assert "J. de Vries (Particulier)" in text
        assert "Er is nog geen stand van zaken vastgelegd." in text
        assert "Er zijn nog geen betalingen geboekt." in text
        assert "Er zijn nog geen acties uitgevoerd." in text
        assert "Betalingsregeling" not in text
        assert "Rolgegevens" not in text
        assert "Contact" not in text

    def test_payment_total_after_last_row_of_long_table(self, organisation_id, tmp_path):
        values = dossier_detail(uuid.uuid4(), organisation_id)
        values["bookings"] = [
            {
                "booked_on": (date(2025, 1, 1) + timedelta(weeks=week)).isoformat(),
                "amount": "10.00",
                "kind": "payment_to_agency",
                "description": f"Termijn {week + 1}",
            }
            for week in range(40)
        ]
        values["balance"]["paid"] = "400.00"
        dossier = DossierDetail.model_validate(values)

        pages = pdf_text(render_overview_pdf(dossier, "nl", utcnow()), tmp_path).split("\f")
        lines = [(number, line.strip()) for number, page in enumerate(pages, start=1) for line in page.splitlines() if line.strip()]
        booking_lines = [index for index, (_page, line) in enumerate(lines) if re.search(r"Termijn \d+ ", line)]
        total_lines = [index for index, (_page, line) in enumerate(lines) if re.fullmatch(r"Totaal betaald +€ 400,00", line)]

        assert len(booking_lines) == 40
        # The balance table and the end of the bookings table; a footer repeated per page would add more.
        assert len(total_lines) == 2
        assert total_lines[0] < booking_lines[0]
        assert total_lines[1] == booking_lines[-1] + 1
        assert "Termijn 40 " in lines[booking_lines[-1]][1]
        assert lines[booking_lines[0]][0] < lines[total_lines[1]][0], "the table should span pages"
        assert lines[booking_lines[-1]][0] == lines[total_lines[1]][0]

    @pytest.mark.parametrize("url", ["http://127.0.0.1:9/logo.png", "https://fonts.example/font.woff2", "file:///etc/passwd"])
    def test_fetcher_rejects_remote_and_outside_files(self, url):
        with pytest.raises(ValueError, match="rejected"):
            LocalOnlyURLFetcher().fetch(url)

    def test_fetcher_allows_inline_data(self):
        response = LocalOnlyURLFetcher().fetch("data:text/plain;base64,aGFsbG8=")

        assert response.read() == b"hallo"


def test_worker_registers_task_on_pdf_queue():
    from cp_reporting.worker import app

    assert "pdf.render_dossier_overview" in app.tasks
    assert app.conf.task_routes == {"pdf.render_dossier_overview": {"queue": "pdf"}}
    assert app.conf.task_acks_late is True
