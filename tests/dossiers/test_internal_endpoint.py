import uuid

from tests.dossiers.factories import create_agency, create_creditor, identity_headers, open_dossier
from tests.dossiers.test_detail_endpoint import DETAIL_KEYS


class TestInternalDossier:
    def test_reporting_reads_any_organisation(self, client, session, service_token_factory):
        creditor = create_creditor(session, "Woonstichting Het Anker")
        create_agency(session)
        dossier = open_dossier(session, creditor)

        response = client.get(
            f"/internal/dossiers/{dossier.id}", headers=identity_headers(service_token_factory("reporting"))
        )

        assert response.status_code == 200
        body = response.json()
        assert set(body) == DETAIL_KEYS | {"creditor"}
        assert body["creditor"] == {"id": str(creditor.id), "name": "Woonstichting Het Anker"}
        assert body["number"] == dossier.number

    def test_unknown_dossier(self, client, service_token_factory):
        response = client.get(
            f"/internal/dossiers/{uuid.uuid4()}", headers=identity_headers(service_token_factory("reporting"))
        )

        assert response.status_code == 404
        assert response.json()["error"]["code"] == "dossier_not_found"

    def test_user_token_refused(self, client, session, user_token_factory):
        creditor = create_creditor(session)
        dossier = open_dossier(session, creditor)

        response = client.get(f"/internal/dossiers/{dossier.id}", headers=identity_headers(user_token_factory(creditor.id)))

        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"

    def test_other_service_refused(self, client, session, service_token_factory):
        dossier = open_dossier(session, create_creditor(session))

        response = client.get(f"/internal/dossiers/{dossier.id}", headers=identity_headers(service_token_factory("portal")))

        assert response.status_code == 403

    def test_missing_identity(self, client):
        response = client.get(f"/internal/dossiers/{uuid.uuid4()}")

        assert response.status_code == 401

    def test_not_in_public_openapi(self, client):
        paths = client.get("/api/dossiers/openapi.json").json()["paths"]

        assert "/api/dossiers" in paths
        assert "/api/dossiers/{dossier_id}" in paths
        assert not any(path.startswith("/internal") for path in paths)
