import html

import pytest

from tests.portal.fake_api import PASSWORD, USER_EMAIL


class TestCrossSitePosts:
    @pytest.mark.parametrize("path", ["/inloggen", "/beveiligingscode", "/uitloggen", "/taal"])
    def test_foreign_origin_is_refused(self, signed_in, fake_api, path):
        response = signed_in.post(path, data={"email": USER_EMAIL, "password": PASSWORD}, headers={"Origin": "https://evil.example"})

        assert response.status_code == 403
        assert "Dit formulier is niet vanuit dit portaal verstuurd" in html.unescape(response.text)
        assert fake_api.requests_to("/api/auth/login") == []
        assert fake_api.requests_to("/api/auth/logout") == []

    def test_missing_origin_and_referer_is_refused(self, client, fake_api):
        response = client.post("/inloggen", data={"email": USER_EMAIL, "password": PASSWORD})

        assert response.status_code == 403
        assert fake_api.requests == []

    def test_null_origin_is_refused(self, client):
        response = client.post("/inloggen", data={"email": USER_EMAIL, "password": PASSWORD}, headers={"Origin": "null"})

        assert response.status_code == 403

    def test_same_site_referer_is_accepted(self, client):
        response = client.post(
            "/inloggen",
            data={"email": USER_EMAIL, "password": PASSWORD},
            headers={"Referer": "https://portal.test/inloggen"},
        )

        assert response.status_code == 303

    def test_lookalike_host_is_refused(self, client):
        response = client.post(
            "/inloggen",
            data={"email": USER_EMAIL, "password": PASSWORD},
            headers={"Origin": "https://portal.test.evil.example"},
        )

        assert response.status_code == 403


class TestHeaders:
    def test_pages_carry_security_headers(self, client):
        response = client.get("/inloggen")

        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"
        assert response.headers["cache-control"] == "no-store"

    def test_static_files_are_cacheable(self, client):
        response = client.get("/static/css/portal.css")

        assert response.status_code == 200
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "cache-control" not in response.headers

    def test_pages_have_no_inline_scripts(self, signed_in):
        text = signed_in.get("/").text

        assert "<script>" not in text
        assert " onclick=" not in text
        assert "style=" not in text


class TestNotFound:
    def test_unknown_page_is_dutch_404(self, client):
        response = client.get("/bestaat-niet")

        assert response.status_code == 404
        assert "<h1>Pagina niet gevonden</h1>" in response.text
        assert "content-security-policy" in response.headers

    def test_website_link_must_be_http(self):
        from cp_portal.display import web_url

        assert web_url("javascript:alert(1)") is None
        assert web_url("https://vanderberg-incasso.example") == "https://vanderberg-incasso.example"
