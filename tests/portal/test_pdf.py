import html

from tests.portal.conftest import SAME_ORIGIN
from tests.portal.fake_api import PDF_BYTES, dossier_id


class TestOverviewPdf:
    def test_streams_pdf_as_attachment(self, signed_in, fake_api):
        response = signed_in.post(f"/dossiers/{dossier_id(2)}/pdf", headers=SAME_ORIGIN)

        assert response.status_code == 200
        assert response.headers["content-type"] == "application/pdf"
        assert response.headers["content-disposition"].startswith('attachment; filename="dossier-2026-000002.pdf"')
        assert response.content == PDF_BYTES

    def test_polls_until_ready(self, signed_in, fake_api):
        fake_api.pdf_polls_until_ready = 4

        signed_in.post(f"/dossiers/{dossier_id(2)}/pdf", headers=SAME_ORIGIN)

        (document_id,) = fake_api.documents
        assert len(fake_api.requests_to(f"/api/reporting/documents/{document_id}")) == 4
        assert len(fake_api.requests_to(f"/api/reporting/documents/{document_id}/file")) == 1

    def test_failed_rendering_shows_dutch_error(self, signed_in, fake_api):
        fake_api.pdf_outcome = "failed"

        response = signed_in.post(f"/dossiers/{dossier_id(2)}/pdf", headers=SAME_ORIGIN)

        assert response.status_code == 502
        assert response.headers["content-type"].startswith("text/html")
        assert "Het PDF-overzicht kon niet worden gemaakt." in response.text

    def test_slow_rendering_gives_up(self, signed_in, fake_api):
        fake_api.pdf_polls_until_ready = 10_000

        response = signed_in.post(f"/dossiers/{dossier_id(2)}/pdf", headers=SAME_ORIGIN)

        assert response.status_code == 504
        assert "duurt langer dan normaal" in response.text

    def test_unknown_dossier_is_404(self, signed_in):
        response = signed_in.post("/dossiers/onbekend/pdf", headers=SAME_ORIGIN)

        assert response.status_code == 404
        assert "Dossier niet gevonden." in response.text

    def test_foreign_origin_is_refused(self, signed_in, fake_api):
        response = signed_in.post(f"/dossiers/{dossier_id(2)}/pdf", headers={"Origin": "https://evil.example"})

        assert response.status_code == 403
        assert "Dit formulier is niet vanuit dit portaal verstuurd" in html.unescape(response.text)
        assert fake_api.documents == {}
