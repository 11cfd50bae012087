import httpx
import pytest

from cp_portal.api import ApiClient, ApiError, ApiUnavailable, SessionExpired
from cp_portal.settings import Settings


def client_answering(handler) -> ApiClient:
    settings = Settings(environment="test", api_base_url="https://127.0.0.1:8443", api_ca_file="")
    return ApiClient(settings, transport=httpx.MockTransport(handler))


def error(status: int, code: str, message: str, **details) -> httpx.Response:
    return httpx.Response(status, json={"error": {"code": code, "message": message, "details": details}})


class TestApiSession:
    def test_error_body_becomes_api_error(self):
        api = client_answering(lambda request: error(404, "dossier_not_found", "Dossier niet gevonden."))

        with pytest.raises(ApiError) as raised:
            api.session("token", "nl").dossier("abc")

        assert raised.value.status_code == 404
        assert raised.value.code == "dossier_not_found"
        assert raised.value.message == "Dossier niet gevonden."

    def test_details_are_kept(self):
        api = client_answering(lambda request: error(400, "invalid_code", "Onjuist.", attempts_left=2))

        with pytest.raises(ApiError) as raised:
            api.session(None, "nl").submit_code("attempt", "000000")

        assert raised.value.details == {"attempts_left": 2}

    def test_refused_session_means_session_expired(self):
        api = client_answering(lambda request: error(401, "not_authenticated", "Je bent niet ingelogd."))

        with pytest.raises(SessionExpired):
            api.session("token", "nl").me()

    def test_refused_session_without_error_body(self):
        api = client_answering(lambda request: httpx.Response(401, text="Unauthorized"))

        with pytest.raises(SessionExpired):
            api.session("token", "nl").me()

    def test_wrong_password_is_not_session_expired(self):
        api = client_answering(lambda request: error(401, "invalid_credentials", "Onjuist."))

        with pytest.raises(ApiError) as raised:
            api.session("stale-token", "nl").login("a@example.test", "x")

        assert not isinstance(raised.value, SessionExpired)

    def test_gateway_page_is_unavailable(self):
        api = client_answering(lambda request: httpx.Response(502, text="<html>Bad Gateway</html>"))

        with pytest.raises(ApiUnavailable):
            api.session("token", "nl").totals()

    def test_connection_error_is_unavailable(self):
        def refuse(request):
            raise httpx.ConnectError("refused", request=request)

        api = client_answering(refuse)

        with pytest.raises(ApiUnavailable):
            api.session("token", "nl").totals()

    def test_id_is_quoted_as_one_path_segment(self):
        paths = []

        def record(request):
            paths.append(request.url.raw_path)
            return httpx.Response(200, json={})

        client_answering(record).session("token", "nl").dossier("../reporting/x?y")

        assert paths == [b"/api/dossiers/..%2Freporting%2Fx%3Fy"]

    def test_cookies_from_api_are_not_sent_back(self):
        seen = []

        def answer(request):
            seen.append(request.headers.get("cookie"))
            return httpx.Response(200, json={}, headers={"Set-Cookie": "cp_session=abc; Path=/"})

        api = client_answering(answer)
        api.session("first", "nl").me()
        api.session("second", "nl").me()

        assert seen == [None, None]

    def test_headers_carry_token_and_language(self):
        seen = []

        def answer(request):
            seen.append(request.headers)
            return httpx.Response(200, json={})

        client_answering(answer).session("secret-token", "en", request_id="req-1").me()

        assert seen[0]["authorization"] == "Bearer secret-token"
        assert seen[0]["accept-language"] == "en"
        assert seen[0]["x-request-id"] == "req-1"


class TestTls:
    def test_missing_ca_file_names_setting(self, tmp_path):
        settings = Settings(environment="test", api_ca_file=tmp_path / "missing.pem")

        with pytest.raises(RuntimeError, match="CP_PORTAL_API_CA_FILE"):
            ApiClient(settings)


class TestSettings:
    def test_insecure_cookie_rejected_in_production(self):
        with pytest.raises(ValueError, match="cookie_secure"):
            Settings(environment="production", cookie_secure=False)

    def test_plain_http_api_rejected_in_production(self):
        with pytest.raises(ValueError, match="not HTTPS"):
            Settings(environment="production", api_base_url="http://127.0.0.1:8443")

    def test_api_url_must_be_http(self):
        with pytest.raises(ValueError, match="not an http"):
            Settings(environment="test", api_base_url="127.0.0.1:8443")
