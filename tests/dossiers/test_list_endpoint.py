import uuid
from datetime import date

from sqlalchemy import event

from cp_common.identity import Role
from cp_common.vocabulary import ClosingCode, Phase
from cp_dossiers.dossier.service import change_phase, close_dossier
from tests.dossiers.factories import create_creditor, identity_headers, open_dossier


def get_list(client, user_token_factory, organisation_id, **params):
    headers = identity_headers(user_token_factory(organisation_id))
    return client.get("/api/dossiers", params=params, headers=headers)


class TestListDossiers:
    def test_running_by_default(self, client, session, user_token_factory):
        creditor = create_creditor(session)
        running = open_dossier(session, creditor)
        closed = open_dossier(session, creditor)
        close_dossier(session, closed, closing_code=ClosingCode.PAID_IN_FULL, closed_on=date(2026, 4, 1))

        response = get_list(client, user_token_factory, creditor.id)

        assert response.status_code == 200
        body = response.json()
        assert [item["id"] for item in body["items"]] == [str(running.id)]
        assert body["total"] == 1
        assert body["page"] == 1
        assert body["page_size"] == 25

    def test_closed_on_request(self, client, session, user_token_factory):
        creditor = create_creditor(session)
        open_dossier(session, creditor)
        closed = open_dossier(session, creditor)
        close_dossier(session, closed, closing_code=ClosingCode.SETTLED, closed_on=date(2026, 4, 1))

        body = get_list(client, user_token_factory, creditor.id, status="closed").json()

        assert body["total"] == 1
        item = body["items"][0]
        assert item["id"] == str(closed.id)
        assert item["status"] == "closed"
        assert item["closing_code"] == "settled"
        assert item["closed_on"] == "2026-04-01"

    def test_summary_shape_and_amounts(self, client, session, user_token_factory):
        creditor = create_creditor(session)
        dossier = open_dossier(session, creditor, amounts_cents=(1000_00, 234_56), debtor_name="Bakkerij Jansen")

        item = get_list(client, user_token_factory, creditor.id).json()["items"][0]

        assert set(item) == {
            "id", "number", "creditor_reference", "debtor_name", "phase", "status",
            "closing_code", "opened_on", "closed_on", "principal", "outstanding",
        }
        assert item["number"] == dossier.number
        assert item["creditor_reference"] == "KL123456"
        assert item["debtor_name"] == "Bakkerij Jansen"
        assert item["phase"] == "pre_collection"
        assert item["closing_code"] is None
        assert item["opened_on"] == "2026-03-02"
        assert item["principal"] == "1234.56"
        expected_outstanding = (1234_56 + dossier.interest_cents + dossier.collection_costs_cents) / 100
        assert item["outstanding"] == f"{expected_outstanding:.2f}"

    def test_pagination_totals_and_order(self, client, session, user_token_factory):
        creditor = create_creditor(session)
        opened = [date(2026, 1, 5), date(2026, 3, 9), date(2026, 3, 9), date(2026, 2, 2), date(2025, 12, 1)]
        dossiers = [open_dossier(session, creditor, opened_on=day) for day in opened]
        expected = sorted(dossiers, key=lambda dossier: (-dossier.opened_on.toordinal(), dossier.number))

        pages = [
            get_list(client, user_token_factory, creditor.id, page=page, page_size=2).json() for page in (1, 2, 3, 4)
        ]

        assert [page["total"] for page in pages] == [5, 5, 5, 5]
        assert [len(page["items"]) for page in pages] == [2, 2, 1, 0]
        listed = [item["id"] for page in pages for item in page["items"]]
        assert listed == [str(dossier.id) for dossier in expected]

    def test_scoped_to_organisation(self, client, session, user_token_factory):
        own = create_creditor(session)
        other = create_creditor(session, "Ander Bedrijf B.V.")
        open_dossier(session, own)
        open_dossier(session, other)
        open_dossier(session, other)

        body = get_list(client, user_token_factory, own.id).json()

        assert body["total"] == 1

    def test_empty_for_organisation_without_dossiers(self, client, user_token_factory):
        body = get_list(client, user_token_factory, uuid.uuid4()).json()

        assert body == {"items": [], "page": 1, "page_size": 25, "total": 0}

    def test_two_queries_whatever_the_page_size(self, client, session, engine, user_token_factory):
        creditor = create_creditor(session)
        for _ in range(6):
            open_dossier(session, creditor)
        session.flush()
        statements = []

        def record(_connection, _cursor, statement, *_args):
            statements.append(statement)

        event.listen(engine, "before_cursor_execute", record)
        try:
            response = get_list(client, user_token_factory, creditor.id, page_size=100)
        finally:
            event.remove(engine, "before_cursor_execute", record)

        assert response.status_code == 200
        assert len(statements) == 2


    def test_filtered_by_phase(self, client, session, user_token_factory):
        creditor = create_creditor(session)
        open_dossier(session, creditor)
        judicial = open_dossier(session, creditor)
        change_phase(session, judicial, Phase.JUDICIAL)

        body = get_list(client, user_token_factory, creditor.id, phase="judicial").json()

        assert body["total"] == 1
        assert [item["id"] for item in body["items"]] == [str(judicial.id)]
        assert body["items"][0]["phase"] == "judicial"


class TestListValidation:
    def test_unknown_phase(self, client, user_token_factory):
        response = get_list(client, user_token_factory, uuid.uuid4(), phase="court")

        assert response.status_code == 422
        error = response.json()["error"]
        assert error["message"].startswith("Onbekende fase 'court'. Kies een van 'pre_collection'")
        assert error["details"] == {"field": "phase", "value": "court"}

    def test_unknown_status(self, client, user_token_factory):
        response = get_list(client, user_token_factory, uuid.uuid4(), status="open")

        assert response.status_code == 422
        error = response.json()["error"]
        assert error["code"] == "invalid_input"
        assert error["message"] == (
            "Onbekende status 'open'. Kies 'running' voor lopende of 'closed' voor gesloten dossiers."
        )
        assert error["details"] == {"field": "status", "value": "open"}

    def test_unknown_status_in_english(self, client, user_token_factory):
        headers = identity_headers(user_token_factory(uuid.uuid4())) | {"Accept-Language": "en"}

        response = client.get("/api/dossiers", params={"status": "open"}, headers=headers)

        assert response.json()["error"]["message"].startswith("Unknown status 'open'.")

    def test_page_size_above_maximum(self, client, user_token_factory):
        response = get_list(client, user_token_factory, uuid.uuid4(), page_size=101)

        assert response.status_code == 422
        error = response.json()["error"]
        assert error["message"] == "Paginagrootte '101' is ongeldig. Geef een geheel getal van 1 tot en met 100."
        assert error["details"] == {"field": "page_size", "value": "101"}

    def test_page_not_a_number(self, client, user_token_factory):
        response = get_list(client, user_token_factory, uuid.uuid4(), page="twee")

        assert response.status_code == 422
        assert "Paginanummer 'twee' is ongeldig" in response.json()["error"]["message"]

    def test_page_zero(self, client, user_token_factory):
        response = get_list(client, user_token_factory, uuid.uuid4(), page=0)

        assert response.status_code == 422
        assert response.json()["error"]["details"]["field"] == "page"

    def test_long_value_is_shortened_in_message(self, client, user_token_factory):
        response = get_list(client, user_token_factory, uuid.uuid4(), status="x" * 500)

        assert response.status_code == 422
        assert len(response.json()["error"]["details"]["value"]) == 41


class TestListAccess:
    def test_missing_identity(self, client):
        response = client.get("/api/dossiers")

        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"

    def test_forged_identity(self, client):
        response = client.get("/api/dossiers", headers=identity_headers("not-a-token"))

        assert response.status_code == 401

    def test_user_without_organisation(self, client, user_token_factory):
        token = user_token_factory(None, roles=frozenset({Role.FRAUD_ANALYST}))

        response = client.get("/api/dossiers", headers=identity_headers(token))

        assert response.status_code == 403

    def test_service_token(self, client, service_token_factory):
        response = client.get("/api/dossiers", headers=identity_headers(service_token_factory("reporting")))

        assert response.status_code == 403
