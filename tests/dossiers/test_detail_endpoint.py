import uuid
from datetime import UTC, date, datetime

from cp_common.identity import Role
from cp_common.vocabulary import Phase
from cp_dossiers.dossier.service import add_action, change_phase, register_booking
from cp_dossiers.models import (
    ArrangementFrequency,
    ArrangementStatus,
    BookingKind,
    CourtCase,
    CourtHearing,
    PaymentArrangement,
)
from tests.dossiers.factories import (
    create_agency,
    create_case_handler,
    create_creditor,
    identity_headers,
    open_dossier,
)

DETAIL_KEYS = {
    "id", "number", "creditor_reference", "status", "phase", "closing_code", "opened_on", "closed_on",
    "status_text", "version", "debtor", "balance", "invoices", "bookings", "actions", "arrangement",
    "court_case", "case_handler", "agency",
}


def make_full_dossier(session):
    """A judicial dossier with two invoices, payments, an arrangement and a court case."""
    creditor = create_creditor(session)
    create_agency(session)
    dossier = open_dossier(
        session, creditor, amounts_cents=(1000_00, 500_00), case_handler=create_case_handler(session)
    )

    add_action(
        session,
        dossier,
        code="letter_14_day",
        description="Veertiendagenbrief verstuurd aan debiteur",
        occurred_at=datetime(2026, 3, 3, 9, 15, tzinfo=UTC),
    )
    register_booking(
        session, dossier, kind=BookingKind.PAYMENT_TO_AGENCY, amount_cents=100_00, booked_on=date(2026, 4, 10)
    )
    register_booking(
        session, dossier, kind=BookingKind.DIRECT_PAYMENT, amount_cents=50_00, booked_on=date(2026, 4, 12)
    )
    register_booking(session, dossier, kind=BookingKind.PAYOUT, amount_cents=60_00, booked_on=date(2026, 5, 5))

    session.add(
        PaymentArrangement(
            dossier_id=dossier.id,
            total_amount_cents=1600_00,
            instalment_amount_cents=200_00,
            instalment_count=8,
            frequency=ArrangementFrequency.MONTHLY,
            start_date=date(2026, 4, 1),
            instalments_paid=1,
            next_due_on=None,
            arrears_cents=400_00,
            status=ArrangementStatus.BROKEN,
        )
    )

    court_case = CourtCase(
        dossier_id=dossier.id,
        court="Rechtbank Amsterdam, team kanton Amsterdam",
        case_number="10812345 CV EXPL 26-4711",
        filed_on=date(2026, 7, 1),
    )
    session.add(court_case)
    session.flush()
    session.add_all(
        [
            CourtHearing(court_case_id=court_case.id, hearing_on=date(2027, 1, 13), description="Mondelinge behandeling"),
            CourtHearing(court_case_id=court_case.id, hearing_on=date(2026, 7, 8), description="Eerste roldatum"),
        ]
    )

    change_phase(session, dossier, Phase.JUDICIAL, status_text="De dagvaarding is betekend.")
    session.flush()
    return creditor, dossier


class TestGetDossier:
    def test_shape_and_values(self, client, session, user_token_factory):
        creditor, dossier = make_full_dossier(session)

        response = client.get(f"/api/dossiers/{dossier.id}", headers=identity_headers(user_token_factory(creditor.id)))

        assert response.status_code == 200
        body = response.json()
        assert set(body) == DETAIL_KEYS
        assert body["id"] == str(dossier.id)
        assert body["status"] == "running"
        assert body["phase"] == "judicial"
        assert body["status_text"] == "De dagvaarding is betekend."
        assert body["version"] == 6
        assert body["debtor"] == {
            "kind": "person",
            "name": "Jan de Vries",
            "street": "Kerkstraat",
            "house_number": "12A",
            "postal_code": "1011 AB",
            "city": "Amsterdam",
            "country": "NL",
            "email": "jan@mail.example",
            "phone": "06-12345678",
            "chamber_of_commerce_number": None,
        }

    def test_balance(self, client, session, user_token_factory):
        creditor, dossier = make_full_dossier(session)

        body = client.get(f"/api/dossiers/{dossier.id}", headers=identity_headers(user_token_factory(creditor.id))).json()

        interest = dossier.interest_cents
        assert interest > 0
        total = 1500_00 + interest + 225_00
        assert body["balance"] == {
            "principal": "1500.00",
            "interest": f"{interest / 100:.2f}",
            # WIK: 15 % of € 1.500.
            "collection_costs": "225.00",
            "total_claimed": f"{total / 100:.2f}",
            # The payout moves money already paid and does not count again.
            "paid": "150.00",
            "outstanding": f"{(total - 150_00) / 100:.2f}",
        }

    def test_history_lists(self, client, session, user_token_factory):
        creditor, dossier = make_full_dossier(session)

        body = client.get(f"/api/dossiers/{dossier.id}", headers=identity_headers(user_token_factory(creditor.id))).json()

        assert body["invoices"] == [
            {
                "number": "F0001",
                "invoice_date": "2026-01-02",
                "due_date": "2026-01-16",
                "amount": "1000.00",
                "description": "Levering volgens order",
            },
            {
                "number": "F0002",
                "invoice_date": "2026-01-02",
                "due_date": "2026-01-16",
                "amount": "500.00",
                "description": "Levering volgens order",
            },
        ]
        assert [(booking["kind"], booking["amount"]) for booking in body["bookings"]] == [
            ("payment_to_agency", "100.00"),
            ("direct_payment", "50.00"),
            ("payout", "60.00"),
        ]
        assert body["actions"] == [
            {
                "occurred_at": "2026-03-03T09:15:00Z",
                "code": "letter_14_day",
                "description": "Veertiendagenbrief verstuurd aan debiteur",
                "phase": "pre_collection",
            }
        ]

    def test_arrangement_and_court_case(self, client, session, user_token_factory):
        creditor, dossier = make_full_dossier(session)

        body = client.get(f"/api/dossiers/{dossier.id}", headers=identity_headers(user_token_factory(creditor.id))).json()

        assert body["arrangement"] == {
            "total_amount": "1600.00",
            "instalment_amount": "200.00",
            "instalment_count": 8,
            "instalments_paid": 1,
            "frequency": "monthly",
            "start_date": "2026-04-01",
            "next_due_on": None,
            "arrears": "400.00",
            "status": "broken",
        }
        assert body["court_case"] == {
            "court": "Rechtbank Amsterdam, team kanton Amsterdam",
            "case_number": "10812345 CV EXPL 26-4711",
            "filed_on": "2026-07-01",
            "hearings": [
                {"date": "2026-07-08", "description": "Eerste roldatum"},
                {"date": "2027-01-13", "description": "Mondelinge behandeling"},
            ],
            "judgment_on": None,
            "judgment": None,
        }

    def test_contacts(self, client, session, user_token_factory):
        creditor, dossier = make_full_dossier(session)

        body = client.get(f"/api/dossiers/{dossier.id}", headers=identity_headers(user_token_factory(creditor.id))).json()

        assert body["case_handler"] == {"name": "Sanne de Jong", "email": body["case_handler"]["email"], "phone": "020 123 4571"}
        assert body["agency"] == {
            "name": "Incassobureau Test",
            "email": "info@incasso.example",
            "phone": "020 123 4567",
            "address": "Keizersgracht 1, 1015 AA Amsterdam",
            "website": "https://incasso.example",
        }

    def test_without_arrangement_or_court_case(self, client, session, user_token_factory):
        creditor = create_creditor(session)
        dossier = open_dossier(session, creditor)

        body = client.get(f"/api/dossiers/{dossier.id}", headers=identity_headers(user_token_factory(creditor.id))).json()

        assert body["arrangement"] is None
        assert body["court_case"] is None
        assert body["case_handler"] is None


class TestGetDossierNotFound:
    def test_other_organisation(self, client, session, user_token_factory):
        owner = create_creditor(session)
        dossier = open_dossier(session, owner)
        other = create_creditor(session, "Ander Bedrijf B.V.")

        response = client.get(f"/api/dossiers/{dossier.id}", headers=identity_headers(user_token_factory(other.id)))

        assert response.status_code == 404
        error = response.json()["error"]
        assert error["code"] == "dossier_not_found"
        assert error["message"] == "Dossier niet gevonden. Kies een dossier uit je dossieroverzicht."

    def test_unknown_id(self, client, user_token_factory):
        response = client.get(f"/api/dossiers/{uuid.uuid4()}", headers=identity_headers(user_token_factory(uuid.uuid4())))

        assert response.status_code == 404
        assert response.json()["error"]["code"] == "dossier_not_found"

    def test_malformed_id(self, client, user_token_factory):
        response = client.get("/api/dossiers/2026-000001", headers=identity_headers(user_token_factory(uuid.uuid4())))

        assert response.status_code == 404
        assert response.json()["error"]["code"] == "dossier_not_found"


class TestGetDossierAccess:
    def test_missing_identity(self, client):
        response = client.get(f"/api/dossiers/{uuid.uuid4()}")

        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"

    def test_forged_identity(self, client):
        response = client.get(f"/api/dossiers/{uuid.uuid4()}", headers=identity_headers("eyJhbGciOiJFZERTQSJ9.e30.AA"))

        assert response.status_code == 401

    def test_staff_user_without_organisation(self, client, user_token_factory):
        token = user_token_factory(None, roles=frozenset({Role.AGENCY_ADMIN}))

        response = client.get(f"/api/dossiers/{uuid.uuid4()}", headers=identity_headers(token))

        assert response.status_code == 403

    def test_service_token(self, client, session, service_token_factory):
        dossier = open_dossier(session, create_creditor(session))

        response = client.get(f"/api/dossiers/{dossier.id}", headers=identity_headers(service_token_factory("reporting")))

        assert response.status_code == 403
