from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

from tests.portal.conftest import SAME_ORIGIN
from tests.portal.fake_api import BLOCKED_EMAIL, GOOD_CODE, LOCKED_EMAIL, PASSWORD, USER_EMAIL


def log_in_with_password(client, email=USER_EMAIL, password=PASSWORD):
    return client.post("/inloggen", data={"email": email, "password": password}, headers=SAME_ORIGIN)


def attempt_of(response) -> str:
    return parse_qs(urlsplit(response.headers["location"]).query)["poging"][0]


def session_cookie(response) -> SimpleCookie:
    cookie = SimpleCookie()
    for header in response.headers.get_list("set-cookie"):
        if header.startswith("cp_session="):
            cookie.load(header)
    return cookie


class TestLoginForm:
    def test_shows_dutch_form(self, client):
        response = client.get("/inloggen")

        assert response.status_code == 200
        assert '<html lang="nl">' in response.text
        assert "<h1>Inloggen</h1>" in response.text
        assert '<label for="email">E-mailadres</label>' in response.text
        assert '<label for="password">Wachtwoord</label>' in response.text

    def test_password_redirects_to_code(self, client, fake_api):
        response = log_in_with_password(client)

        assert response.status_code == 303
        assert response.headers["location"].startswith("/beveiligingscode?poging=")
        assert attempt_of(response) in fake_api.attempts

    def test_wrong_password_shows_dutch_message(self, client):
        response = log_in_with_password(client, password="fout")

        assert response.status_code == 401
        assert "E-mailadres of wachtwoord onjuist." in response.text
        assert f'value="{USER_EMAIL}"' in response.text
        assert "fout" not in response.text

    def test_unknown_email_shows_same_message(self, client):
        response = log_in_with_password(client, email="onbekend@example.test")

        assert response.status_code == 401
        assert "E-mailadres of wachtwoord onjuist." in response.text

    def test_blocked_account_explains_what_to_do(self, client):
        response = log_in_with_password(client, email=BLOCKED_EMAIL)

        assert response.status_code == 403
        assert "Je account is geblokkeerd." in response.text
        assert "Neem contact op met het incassobureau" in response.text

    def test_lockout_shows_api_message(self, client):
        response = log_in_with_password(client, email=LOCKED_EMAIL)

        assert response.status_code == 429
        assert "Te veel mislukte pogingen" in response.text

    def test_empty_fields_are_not_sent(self, client, fake_api):
        response = log_in_with_password(client, email=" ", password="")

        assert response.status_code == 400
        assert "Vul je e-mailadres en wachtwoord in." in response.text
        assert fake_api.requests_to("/api/auth/login") == []

    def test_stale_session_is_not_sent_with_login(self, client, fake_api):
        client.cookies.set("cp_session", "verlopen-token", domain="portal.test")

        response = log_in_with_password(client, password="fout")

        assert response.status_code == 401
        assert "E-mailadres of wachtwoord onjuist." in response.text
        assert "authorization" not in fake_api.requests_to("/api/auth/login")[0].headers


class TestSecurityCode:
    def test_code_form_is_numeric_one_time_code(self, client):
        attempt = attempt_of(log_in_with_password(client))

        response = client.get(f"/beveiligingscode?poging={attempt}")

        assert response.status_code == 200
        assert 'inputmode="numeric"' in response.text
        assert 'autocomplete="one-time-code"' in response.text
        assert f'name="poging" value="{attempt}"' in response.text

    def test_code_form_without_attempt_goes_to_login(self, client):
        response = client.get("/beveiligingscode")

        assert response.status_code == 303
        assert response.headers["location"] == "/inloggen"

    def test_good_code_sets_session_cookie(self, client, fake_api):
        attempt = attempt_of(log_in_with_password(client))

        response = client.post("/beveiligingscode", data={"poging": attempt, "code": GOOD_CODE}, headers=SAME_ORIGIN)

        assert response.status_code == 303
        assert response.headers["location"] == "/"
        cookie = session_cookie(response)["cp_session"]
        assert cookie.value in fake_api.sessions
        assert cookie["httponly"] is True
        assert cookie["secure"] is True
        assert cookie["samesite"] == "lax"
        assert cookie["path"] == "/"
        assert cookie["expires"] == "Sat, 05 Dec 2026 08:00:00 GMT"

    def test_signed_in_user_sees_dashboard(self, client):
        attempt = attempt_of(log_in_with_password(client))
        client.post("/beveiligingscode", data={"poging": attempt, "code": GOOD_CODE}, headers=SAME_ORIGIN)

        response = client.get("/")

        assert response.status_code == 200
        assert "Petra de Zeeuw" in response.text

    def test_code_with_spaces_is_accepted(self, client, fake_api):
        attempt = attempt_of(log_in_with_password(client))

        response = client.post("/beveiligingscode", data={"poging": attempt, "code": "123 456"}, headers=SAME_ORIGIN)

        assert response.status_code == 303
        assert session_cookie(response)["cp_session"].value in fake_api.sessions

    def test_wrong_code_shows_attempts_left(self, client):
        attempt = attempt_of(log_in_with_password(client))

        response = client.post("/beveiligingscode", data={"poging": attempt, "code": "654321"}, headers=SAME_ORIGIN)

        assert response.status_code == 400
        assert "De beveiligingscode is onjuist." in response.text
        assert "Je hebt nog 4 pogingen." in response.text
        assert "cp_session" not in response.headers.get("set-cookie", "")

    def test_expired_attempt_asks_to_log_in_again(self, client):
        response = client.post("/beveiligingscode", data={"poging": "onbekend", "code": GOOD_CODE}, headers=SAME_ORIGIN)

        assert response.status_code == 410
        assert "Deze inlogpoging is verlopen, log opnieuw in." in response.text
        assert 'href="/inloggen">Opnieuw inloggen</a>' in response.text
        assert 'name="code"' not in response.text

    def test_fifth_wrong_code_ends_attempt(self, client):
        attempt = attempt_of(log_in_with_password(client))
        for _ in range(4):
            client.post("/beveiligingscode", data={"poging": attempt, "code": "000000"}, headers=SAME_ORIGIN)

        response = client.post("/beveiligingscode", data={"poging": attempt, "code": "000000"}, headers=SAME_ORIGIN)

        assert response.status_code == 400
        assert "Opnieuw inloggen" in response.text
        assert "Je hebt nog" not in response.text

    def test_malformed_code_is_not_sent(self, client, fake_api):
        attempt = attempt_of(log_in_with_password(client))

        response = client.post("/beveiligingscode", data={"poging": attempt, "code": "12ab"}, headers=SAME_ORIGIN)

        assert response.status_code == 400
        assert "Vul de 6 cijfers van de beveiligingscode uit de e-mail in." in response.text
        assert fake_api.requests_to(f"/api/auth/login/{attempt}/code") == []

    def test_api_session_cookie_is_not_kept_by_portal(self, client, fake_api):
        attempt = attempt_of(log_in_with_password(client))
        client.post("/beveiligingscode", data={"poging": attempt, "code": GOOD_CODE}, headers=SAME_ORIGIN)
        client.cookies.clear()

        response = client.get("/")

        assert response.status_code == 303
        assert all("cookie" not in request.headers for request in fake_api.requests)

    def test_user_language_becomes_page_language(self, client):
        attempt = attempt_of(log_in_with_password(client))

        response = client.post("/beveiligingscode", data={"poging": attempt, "code": GOOD_CODE}, headers=SAME_ORIGIN)

        languages = [header for header in response.headers.get_list("set-cookie") if header.startswith("cp_language=")]
        assert languages and languages[0].startswith("cp_language=nl;")


class TestLogout:
    def test_logout_revokes_session_and_clears_cookie(self, signed_in, fake_api):
        token = signed_in.cookies.get("cp_session")

        response = signed_in.post("/uitloggen", headers=SAME_ORIGIN)

        assert response.status_code == 303
        assert response.headers["location"] == "/inloggen?melding=uitgelogd"
        assert token not in fake_api.sessions
        cleared = session_cookie(response)["cp_session"]
        assert cleared.value == ""
        assert cleared["max-age"] == "0"

    def test_logged_out_page_says_so(self, client):
        response = client.get("/inloggen?melding=uitgelogd")

        assert "Je bent uitgelogd." in response.text

    def test_logout_with_ended_session_still_clears_cookie(self, signed_in, fake_api):
        fake_api.sessions.clear()

        response = signed_in.post("/uitloggen", headers=SAME_ORIGIN)

        assert response.status_code == 303
        assert session_cookie(response)["cp_session"].value == ""
