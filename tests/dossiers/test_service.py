import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from cp_common.vocabulary import ClosingCode, Phase
from cp_dossiers.balance import estimate_interest
from cp_dossiers.dossier.events import dossier_snapshot
from cp_dossiers.dossier.service import add_action, change_phase, close_dossier, register_booking
from cp_dossiers.errors import DossierClosed, InvalidBooking, InvalidClaim
from cp_dossiers.models import BookingKind, Dossier, InterestKind, OutboxMessage
from tests.dossiers.factories import create_creditor, open_dossier


def staged_events(session, dossier) -> list[dict]:
    """The outbox envelopes of one dossier, oldest first."""
    session.flush()
    payloads = session.scalars(select(OutboxMessage.payload).order_by(OutboxMessage.id)).all()
    envelopes = [json.loads(payload) for payload in payloads]
    return [envelope for envelope in envelopes if envelope["data"]["dossier"]["id"] == str(dossier.id)]


class TestCreateDossier:
    def test_totals_and_number(self, session):
        creditor = create_creditor(session)

        dossier = open_dossier(session, creditor, opened_on=date(2026, 3, 2), amounts_cents=(2000_00, 1000_00))

        assert dossier.number.startswith("2026-")
        assert len(dossier.number) == len("2026-000001")
        assert dossier.principal_cents == 3000_00
        # WIK: 15 % of € 2.500 plus 10 % of € 500.
        assert dossier.collection_costs_cents == 425_00
        expected_interest = 2 * estimate_interest(InterestKind.CONSUMER, 1500_00, date(2026, 1, 16), date(2026, 3, 2))
        assert abs(dossier.interest_cents - expected_interest) <= 1
        assert dossier.version == 1
        assert dossier.phase == Phase.PRE_COLLECTION

    def test_numbers_follow_each_other_per_year(self, session):
        creditor = create_creditor(session)

        first = open_dossier(session, creditor, opened_on=date(2031, 5, 1))
        second = open_dossier(session, creditor, opened_on=date(2031, 6, 1))
        other_year = open_dossier(session, creditor, opened_on=date(2032, 1, 5))

        assert first.number == "2031-000001"
        assert second.number == "2031-000002"
        assert other_year.number == "2032-000001"

    def test_stages_created_event_in_same_transaction(self, session):
        creditor = create_creditor(session)

        dossier = open_dossier(session, creditor)

        events = staged_events(session, dossier)
        assert len(events) == 1
        envelope = events[0]
        assert envelope["type"] == "dossier.created"
        assert envelope["producer"] == "dossiers"
        assert envelope["organisation_id"] == str(creditor.id)
        assert envelope["data"] == {"dossier": dossier_snapshot(dossier)}

    def test_snapshot_fields(self, session):
        dossier = open_dossier(session, create_creditor(session))

        snapshot = dossier_snapshot(dossier)

        assert set(snapshot) == {
            "id", "creditor_id", "number", "phase", "status", "closing_code", "opened_on", "closed_on",
            "principal_cents", "interest_cents", "collection_costs_cents", "paid_cents", "outstanding_cents",
            "version",
        }
        assert snapshot["outstanding_cents"] == dossier.total_claimed_cents
        assert snapshot["opened_on"] == "2026-03-02"
        assert snapshot["status"] == "running"

    def test_rollback_leaves_no_dossier_and_no_event(self, session):
        creditor = create_creditor(session)
        session.commit()

        dossier = open_dossier(session, creditor)
        session.flush()
        assert session.scalar(select(func.count()).select_from(OutboxMessage)) >= 1
        dossier_id = dossier.id
        session.rollback()

        assert session.get(Dossier, dossier_id) is None
        assert session.scalar(select(func.count()).select_from(OutboxMessage)) == 0

    def test_rejects_invoice_without_amount(self, session):
        with pytest.raises(InvalidClaim) as raised:
            open_dossier(session, create_creditor(session), amounts_cents=(0,))

        assert "Factuur F0001 heeft een ongeldig bedrag (€\xa00,00)" in raised.value.message("nl")

    def test_rejects_empty_claim(self, session):
        from cp_dossiers.dossier.service import create_dossier
        from tests.dossiers.factories import create_debtor

        creditor = create_creditor(session)
        with pytest.raises(InvalidClaim):
            create_dossier(
                session,
                creditor_id=creditor.id,
                debtor=create_debtor(session, creditor),
                invoices=[],
                opened_on=date(2026, 3, 2),
                interest_kind=InterestKind.CONSUMER,
            )


class TestChanges:
    def test_change_phase(self, session):
        dossier = open_dossier(session, create_creditor(session))

        change_phase(session, dossier, Phase.AMICABLE, status_text="We benaderen de debiteur.")

        assert dossier.version == 2
        events = staged_events(session, dossier)
        assert [event["type"] for event in events] == ["dossier.created", "dossier.updated"]
        assert events[1]["data"]["dossier"]["phase"] == "amicable"
        assert events[1]["data"]["dossier"]["version"] == 2

    def test_same_phase_changes_nothing(self, session):
        dossier = open_dossier(session, create_creditor(session))

        change_phase(session, dossier, Phase.PRE_COLLECTION)

        assert dossier.version == 1
        assert len(staged_events(session, dossier)) == 1

    def test_add_action_in_current_phase(self, session):
        dossier = open_dossier(session, create_creditor(session))
        change_phase(session, dossier, Phase.AMICABLE)

        action = add_action(
            session,
            dossier,
            code="phone_call",
            description="Debiteur gebeld, geen gehoor",
            occurred_at=datetime(2026, 3, 20, 10, 0, tzinfo=UTC),
        )

        assert action.phase == Phase.AMICABLE
        assert dossier.version == 3
        assert staged_events(session, dossier)[-1]["type"] == "dossier.updated"

    def test_payments_lower_outstanding_but_payouts_do_not(self, session):
        dossier = open_dossier(session, create_creditor(session))
        outstanding = dossier.outstanding_cents

        register_booking(session, dossier, kind=BookingKind.PAYMENT_TO_AGENCY, amount_cents=40_00, booked_on=date(2026, 4, 1))
        register_booking(session, dossier, kind=BookingKind.DIRECT_PAYMENT, amount_cents=10_00, booked_on=date(2026, 4, 2))
        register_booking(session, dossier, kind=BookingKind.PAYOUT, amount_cents=30_00, booked_on=date(2026, 5, 5))

        assert dossier.paid_cents == 50_00
        assert dossier.outstanding_cents == outstanding - 50_00
        assert dossier.version == 4
        events = staged_events(session, dossier)
        assert events[-1]["data"]["dossier"]["paid_cents"] == 50_00

    def test_booking_must_be_positive(self, session):
        dossier = open_dossier(session, create_creditor(session))

        with pytest.raises(InvalidBooking) as raised:
            register_booking(session, dossier, kind=BookingKind.PAYMENT_TO_AGENCY, amount_cents=-5_00, booked_on=date(2026, 4, 1))

        assert raised.value.status_code == 422
        assert dossier.version == 1

    def test_booking_before_opening(self, session):
        dossier = open_dossier(session, create_creditor(session), opened_on=date(2026, 3, 2))

        with pytest.raises(InvalidBooking):
            register_booking(session, dossier, kind=BookingKind.PAYMENT_TO_AGENCY, amount_cents=5_00, booked_on=date(2026, 3, 1))

    def test_close(self, session):
        dossier = open_dossier(session, create_creditor(session))

        close_dossier(session, dossier, closing_code=ClosingCode.WITHDRAWN, closed_on=date(2026, 5, 1))

        assert dossier.status == "closed"
        assert dossier.closed_on == date(2026, 5, 1)
        event = staged_events(session, dossier)[-1]
        assert event["type"] == "dossier.closed"
        assert event["data"]["dossier"]["closing_code"] == "withdrawn"
        assert event["data"]["dossier"]["closed_on"] == "2026-05-01"

    def test_closed_dossier_cannot_close_or_move_again(self, session):
        dossier = open_dossier(session, create_creditor(session))
        close_dossier(session, dossier, closing_code=ClosingCode.PAID_IN_FULL, closed_on=date(2026, 5, 1))

        with pytest.raises(DossierClosed):
            close_dossier(session, dossier, closing_code=ClosingCode.SETTLED, closed_on=date(2026, 5, 2))
        with pytest.raises(DossierClosed):
            change_phase(session, dossier, Phase.JUDICIAL)
        assert dossier.version == 2

    def test_close_before_opening(self, session):
        dossier = open_dossier(session, create_creditor(session), opened_on=date(2026, 3, 2))

        with pytest.raises(InvalidClaim):
            close_dossier(session, dossier, closing_code=ClosingCode.WITHDRAWN, closed_on=date(2026, 3, 1))
