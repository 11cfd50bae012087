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

    def test_download_id_comes_back_in_cookie(self, signed_in):
        response = signed_in.post(
            f"/dossiers/{dossier_id(2)}/pdf", headers=SAME_ORIGIN, data={"download": "3f9a0c1d2e4b5a6978c0d1e2"}
        )

        assert response.status_code == 200
        cookie = response.headers["set-cookie"]
        assert cookie.startswith("cp_pdf_download=3f9a0c1d2e4b5a6978c0d1e2;")
        assert "Max-Age=60" in cookie
        assert "samesite=strict" in cookie.lower()
        assert "httponly" not in cookie.lower()

    def test_invalid_download_id_sets_no_cookie(self, signed_in):
        for download in ("", "short", 'a";b=c; Path=/evil', "x" * 65):
            response = signed_in.post(f"/dossiers/{dossier_id(2)}/pdf", headers=SAME_ORIGIN, data={"download": download})

            assert response.status_code == 200, download
            assert "cp_pdf_download" not in response.headers.get("set-cookie", ""), download

    def test_failed_rendering_sets_no_download_cookie(self, signed_in, fake_api):
        fake_api.pdf_outcome = "failed"

        response = signed_in.post(
            f"/dossiers/{dossier_id(2)}/pdf", headers=SAME_ORIGIN, data={"download": "3f9a0c1d2e4b5a6978c0d1e2"}
        )

        assert response.status_code == 502
        assert "cp_pdf_download" not in response.headers.get("set-cookie", "")

    def test_dossier_form_carries_download_field(self, signed_in):
        text = signed_in.get(f"/dossiers/{dossier_id(2)}").text

        assert '<input type="hidden" name="download" value="" data-pdf-download>' in text
        assert 'role="status" data-pdf-status hidden' in text
