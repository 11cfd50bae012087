"""The demo seeder at a small scale: determinism, idempotence, resuming and plausible data."""

import json
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cp_common.db import make_engine, make_session_factory
from cp_common.migrations import upgrade_to_head
from cp_common.vocabulary import Phase
from cp_dossiers.balance import wik_collection_costs
from cp_dossiers.demo import seed as seed_module
from cp_dossiers.demo.config import DemoOrganisation, load_demo_file, target_sizes
from cp_dossiers.demo.seed import seed_demo
from cp_dossiers.dossier.events import dossier_snapshot
from cp_dossiers.models import (
    Action,
    Base,
    Booking,
    BookingKind,
    CourtCase,
    Debtor,
    DebtorKind,
    Dossier,
    Invoice,
    OutboxMessage,
)
from tests.conftest import create_fresh_database
from tests.dossiers.conftest import MIGRATIONS

DEMO_FILE = Path(__file__).resolve().parents[2] / "deploy" / "local" / "demo.json"
TODAY = date(2026, 12, 4)
# 200, 25 and 4 dossiers for the three demo organisations.
SCALE = 0.01
BATCH_SIZE = 50
SKIPPED_COLUMNS = {"created_at", "updated_at"}
PHASE_RANK = {phase.value: rank for rank, phase in enumerate(Phase)}


def sqlite_session_factory(path: Path):
    url = f"sqlite:///{path}"
    upgrade_to_head(MIGRATIONS, url)
    return make_session_factory(make_engine(url))


def seed(session_factory, **options):
    options = {"scale": SCALE, "batch_size": BATCH_SIZE, "today": TODAY, "planning_processes": 0} | options
    return seed_demo(session_factory, load_demo_file(DEMO_FILE), **options)


def dump(session_factory, *, with_numbers: bool = True) -> dict[str, list]:
    """Every table's rows without timestamps; outbox rows without the envelope's own id and time."""
    tables = {}
    with session_factory() as session:
        for table in Base.metadata.sorted_tables:
            columns = [
                column
                for column in table.columns
                if column.name not in SKIPPED_COLUMNS and (with_numbers or column.name != "number" or table.name != "dossiers")
            ]
            if table.name == "outbox_messages":
                payloads = session.scalars(select(table.c.payload).order_by(table.c.id)).all()
                tables[table.name] = [_event_content(payload, with_numbers) for payload in payloads]
                continue
            if table.name == "dossier_number_counters" and not with_numbers:
                continue
            order = list(table.primary_key.columns)
            tables[table.name] = [tuple(row) for row in session.execute(select(*columns).order_by(*order))]
    return tables


def _event_content(payload: str, with_numbers: bool) -> tuple:
    envelope = json.loads(payload)
    snapshot = envelope["data"]["dossier"]
    if not with_numbers:
        snapshot = {key: value for key, value in snapshot.items() if key != "number"}
    return envelope["type"], envelope["organisation_id"], json.dumps(snapshot, sort_keys=True)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """One seeded SQLite database shared by the read-only checks."""
    session_factory = sqlite_session_factory(tmp_path_factory.mktemp("seeded") / "dossiers.sqlite3")
    report = seed(session_factory)
    return session_factory, report


class TestSeedRuns:
    def test_creates_scaled_sizes(self, seeded):
        session_factory, report = seeded

        assert sorted(report.created.values()) == [4, 25, 200]
        with session_factory() as session:
            assert session.scalar(select(func.count()).select_from(Dossier)) == 229

    def test_same_seed_gives_same_data_with_worker_processes(self, seeded, tmp_path):
        session_factory, _report = seeded
        other = sqlite_session_factory(tmp_path / "other.sqlite3")

        seed(other, planning_processes=1)

        assert dump(other) == dump(session_factory)

    def test_other_seed_gives_other_data(self, seeded, tmp_path):
        session_factory, _report = seeded
        other = sqlite_session_factory(tmp_path / "other.sqlite3")

        seed(other, seed=7)

        with other() as session, session_factory() as seeded_session:
            names = set(session.scalars(select(Debtor.name)))
            seeded_names = set(seeded_session.scalars(select(Debtor.name)))
        assert names != seeded_names

    def test_second_run_changes_nothing(self, tmp_path):
        session_factory = sqlite_session_factory(tmp_path / "dossiers.sqlite3")
        seed(session_factory)
        before = dump(session_factory)

        report = seed(session_factory)

        assert report.dossiers_created == 0
        assert len(report.skipped) == 3
        assert dump(session_factory) == before

    def test_resumes_after_interruption(self, tmp_path, monkeypatch):
        interrupted = sqlite_session_factory(tmp_path / "interrupted.sqlite3")
        write_batch = seed_module._write_batch
        calls = []

        def failing_third_batch(session, planned):
            calls.append(len(planned.dossiers))
            if len(calls) == 3:
                raise RuntimeError("interrupted")
            write_batch(session, planned)

        monkeypatch.setattr(seed_module, "_write_batch", failing_third_batch)
        with pytest.raises(RuntimeError):
            seed(interrupted)
        monkeypatch.setattr(seed_module, "_write_batch", write_batch)
        with interrupted() as session:
            assert session.scalar(select(func.count()).select_from(Dossier)) == 2 * BATCH_SIZE

        report = seed(interrupted)

        assert report.dossiers_created == 229 - 2 * BATCH_SIZE
        uninterrupted = sqlite_session_factory(tmp_path / "uninterrupted.sqlite3")
        seed(uninterrupted)
        assert dump(interrupted, with_numbers=False) == dump(uninterrupted, with_numbers=False)

    def test_rejects_invalid_scale(self, tmp_path):
        with pytest.raises(ValueError):
            seed(sqlite_session_factory(tmp_path / "dossiers.sqlite3"), scale=0)


class TestSeededData:
    def test_one_created_event_per_dossier_with_final_snapshot(self, seeded):
        session_factory, _report = seeded
        with session_factory() as session:
            dossiers = {str(dossier.id): dossier for dossier in session.scalars(select(Dossier))}
            payloads = session.scalars(select(OutboxMessage.payload)).all()

        envelopes = [json.loads(payload) for payload in payloads]
        assert len(envelopes) == len(dossiers)
        assert {envelope["type"] for envelope in envelopes} == {"dossier.created"}
        for envelope in envelopes:
            dossier = dossiers[envelope["data"]["dossier"]["id"]]
            assert envelope["data"]["dossier"] == dossier_snapshot(dossier)
            assert envelope["organisation_id"] == str(dossier.creditor_id)

    def test_totals_add_up(self, seeded):
        session_factory, _report = seeded
        with session_factory() as session:
            dossiers = session.scalars(select(Dossier)).all()
            invoiced = dict(session.execute(select(Invoice.dossier_id, func.sum(Invoice.amount_cents)).group_by(Invoice.dossier_id)).all())
            paid = dict(
                session.execute(
                    select(Booking.dossier_id, func.sum(Booking.amount_cents))
                    .where(Booking.kind != BookingKind.PAYOUT)
                    .group_by(Booking.dossier_id)
                ).all()
            )

        for dossier in dossiers:
            assert dossier.principal_cents == invoiced[dossier.id]
            consumer_before_term_ended = dossier.interest_kind == "consumer" and dossier.phase == "pre_collection"
            expected_costs = 0 if consumer_before_term_ended else wik_collection_costs(dossier.principal_cents)
            assert dossier.collection_costs_cents == expected_costs
            assert dossier.paid_cents == paid.get(dossier.id, 0)
            assert dossier.outstanding_cents >= 0
            assert dossier.interest_cents >= 0

    def test_statuses_and_dates_are_consistent(self, seeded):
        session_factory, _report = seeded
        with session_factory() as session:
            dossiers = session.scalars(select(Dossier)).all()

        closed = [dossier for dossier in dossiers if dossier.status == "closed"]
        for dossier in dossiers:
            assert TODAY - timedelta(days=3 * 365 + 2) <= dossier.opened_on <= TODAY
            assert dossier.opened_on.weekday() < 5
            if dossier.status == "closed":
                assert dossier.closing_code is not None
                assert dossier.opened_on < dossier.closed_on < TODAY
            else:
                assert dossier.closing_code is None
                assert dossier.closed_on is None
        assert 0.25 <= len(closed) / len(dossiers) <= 0.55
        assert len({dossier.closing_code for dossier in closed}) >= 5

    def test_first_letter_matches_status_text(self, seeded):
        session_factory, _report = seeded
        with session_factory() as session:
            running_pre_collection = session.scalars(
                select(Dossier).where(Dossier.status == "running", Dossier.phase == "pre_collection")
            ).all()

        kinds = {dossier.interest_kind for dossier in running_pre_collection}
        for dossier in running_pre_collection:
            expected_letter = "sommatiebrief" if dossier.interest_kind == "commercial" else "veertiendagenbrief"
            assert expected_letter in dossier.status_text, dossier.status_text
        assert kinds == {"consumer", "commercial"}

    def test_history_fits_the_phase(self, seeded):
        session_factory, _report = seeded
        with session_factory() as session:
            phases = dict(session.execute(select(Dossier.id, Dossier.phase)).all())
            actions = session.execute(select(Action.dossier_id, Action.phase, Action.code)).all()
            court_dossiers = set(session.scalars(select(CourtCase.dossier_id)))

        for dossier_id, phase, _code in actions:
            assert PHASE_RANK[phase] <= PHASE_RANK[phases[dossier_id]]
        first_codes = {code for _dossier_id, _phase, code in actions}
        assert {"dossier_received", "reminder_sent", "summons_served", "judgment"} <= first_codes
        for dossier_id in court_dossiers:
            assert PHASE_RANK[phases[dossier_id]] >= PHASE_RANK["judicial"]

    def test_business_debtors_are_mostly_companies_with_kvk_numbers(self, seeded):
        session_factory, _report = seeded
        business = next(organisation for organisation in load_demo_file(DEMO_FILE).organisations if organisation.debtor_mix == "business")
        with session_factory() as session:
            debtors = session.scalars(select(Debtor).where(Debtor.creditor_id == business.id)).all()

        companies = [debtor for debtor in debtors if debtor.kind == DebtorKind.COMPANY]
        assert len(companies) / len(debtors) > 0.7
        for company in companies:
            assert company.chamber_of_commerce_number is not None
            assert len(company.chamber_of_commerce_number) == 8
            assert company.date_of_birth is None
        for debtor in debtors:
            assert len(debtor.postal_code) == 7
            assert debtor.postal_code[:4].isdigit()


def test_target_sizes():
    organisations = [
        DemoOrganisation(id=uuid.uuid4(), name=name, debtor_mix="consumer", dossiers=count)
        for name, count in (("groot", 20000), ("middel", 2500), ("leeg", 0))
    ]
    big, middle, empty = (organisation.id for organisation in organisations)

    assert target_sizes(organisations, largest=None, scale=1) == {big: 20000, middle: 2500, empty: 0}
    assert target_sizes(organisations, largest=50000, scale=1) == {big: 50000, middle: 2500, empty: 0}
    assert target_sizes(organisations, largest=None, scale=0.02) == {big: 400, middle: 50, empty: 0}
    assert target_sizes(organisations, largest=None, scale=0.0001) == {big: 2, middle: 1, empty: 0}


def test_postgresql_seed_and_second_run():
    url = create_fresh_database("cp_test_dossiers_seed")
    upgrade_to_head(MIGRATIONS, url)
    engine = make_engine(url)
    session_factory = make_session_factory(engine)
    try:
        first = seed(session_factory, scale=0.005)
        second = seed(session_factory, scale=0.005)

        assert first.dossiers_created == 100 + 12 + 2
        assert second.dossiers_created == 0
        with session_factory() as session:
            assert session.scalar(select(func.count()).select_from(OutboxMessage)) == 114
    finally:
        engine.dispose()
