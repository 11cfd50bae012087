import uuid

import pytest
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from cp_common.consumer import handle_once
from cp_reporting.summaries.models import DossierSummary, ProcessedEvent
from cp_reporting.summaries.service import InvalidDossierEvent, apply_dossier_event
from tests.reporting.factories import aware, dossier_event, snapshot


def stored(session, dossier_id: str) -> DossierSummary | None:
    session.expire_all()
    return session.get(DossierSummary, uuid.UUID(dossier_id))


class TestApplyDossierEvent:
    def test_created_event_stores_snapshot(self, session, organisation_id):
        dossier = snapshot(organisation_id, version=1)
        event = dossier_event(dossier, "dossier.created", occurred_at=aware(2025, 3, 14))

        apply_dossier_event(session, event)

        summary = stored(session, dossier["id"])
        assert summary is not None
        assert summary.creditor_id == organisation_id
        assert summary.number == "2025-004211"
        assert summary.phase == "amicable"
        assert summary.status == "running"
        assert summary.principal_cents == 123456
        assert summary.outstanding_cents == 94124
        assert summary.version == 1
        assert summary.updated_at == aware(2025, 3, 14)

    def test_newer_version_replaces_snapshot(self, session, organisation_id):
        dossier = snapshot(organisation_id, version=1)
        apply_dossier_event(session, dossier_event(dossier, "dossier.created"))

        closed = {
            **dossier,
            "version": 2,
            "status": "closed",
            "closing_code": "paid_in_full",
            "closed_on": "2025-09-01",
            "paid_cents": 144124,
            "outstanding_cents": 0,
        }
        apply_dossier_event(session, dossier_event(closed, "dossier.closed", occurred_at=aware(2025, 9, 1)))

        summary = stored(session, dossier["id"])
        assert summary.version == 2
        assert summary.status == "closed"
        assert summary.closing_code == "paid_in_full"
        assert summary.closed_on.isoformat() == "2025-09-01"
        assert summary.outstanding_cents == 0
        assert summary.updated_at == aware(2025, 9, 1)

    @pytest.mark.parametrize("late_version", [2, 3])
    def test_older_or_equal_version_is_ignored(self, session, organisation_id, late_version):
        dossier = snapshot(organisation_id, version=3, phase="judicial")
        apply_dossier_event(session, dossier_event(dossier))

        late = {**dossier, "version": late_version, "phase": "amicable", "paid_cents": 1}
        apply_dossier_event(session, dossier_event(late))

        summary = stored(session, dossier["id"])
        assert summary.version == 3
        assert summary.phase == "judicial"
        assert summary.paid_cents == 50000

    def test_reordered_events_end_at_newest(self, session, organisation_id):
        dossier = snapshot(organisation_id)
        versions = [{**dossier, "version": version, "paid_cents": version * 100} for version in (1, 2, 3)]

        for version in (versions[2], versions[0], versions[1]):
            apply_dossier_event(session, dossier_event(version))

        summary = stored(session, dossier["id"])
        assert summary.version == 3
        assert summary.paid_cents == 300

    def test_other_dossier_event_types_are_skipped(self, session, organisation_id):
        event = dossier_event(snapshot(organisation_id), "dossier.note_added")

        apply_dossier_event(session, event)

        assert session.scalar(select(DossierSummary).where(DossierSummary.creditor_id == organisation_id)) is None

    def test_missing_snapshot_is_invalid(self, session, organisation_id):
        event = dossier_event(snapshot(organisation_id))
        event.data.pop("dossier")

        with pytest.raises(InvalidDossierEvent, match="no data.dossier"):
            apply_dossier_event(session, event)

    @pytest.mark.parametrize(
        "field, value",
        [("phase", "court"), ("status", "open"), ("principal_cents", "12.50"), ("closing_code", "lost")],
    )
    def test_invalid_snapshot_field_is_rejected(self, session, organisation_id, field, value):
        event = dossier_event(snapshot(organisation_id, **{field: value}))

        with pytest.raises(InvalidDossierEvent, match=field):
            apply_dossier_event(session, event)

    def test_closed_without_closing_code_is_rejected(self, session, organisation_id):
        event = dossier_event(snapshot(organisation_id, status="closed", closed_on="2025-09-01"))

        with pytest.raises(InvalidDossierEvent, match="closing_code"):
            apply_dossier_event(session, event)

    def test_snapshot_of_other_organisation_is_rejected(self, session, organisation_id):
        event = dossier_event(snapshot(organisation_id))
        event.organisation_id = uuid.uuid4()

        with pytest.raises(InvalidDossierEvent, match="belongs to creditor"):
            apply_dossier_event(session, event)


class TestHandleOnce:
    def test_same_event_twice_is_applied_once(self, session, organisation_id):
        # Sessions joined to the test's transaction: commits become savepoints.
        session_factory = sessionmaker(bind=session.connection(), join_transaction_mode="create_savepoint")
        dossier = snapshot(organisation_id, version=1)
        event = dossier_event(dossier, "dossier.created")

        first = handle_once(session_factory, ProcessedEvent, event, apply_dossier_event)
        # Same event id, altered payload: a redelivery must not apply anything.
        event.data["dossier"] = {**dossier, "version": 2, "paid_cents": 1}
        second = handle_once(session_factory, ProcessedEvent, event, apply_dossier_event)

        assert first is True
        assert second is False
        summary = stored(session, dossier["id"])
        assert summary.version == 1
        assert summary.paid_cents == 50000
        assert session.get(ProcessedEvent, event.id).event_type == "dossier.created"
