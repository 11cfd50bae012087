import html
import re

import pytest

from tests.portal.fake_api import dossier_id

HTMX = {"HX-Request": "true"}


def row_numbers(text: str) -> list[str]:
    return re.findall(r'class="dossier-toggle"[^>]*>([^<]+)</a>', text, flags=re.S)


class TestDossierList:
    def test_running_by_default(self, signed_in, fake_api):
        response = signed_in.get("/dossiers")

        assert response.status_code == 200
        assert "<h1>Dossiers</h1>" in response.text
        assert row_numbers(response.text)[:2] == ["2026-000001", "2026-000002"]
        assert len(row_numbers(response.text)) == 25
        assert "57 dossiers" in response.text
        call = fake_api.requests_to("/api/dossiers")[0]
        assert dict(call.url.params) == {"status": "running", "page": "1", "page_size": "25"}

    def test_row_shows_all_columns(self, signed_in):
        text = signed_in.get("/dossiers").text

        for heading in ("Dossiernummer", "Eigen referentie", "Debiteur", "Fase", "Geopend", "Hoofdsom", "Openstaand"):
            assert f">{heading}</th>" in text
        assert "DZ-7001" in text
        assert "J. de Vries" in text
        assert "Gerechtelijk" in text
        assert "2-2-2026" in text
        assert "€\xa01.137,50" in text

    def test_closed_list(self, signed_in, fake_api):
        response = signed_in.get("/dossiers?status=gesloten")

        assert row_numbers(response.text) == ["2026-000058", "2026-000059", "2026-000060"]
        assert "Volledig betaald" in response.text
        assert 'href="/dossiers?status=gesloten" aria-current="page"' in response.text
        assert fake_api.requests_to("/api/dossiers")[0].url.params["status"] == "closed"

    def test_filtered_by_phase(self, signed_in, fake_api):
        response = signed_in.get("/dossiers?status=lopend&fase=minnelijk")

        assert response.status_code == 200
        assert "Fase: <strong>Minnelijk</strong>" in response.text
        assert 'href="/dossiers?status=lopend&amp;fase=minnelijk&amp;pagina=2"' in response.text
        assert fake_api.requests_to("/api/dossiers")[0].url.params["phase"] == "amicable"

    def test_unknown_phase_is_rejected(self, signed_in, fake_api):
        response = signed_in.get("/dossiers?fase=rechtbank")

        assert response.status_code == 400
        assert "Onbekende fase" in response.text
        assert fake_api.requests_to("/api/dossiers") == []

    def test_pagination_links(self, signed_in):
        text = signed_in.get("/dossiers").text

        assert "Pagina 1 van 3" in text
        assert 'href="/dossiers?status=lopend&amp;pagina=2" rel="next"' in text
        assert 'rel="prev"' not in text

    def test_last_page(self, signed_in, fake_api):
        response = signed_in.get("/dossiers?status=lopend&pagina=3")

        assert row_numbers(response.text) == [f"2026-{number:06d}" for number in range(51, 58)]
        assert "Pagina 3 van 3" in response.text
        assert 'href="/dossiers?status=lopend&amp;pagina=2" rel="prev"' in response.text
        assert 'rel="next"' not in response.text
        assert fake_api.requests_to("/api/dossiers")[0].url.params["page"] == "3"

    def test_page_past_the_end(self, signed_in):
        response = signed_in.get("/dossiers?pagina=9")

        assert response.status_code == 200
        assert "Op deze pagina staan geen dossiers." in response.text

    def test_unknown_status_is_rejected(self, signed_in, fake_api):
        response = signed_in.get("/dossiers?status=open")

        assert response.status_code == 400
        assert 'Onbekende status "open". Gebruik status=lopend of status=gesloten.' in html.unescape(response.text)
        assert fake_api.requests_to("/api/dossiers") == []

    def test_invalid_page_is_rejected(self, signed_in):
        response = signed_in.get("/dossiers?pagina=0")

        assert response.status_code == 400
        assert 'Ongeldig paginanummer "0". Gebruik een heel getal vanaf 1.' in html.unescape(response.text)

    def test_row_expands_with_htmx_or_link(self, signed_in):
        text = signed_in.get("/dossiers").text
        identifier = dossier_id(1)

        assert f'href="/dossiers/{identifier}"' in text
        assert f'hx-get="/dossiers/{identifier}/details"' in text
        assert f'hx-target="#dossier-{identifier}-details"' in text
        assert f'<tr class="details-row" id="dossier-{identifier}-details" hidden></tr>' in text


class TestDossierDetails:
    def test_fragment_shows_every_section(self, signed_in):
        response = signed_in.get(f"/dossiers/{dossier_id(2)}/details", headers=HTMX)
        text = response.text

        assert response.status_code == 200
        assert text.lstrip().startswith(f'<tr class="details-row" id="dossier-{dossier_id(2)}-details" data-loaded>')
        assert "<html" not in text
        assert f'<h2 id="dossier-{dossier_id(2)}-title">Dossier 2026-000002</h2>' in text
        # D6: state of affairs and the history of actions
        assert ">Stand van zaken</h3>" in text
        assert "De debiteur betaalt volgens de regeling" in text
        assert "Dagvaarding betekend" in text
        assert "10-7-2026 14:05" in text
        # D7: payment arrangement
        assert ">Betalingsregeling</h3>" in text
        assert "<dt>Status</dt><dd>Lopend</dd>" in text
        assert "<dt>Termijnbedrag</dt><dd>€\xa0100,00</dd>" in text
        assert "<dt>Frequentie</dt><dd>Per maand</dd>" in text
        assert "3 van 12" in text
        assert "1-1-2027" in text
        # D8: court roll data
        assert ">Rolgegevens</h3>" in text
        assert "Rechtbank Overijssel" in text
        assert "C/08/123456 / HA ZA 26-789" in text
        assert "Rolzitting" in text
        assert "Vordering toegewezen" in text
        # D9: agency and case handler
        assert ">Contact</h3>" in text
        assert "Sanne de Jong" in text
        assert 'href="tel:0201234571"' in text
        assert 'href="mailto:s.dejong@vanderberg-incasso.example"' in text
        assert "Incassobureau Van der Berg &amp; Partners" in text
        assert 'href="https://vanderberg-incasso.example"' in text
        # D10: PDF download
        assert f'action="/dossiers/{dossier_id(2)}/pdf"' in text
        assert "PDF-overzicht downloaden" in text
        # D11: balance with invoices and bookings
        assert ">Saldo</h3>" in text
        for amount in ("1.234,56", "45,10", "185,18", "1.464,84", "300,00", "1.164,84"):
            assert f"€\xa0{amount}" in text
        assert "F2026-0412" in text
        assert "Levering kantoorartikelen maart" in text
        assert "<td>Betaald aan het incassobureau</td>" in text
        assert "<td>Rechtstreeks betaald aan jou</td>" in text
        assert "<td>Uitbetaald aan jou</td>" in text
        assert "<th scope=\"row\">Totaal betaald</th>" in text
        assert "Eigen referentie: DZ-7002" in text
        assert "Geopend: " in text

    @pytest.mark.parametrize(
        ("number", "label"), [(1, "Niet nagekomen"), (2, "Lopend"), (3, "Nagekomen")]
    )
    def test_arrangement_status_in_dutch(self, signed_in, number, label):
        text = signed_in.get(f"/dossiers/{dossier_id(number)}").text

        assert f"<dt>Status</dt><dd>{label}</dd>" in text
        assert "broken" not in text
        assert "completed" not in text

    def test_arrangement_in_english(self, signed_in):
        signed_in.cookies.set("cp_language", "en", domain="portal.test")

        text = signed_in.get(f"/dossiers/{dossier_id(1)}").text

        assert "<dt>Status</dt><dd>Broken</dd>" in text
        assert "<dt>Frequency</dt><dd>Monthly</dd>" in text
        assert "<td>Paid directly to you</td>" in text

    def test_fragment_without_htmx_goes_to_dossier_page(self, signed_in):
        response = signed_in.get(f"/dossiers/{dossier_id(2)}/details")

        assert response.status_code == 303
        assert response.headers["location"] == f"/dossiers/{dossier_id(2)}"

    def test_dossier_page_without_javascript(self, signed_in):
        response = signed_in.get(f"/dossiers/{dossier_id(2)}")

        assert response.status_code == 200
        assert "Dossier 2026-000002</h1>" in response.text
        assert ">Stand van zaken</h2>" in response.text
        assert "Petra de Zeeuw" in response.text

    def test_unknown_dossier_page_is_404(self, signed_in):
        response = signed_in.get("/dossiers/onbekend")

        assert response.status_code == 404
        assert "<h1>Pagina niet gevonden</h1>" in response.text
        assert "Dossier niet gevonden." in response.text

    def test_unknown_dossier_fragment_shows_error_row(self, signed_in):
        response = signed_in.get("/dossiers/onbekend/details", headers=HTMX)

        assert response.status_code == 404
        assert '<tr class="details-row" id="dossier-onbekend-details">' in response.text
        assert "Dossier niet gevonden." in response.text

    def test_ended_session_in_fragment_redirects_page(self, signed_in, fake_api):
        fake_api.sessions.clear()

        response = signed_in.get(f"/dossiers/{dossier_id(2)}/details", headers=HTMX)

        assert response.status_code == 200
        assert response.headers["HX-Redirect"] == "/inloggen?melding=sessie-verlopen"
