"""Seed the demo data: reference data first, then each organisation's dossiers in batches.

Each batch is planned from its own random generator (seed, organisation,
batch number) and committed on its own. A run picks up after the last
committed batch, and a run over complete data changes nothing. An
interrupted and resumed run gives the same data as an uninterrupted one,
except for the dossier numbers, because they follow the order of writing. Every
dossier stages one ``dossier.created`` event carrying its final snapshot,
from which a consumer can build its read model.
"""

import math
import multiprocessing
import random
import time
import uuid
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import islice

import structlog
from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from cp_common.db import utcnow
from cp_dossiers.demo.config import DemoFile, DemoOrganisation, target_sizes
from cp_dossiers.demo.lifecycle import DossierPlanner, PlannedDossier
from cp_dossiers.demo.people import NamePools, make_debtor
from cp_dossiers.dossier.events import DOSSIER_CREATED, stage_dossier_event
from cp_dossiers.dossier.numbering import allocate_dossier_numbers
from cp_dossiers.dossier.service import today_in_netherlands
from cp_dossiers.models import (
    Action,
    AgencyProfile,
    Booking,
    CaseHandler,
    CourtCase,
    CourtHearing,
    Creditor,
    Debtor,
    DebtorKind,
    Dossier,
    Invoice,
    PaymentArrangement,
)

logger = structlog.get_logger(__name__)

DEFAULT_SEED = 4211
DEFAULT_BATCH_SIZE = 2000
# Case handler ids derive from their email address, so that every run assigns the same ones.
CASE_HANDLER_NAMESPACE = uuid.UUID("6f1d3c52-8a0e-4b7f-9c1a-2d5e8f304b61")
# Share of a batch's dossiers against a debtor that already has one.
REPEAT_DEBTOR_SHARE = 0.08
COMPANY_SHARE = {"business": 0.85, "consumer": 0.04}


@dataclass
class SeedReport:
    created: dict[uuid.UUID, int] = field(default_factory=dict)
    skipped: list[uuid.UUID] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def dossiers_created(self) -> int:
        return sum(self.created.values())


def seed_demo(
    session_factory: sessionmaker[Session],
    demo: DemoFile,
    *,
    largest: int | None = None,
    scale: float = 1.0,
    seed: int = DEFAULT_SEED,
    batch_size: int = DEFAULT_BATCH_SIZE,
    today: date | None = None,
    planning_processes: int = 1,
) -> SeedReport:
    """Seed what is missing; resuming an interrupted run needs the same options and batch size.

    With ``planning_processes`` above 0, worker processes plan the next
    batches while this process writes the current one; with 0 everything
    runs here. The data is the same either way.
    """
    if scale <= 0:
        raise ValueError(f"scale {scale} must be above 0")
    if largest is not None and largest < 0:
        raise ValueError(f"largest {largest} must be 0 or more")
    if batch_size < 1:
        raise ValueError(f"batch size {batch_size} must be at least 1")

    started = time.perf_counter()
    today = today or today_in_netherlands()
    with session_factory() as session:
        case_handler_ids = _ensure_reference_data(session, demo)
        session.commit()

    targets = target_sizes(demo.organisations, largest=largest, scale=scale)
    report = SeedReport()
    batches: list[BatchPlan] = []
    for organisation in demo.organisations:
        missing = _missing_batches(session_factory, organisation, targets[organisation.id], batch_size)
        if not missing:
            report.skipped.append(organisation.id)
        for batch_number in missing:
            first = batch_number * batch_size
            batches.append(
                BatchPlan(
                    organisation=organisation,
                    batch_number=batch_number,
                    indexes=range(first, min(targets[organisation.id], first + batch_size)),
                    target=targets[organisation.id],
                    seed=seed,
                    today=today,
                    case_handler_ids=tuple(case_handler_ids),
                )
            )

    for batch, planned in _planned_batches(batches, planning_processes):
        with session_factory() as session:
            _write_batch(session, planned)
            session.commit()
        organisation_id = batch.organisation.id
        report.created[organisation_id] = report.created.get(organisation_id, 0) + len(batch.indexes)
        elapsed = time.perf_counter() - started
        logger.info(
            "seed.batch_committed",
            organisation_id=str(organisation_id),
            batch=batch.batch_number + 1,
            dossiers=batch.indexes.stop,
            target=batch.target,
            dossiers_per_second=round(report.dossiers_created / elapsed) if elapsed else None,
        )

    report.seconds = time.perf_counter() - started
    logger.info("seed.finished", dossiers=report.dossiers_created, seconds=round(report.seconds, 1))
    return report


@dataclass(frozen=True)
class BatchPlan:
    """The inputs a worker needs to plan one batch, all of them picklable."""

    organisation: DemoOrganisation
    batch_number: int
    indexes: range
    target: int
    seed: int
    today: date
    case_handler_ids: tuple[uuid.UUID, ...]


@dataclass
class PlannedBatch:
    debtors: list[dict]
    dossiers: list[PlannedDossier]


def _planned_batches(
    batches: list[BatchPlan], planning_processes: int
) -> Iterator[tuple[BatchPlan, PlannedBatch]]:
    """Yield each batch with its plan, in order, planning ahead in worker processes if asked."""
    if planning_processes <= 0 or len(batches) <= 1:
        for batch in batches:
            yield batch, plan_batch(batch)
        return

    # Spawned workers share nothing with this process: no open database
    # connection, no logging handlers, no threads.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=planning_processes, mp_context=context) as executor:
        pending: deque[tuple[BatchPlan, Future[PlannedBatch]]] = deque()
        upcoming = iter(batches)
        # One batch more than there are workers, so that none waits for this process.
        for batch in islice(upcoming, planning_processes + 1):
            pending.append((batch, executor.submit(plan_batch, batch)))
        while pending:
            batch, future = pending.popleft()
            following = next(upcoming, None)
            if following is not None:
                pending.append((following, executor.submit(plan_batch, following)))
            yield batch, future.result()


_pools_by_seed: dict[int, NamePools] = {}


def plan_batch(batch: BatchPlan) -> PlannedBatch:
    """Plan one batch's debtors and dossiers; the same batch always gives the same plan."""
    pools = _pools_by_seed.get(batch.seed)
    if pools is None:
        pools = _pools_by_seed[batch.seed] = NamePools(batch.seed)

    organisation = batch.organisation
    rng = random.Random(f"{batch.seed}:{organisation.id}:{batch.batch_number}")
    now = utcnow()
    planner = DossierPlanner(
        rng,
        creditor_id=organisation.id,
        debtor_mix=organisation.debtor_mix,
        case_handler_ids=list(batch.case_handler_ids),
        today=batch.today,
        now=now,
    )

    debtors: list[dict] = []
    dossiers: list[PlannedDossier] = []
    for index in batch.indexes:
        if debtors and rng.random() < REPEAT_DEBTOR_SHARE:
            debtor = rng.choice(debtors)
        else:
            is_company = rng.random() < COMPANY_SHARE[organisation.debtor_mix]
            kind = DebtorKind.COMPANY if is_company else DebtorKind.PERSON
            debtor = make_debtor(rng, pools, creditor_id=organisation.id, kind=kind, today=batch.today, now=now)
            debtors.append(debtor)
        dossiers.append(planner.plan(index, batch.target, debtor))
    return PlannedBatch(debtors=debtors, dossiers=dossiers)


def _ensure_reference_data(session: Session, demo: DemoFile) -> list[uuid.UUID]:
    """Add the agency, case handlers and creditors that are missing; return the case handler ids."""
    if session.get(AgencyProfile, 1) is None:
        agency = demo.agency
        session.add(
            AgencyProfile(
                id=1,
                name=agency.name,
                email=agency.email,
                phone=agency.phone,
                address=agency.address,
                website=agency.website,
            )
        )

    handler_ids = []
    for contact in demo.case_handlers:
        handler_id = session.scalar(select(CaseHandler.id).where(CaseHandler.email == contact.email))
        if handler_id is None:
            handler_id = uuid.uuid5(CASE_HANDLER_NAMESPACE, contact.email)
            session.add(CaseHandler(id=handler_id, name=contact.name, email=contact.email, phone=contact.phone))
        handler_ids.append(handler_id)

    for organisation in demo.organisations:
        if session.get(Creditor, organisation.id) is None:
            session.add(Creditor(id=organisation.id, name=organisation.name))
    session.flush()
    return handler_ids


def _missing_batches(
    session_factory: sessionmaker[Session], organisation: DemoOrganisation, target: int, batch_size: int
) -> range:
    """Return the batch numbers still to seed for an organisation; empty when it is complete or not ours to fill."""
    with session_factory() as session:
        existing = session.scalar(select(func.count()).select_from(Dossier).where(Dossier.creditor_id == organisation.id))
    if existing >= target:
        logger.info("seed.organisation_complete", organisation_id=str(organisation.id), dossiers=existing)
        return range(0)
    if existing % batch_size:
        # Seeded batches always hold batch_size dossiers, so these came from elsewhere.
        logger.warning(
            "seed.organisation_skipped",
            organisation_id=str(organisation.id),
            dossiers=existing,
            target=target,
            reason="existing dossiers are not whole seed batches; seed an empty database or use the same batch size",
        )
        return range(0)
    return range(existing // batch_size, math.ceil(target / batch_size))


def _write_batch(session: Session, planned: PlannedBatch) -> None:
    dossiers = planned.dossiers
    now = utcnow()
    _assign_numbers(session, dossiers)
    _insert(session, Debtor.__table__, planned.debtors)
    _insert(session, Dossier.__table__, (_dossier_row(dossier, now) for dossier in dossiers))
    _insert(session, Invoice.__table__, (row for dossier in dossiers for row in dossier.invoices))
    _insert(session, Booking.__table__, (row for dossier in dossiers for row in dossier.bookings))
    _insert(session, Action.__table__, (row for dossier in dossiers for row in dossier.actions))
    _insert(session, PaymentArrangement.__table__, (dossier.arrangement for dossier in dossiers if dossier.arrangement))
    _insert(session, CourtCase.__table__, (_court_case_row(dossier, now) for dossier in dossiers if dossier.court_case))
    _insert(session, CourtHearing.__table__, (row for dossier in dossiers for row in dossier.hearings))
    for dossier in dossiers:
        stage_dossier_event(session, DOSSIER_CREATED, dossier)
    session.flush()


def _assign_numbers(session: Session, dossiers: list[PlannedDossier]) -> None:
    """Number the batch's dossiers per year in the order they were opened."""
    by_year: dict[int, list[PlannedDossier]] = defaultdict(list)
    for dossier in sorted(dossiers, key=lambda dossier: dossier.opened_on):
        by_year[dossier.opened_on.year].append(dossier)
    for year, in_year in sorted(by_year.items()):
        numbers = allocate_dossier_numbers(session, year, len(in_year))
        for dossier, number in zip(in_year, numbers, strict=True):
            dossier.number = number


def _insert(session: Session, table: Table, rows: Iterable[dict]) -> None:
    rows = list(rows)
    # An insert with no rows would insert one row of defaults.
    if rows:
        session.execute(insert(table), rows)


def _dossier_row(dossier: PlannedDossier, now: datetime) -> dict:
    return {
        "id": dossier.id,
        "creditor_id": dossier.creditor_id,
        "number": dossier.number,
        "creditor_reference": dossier.creditor_reference,
        "debtor_id": dossier.debtor_id,
        "phase": dossier.phase,
        "status": dossier.status,
        "closing_code": dossier.closing_code,
        "status_text": dossier.status_text,
        "opened_on": dossier.opened_on,
        "closed_on": dossier.closed_on,
        "case_handler_id": dossier.case_handler_id,
        "interest_kind": dossier.interest_kind,
        "principal_cents": dossier.principal_cents,
        "interest_cents": dossier.interest_cents,
        "collection_costs_cents": dossier.collection_costs_cents,
        "paid_cents": dossier.paid_cents,
        "version": dossier.version,
        # The dossier was registered on the morning it opened.
        "created_at": datetime.combine(dossier.opened_on, datetime.min.time(), UTC) + timedelta(hours=8),
        "updated_at": now,
    }


def _court_case_row(dossier: PlannedDossier, now: datetime) -> dict:
    return dossier.court_case | {"created_at": now, "updated_at": now}
