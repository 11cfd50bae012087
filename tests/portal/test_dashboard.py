import re


class TestDashboard:
    def test_requires_login(self, client, fake_api):
        response = client.get("/")

        assert response.status_code == 303
        assert response.headers["location"] == "/inloggen"
        assert fake_api.requests == []

    def test_header_shows_organisation_and_user(self, signed_in):
        response = signed_in.get("/")

        assert response.status_code == 200
        assert '<span class="account__organisation">Groothandel De Zeeuw B.V.</span>' in response.text
        assert '<span class="account__name">Petra de Zeeuw</span>' in response.text
        assert '<form method="post" action="/uitloggen">' in response.text

    def test_totals_are_in_dutch_formats(self, signed_in):
        text = signed_in.get("/").text

        assert "<h2 id=\"totals-title\">Totalen</h2>" in text
        assert "<dd>18.230</dd>" in text
        assert "<dd>2.182</dd>" in text
        assert "<dd>20.412</dd>" in text
        assert "<dd>€\xa01.234.567,89</dd>" in text
        assert "<dd>€\xa0234.567,10</dd>" in text
        assert "<dd>€\xa01.000.000,79</dd>" in text
        assert "<dt>Openstaand in lopende dossiers</dt>" in text
        assert "Bijgewerkt op 4-12-2026 14:05" in text

    def test_outstanding_label_in_english(self, signed_in):
        signed_in.cookies.set("cp_language", "en", domain="portal.test")

        text = signed_in.get("/").text

        assert "<dt>Outstanding in running dossiers</dt>" in text

    def test_phase_chart_reads_accessible_table(self, signed_in):
        text = signed_in.get("/").text

        assert '<canvas id="phase-chart" data-chart-table="phase-table"' in text
        assert '<script src="/static/vendor/chart.umd.min.js" defer></script>' in text
        rows = re.findall(r'<tr data-phase="(\w+)" data-count="(\d+)" data-href="([^"]+)">', text)
        assert rows == [
            ("pre_collection", "2900", "/dossiers?status=lopend&amp;fase=pre-incasso"),
            ("amicable", "8000", "/dossiers?status=lopend&amp;fase=minnelijk"),
            ("judicial", "3850", "/dossiers?status=lopend&amp;fase=gerechtelijk"),
            ("enforcement", "2230", "/dossiers?status=lopend&amp;fase=executie"),
            ("monitoring", "1250", "/dossiers?status=lopend&amp;fase=bewaking"),
        ]
        assert ">Minnelijk</a>" in text
        assert '<td class="num">8.000</td>' in text
        assert '<td class="num">43,9%</td>' in text
        assert "Lopende dossiers: 18.230" in text

    def test_api_calls_carry_session_and_language(self, signed_in, fake_api):
        token = signed_in.cookies.get("cp_session")

        signed_in.get("/")

        totals_call = fake_api.requests_to("/api/reporting/widgets/totals")[0]
        assert totals_call.headers["authorization"] == f"Bearer {token}"
        assert totals_call.headers["accept-language"] == "nl"

    def test_api_calls_name_the_browser(self, signed_in, fake_api):
        signed_in.get("/", headers={"User-Agent": "Firefox/140.0"})

        totals_call = fake_api.requests_to("/api/reporting/widgets/totals")[0]
        assert totals_call.headers["x-forwarded-for"] == "testclient"
        assert totals_call.headers["user-agent"] == "Firefox/140.0"

    def test_ended_session_redirects_to_login(self, signed_in, fake_api):
        fake_api.sessions.clear()

        response = signed_in.get("/")

        assert response.status_code == 303
        assert response.headers["location"] == "/inloggen?melding=sessie-verlopen"
        assert 'cp_session=""' in response.headers["set-cookie"]

    def test_ended_session_page_explains(self, client):
        response = client.get("/inloggen?melding=sessie-verlopen")

        assert "Je sessie is verlopen. Log opnieuw in." in response.text

    def test_unreachable_api_shows_dutch_error_page(self, signed_in, fake_api):
        fake_api.unavailable = True

        response = signed_in.get("/")

        assert response.status_code == 503
        assert "<h1>Er ging iets mis</h1>" in response.text
        assert "Het portaal kan de gegevens nu niet ophalen." in response.text


class TestLanguage:
    def test_english_toggle_translates_heading(self, signed_in):
        toggle = signed_in.post(
            "/taal", data={"taal": "en", "terug": "/dossiers"}, headers={"Origin": "https://portal.test"}
        )

        assert toggle.status_code == 303
        assert toggle.headers["location"] == "/dossiers"
        response = signed_in.get("/")
        assert '<html lang="en">' in response.text
        assert '<h2 id="phases-title">Dossiers per phase</h2>' in response.text
        assert "<dd>€1,234,567.89</dd>" in response.text
        assert ">Nederlands</button>" in response.text

    def test_english_page_asks_api_in_english(self, signed_in, fake_api):
        signed_in.cookies.set("cp_language", "en", domain="portal.test")

        signed_in.get("/")

        assert fake_api.requests_to("/api/auth/me")[0].headers["accept-language"] == "en"

    def test_toggle_does_not_redirect_off_site(self, client):
        response = client.post(
            "/taal", data={"taal": "en", "terug": "//evil.example/"}, headers={"Origin": "https://portal.test"}
        )

        assert response.headers["location"] == "/"

    def test_unknown_language_is_ignored(self, client):
        response = client.post("/taal", data={"taal": "de", "terug": "/"}, headers={"Origin": "https://portal.test"})

        assert response.status_code == 303
        assert "cp_language" not in response.headers.get("set-cookie", "")
