import time
import uuid
from datetime import date

from sqlalchemy import insert

from cp_common.formatting import cents_to_decimal
from cp_common.identity import Role
from cp_common.vocabulary import Phase
from cp_reporting.summaries.models import DossierSummary
from cp_reporting.summaries.service import apply_dossier_event
from tests.reporting.factories import aware, dossier_event, snapshot

PER_PHASE = "/api/reporting/widgets/dossiers-per-phase"
TOTALS = "/api/reporting/widgets/totals"


def add_dossiers(session, organisation_id, *snapshots):
    for values in snapshots:
        apply_dossier_event(session, dossier_event(snapshot(organisation_id, **values)))
    session.flush()


class TestDossiersPerPhase:
    def test_counts_running_dossiers_in_phase_order(self, client, session, organisation_id, headers_for):
        add_dossiers(
            session,
            organisation_id,
            {"phase": "judicial"},
            {"phase": "amicable"},
            {"phase": "judicial"},
            {"phase": "pre_collection"},
            {"phase": "enforcement", "status": "closed", "closing_code": "paid_in_full", "closed_on": "2025-08-01"},
        )

        response = client.get(PER_PHASE, headers=headers_for(organisation_id))

        assert response.status_code == 200
        assert response.json() == {
            "items": [
                {"phase": "pre_collection", "count": 1},
                {"phase": "amicable", "count": 1},
                {"phase": "judicial", "count": 2},
                {"phase": "enforcement", "count": 0},
                {"phase": "monitoring", "count": 0},
            ],
            "total": 4,
        }

    def test_without_dossiers_lists_every_phase_with_zero(self, client, organisation_id, headers_for):
        response = client.get(PER_PHASE, headers=headers_for(organisation_id))

        assert response.status_code == 200
        body = response.json()
        assert [item["phase"] for item in body["items"]] == [phase.value for phase in Phase]
        assert all(item["count"] == 0 for item in body["items"])
        assert body["total"] == 0

    def test_counts_only_own_organisation(self, client, session, organisation_id, headers_for):
        other_organisation = uuid.uuid4()
        add_dossiers(session, organisation_id, {"phase": "amicable"})
        add_dossiers(session, other_organisation, {"phase": "amicable"}, {"phase": "amicable"}, {"phase": "judicial"})

        own = client.get(PER_PHASE, headers=headers_for(organisation_id)).json()
        other = client.get(PER_PHASE, headers=headers_for(other_organisation)).json()

        assert own["total"] == 1
        assert other["total"] == 3
        assert {item["phase"]: item["count"] for item in other["items"]}["amicable"] == 2


class TestTotals:
    def test_sums_counts_and_amounts(self, client, session, organisation_id, headers_for):
        add_dossiers(
            session,
            organisation_id,
            {"principal_cents": 123456, "paid_cents": 50000, "outstanding_cents": 94124},
            {"principal_cents": 10001, "paid_cents": 0, "outstanding_cents": 12000},
            {
                "status": "closed",
                "closing_code": "paid_in_full",
                "closed_on": "2025-08-01",
                "principal_cents": 99,
                "paid_cents": 150,
                "outstanding_cents": 0,
            },
        )

        response = client.get(TOTALS, headers=headers_for(organisation_id))

        assert response.status_code == 200
        body = response.json()
        assert body["dossiers"] == {"all": 3, "running": 2, "closed": 1}
        assert body["principal"] == "1335.56"
        assert body["collected"] == "501.50"
        assert body["outstanding"] == "1061.24"

    def test_outstanding_counts_only_running_dossiers(self, client, session, organisation_id, headers_for):
        closed = {"status": "closed", "closed_on": "2025-08-01", "principal_cents": 50000, "paid_cents": 1000}
        add_dossiers(
            session,
            organisation_id,
            {"principal_cents": 20000, "paid_cents": 5000, "outstanding_cents": 17500},
            {**closed, "closing_code": "uncollectable", "outstanding_cents": 60000},
            {**closed, "closing_code": "bankruptcy", "outstanding_cents": 30000},
            {**closed, "closing_code": "withdrawn", "outstanding_cents": 10000},
        )

        body = client.get(TOTALS, headers=headers_for(organisation_id)).json()

        assert body["dossiers"] == {"all": 4, "running": 1, "closed": 3}
        assert body["outstanding"] == "175.00"
        assert body["principal"] == "1700.00"
        assert body["collected"] == "80.00"

    def test_updated_at_is_latest_change(self, client, session, organisation_id, headers_for):
        for day in (3, 17, 9):
            event = dossier_event(snapshot(organisation_id), occurred_at=aware(2025, 6, day))
            apply_dossier_event(session, event)

        body = client.get(TOTALS, headers=headers_for(organisation_id)).json()

        assert body["updated_at"].startswith("2025-06-17T12:00:00")

    def test_without_dossiers_is_zero(self, client, organisation_id, headers_for):
        body = client.get(TOTALS, headers=headers_for(organisation_id)).json()

        assert body == {
            "dossiers": {"all": 0, "running": 0, "closed": 0},
            "principal": "0.00",
            "collected": "0.00",
            "outstanding": "0.00",
            "updated_at": None,
        }

    def test_counts_only_own_organisation(self, client, session, organisation_id, headers_for):
        add_dossiers(session, organisation_id, {"principal_cents": 100})
        add_dossiers(session, uuid.uuid4(), {"principal_cents": 999999}, {"principal_cents": 1})

        body = client.get(TOTALS, headers=headers_for(organisation_id)).json()

        assert body["dossiers"]["all"] == 1
        assert body["principal"] == "1.00"


class TestWidgetAccess:
    def test_without_identity_is_401(self, client):
        response = client.get(TOTALS)

        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"

    def test_staff_user_without_organisation_is_403(self, client, headers_for):
        response = client.get(PER_PHASE, headers=headers_for(None, roles=frozenset({Role.FRAUD_ANALYST})))

        assert response.status_code == 403


class TestWidgetsAtScale:
    def test_twenty_thousand_dossiers(self, client, session, organisation_id, headers_for):
        phases = list(Phase)
        rows = [
            {
                "dossier_id": uuid.uuid4(),
                "creditor_id": organisation_id,
                "number": f"2025-{index:06d}",
                "phase": phases[index % len(phases)].value,
                "status": "closed" if index % 4 == 0 else "running",
                "closing_code": "paid_in_full" if index % 4 == 0 else None,
                "opened_on": date(2025, 1 + index % 12, 1),
                "closed_on": date(2025, 12, 1) if index % 4 == 0 else None,
                "principal_cents": 10000 + index,
                "interest_cents": 0,
                "collection_costs_cents": 0,
                "paid_cents": 2500,
                "outstanding_cents": 7500 + index,
                "version": 1,
                "updated_at": aware(2025, 12, 1),
            }
            for index in range(20_000)
        ]
        session.execute(insert(DossierSummary), rows)
        session.flush()
        headers = headers_for(organisation_id)

        started = time.perf_counter()
        per_phase = client.get(PER_PHASE, headers=headers).json()
        totals = client.get(TOTALS, headers=headers).json()
        elapsed = time.perf_counter() - started

        running = [row for row in rows if row["status"] == "running"]
        assert per_phase["total"] == len(running) == 15_000
        for item in per_phase["items"]:
            assert item["count"] == sum(1 for row in running if row["phase"] == item["phase"])
        assert totals["dossiers"] == {"all": 20_000, "running": 15_000, "closed": 5_000}
        assert totals["principal"] == str(cents_to_decimal(sum(row["principal_cents"] for row in rows)))
        assert totals["collected"] == "500000.00"
        assert totals["outstanding"] == str(cents_to_decimal(sum(row["outstanding_cents"] for row in running)))
        # SQL aggregates take milliseconds here, so this generous bound only catches loading rows into Python.
        assert elapsed < 2.0
