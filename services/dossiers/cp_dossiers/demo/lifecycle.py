"""Plan one demo dossier's whole history: invoices, phases, actions, payments and court case.

A dossier's course is drawn first (running or closed, with which closing
code, and how far it got through the phases), then its history is written
to fit: older dossiers are more often closed and further along, actions
follow the usual order of an agency's work, and the money adds up
(principal = the invoices, paid = the payments, payouts = what the
creditor is owed of the payments after the agency's costs).
"""

import bisect
import functools
import math
import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from cp_common.formatting import DISPLAY_TIMEZONE
from cp_common.vocabulary import ClosingCode, Phase, closing_code_label
from cp_dossiers.balance import estimate_interest, wik_collection_costs
from cp_dossiers.demo import texts
from cp_dossiers.demo.people import new_uuid
from cp_dossiers.demo.places import PLACES
from cp_dossiers.models import (
    ArrangementFrequency,
    ArrangementStatus,
    BookingKind,
    DebtorKind,
    DossierStatus,
    InterestKind,
)

PHASES = list(Phase)
RANK = {phase: rank for rank, phase in enumerate(PHASES)}
PRE, AMICABLE, JUDICIAL, ENFORCEMENT, MONITORING = PHASES

# Dossiers are opened over this many days before the seeding day.
HISTORY_DAYS = 3 * 365
# Claims above this principal go to the civil court instead of the kantonrechter.
KANTON_LIMIT_CENTS = 25_000_00

CLOSING_CODE_WEIGHTS = {
    "business": {
        ClosingCode.PAID_IN_FULL: 36,
        ClosingCode.PAID_TO_CREDITOR: 12,
        ClosingCode.SETTLED: 12,
        ClosingCode.WITHDRAWN: 7,
        ClosingCode.DISPUTED: 8,
        ClosingCode.UNCOLLECTABLE: 8,
        ClosingCode.DEBTOR_UNTRACEABLE: 2,
        ClosingCode.BANKRUPTCY: 13,
        ClosingCode.DEBT_RESTRUCTURING: 2,
    },
    "consumer": {
        ClosingCode.PAID_IN_FULL: 40,
        ClosingCode.PAID_TO_CREDITOR: 9,
        ClosingCode.SETTLED: 9,
        ClosingCode.WITHDRAWN: 6,
        ClosingCode.DISPUTED: 4,
        ClosingCode.UNCOLLECTABLE: 14,
        ClosingCode.DEBTOR_UNTRACEABLE: 6,
        ClosingCode.BANKRUPTCY: 1,
        ClosingCode.DEBT_RESTRUCTURING: 11,
    },
}
# How far a dossier closed with a code usually got.
FURTHEST_PHASE_BY_CODE = {
    ClosingCode.PAID_IN_FULL: {PRE: 25, AMICABLE: 50, JUDICIAL: 10, ENFORCEMENT: 15},
    ClosingCode.PAID_TO_CREDITOR: {PRE: 45, AMICABLE: 50, JUDICIAL: 5},
    ClosingCode.SETTLED: {AMICABLE: 55, JUDICIAL: 25, ENFORCEMENT: 20},
    ClosingCode.WITHDRAWN: {PRE: 30, AMICABLE: 55, JUDICIAL: 15},
    ClosingCode.DISPUTED: {PRE: 20, AMICABLE: 55, JUDICIAL: 25},
    ClosingCode.UNCOLLECTABLE: {AMICABLE: 15, ENFORCEMENT: 35, MONITORING: 50},
    ClosingCode.DEBTOR_UNTRACEABLE: {PRE: 15, AMICABLE: 55, ENFORCEMENT: 30},
    ClosingCode.BANKRUPTCY: {AMICABLE: 50, JUDICIAL: 25, ENFORCEMENT: 25},
    ClosingCode.DEBT_RESTRUCTURING: {AMICABLE: 45, JUDICIAL: 20, ENFORCEMENT: 20, MONITORING: 15},
}
FURTHEST_PHASE_RUNNING_YOUNG = {AMICABLE: 45, JUDICIAL: 30, ENFORCEMENT: 15, MONITORING: 10}
FURTHEST_PHASE_RUNNING_OLD = {AMICABLE: 30, JUDICIAL: 10, ENFORCEMENT: 30, MONITORING: 30}
# Days a dossier stays at most in the furthest phase it reaches before it closes.
MAX_STAY_DAYS = {PRE: 30, AMICABLE: 240, JUDICIAL: 300, ENFORCEMENT: 500, MONITORING: 1000}

INVOICE_COUNT_WEIGHTS = {1: 55, 2: 25, 3: 12, 4: 8}
ACTIVE_INSTALMENT_COUNTS = {
    ArrangementFrequency.WEEKLY: (8, 10, 12, 16, 20, 26),
    ArrangementFrequency.MONTHLY: (3, 4, 6, 6, 8, 10, 12, 12, 18, 24),
    ArrangementFrequency.QUARTERLY: (2, 3, 4, 4, 6),
}
PERIOD_DAYS = {ArrangementFrequency.WEEKLY: 7, ArrangementFrequency.MONTHLY: 30, ArrangementFrequency.QUARTERLY: 91}
MINIMUM_INSTALMENT_CENTS = 25_00
# (median in euros, spread of the log-normal, minimum, maximum)
INVOICE_AMOUNTS = {"business": (1100.0, 1.0, 75, 45_000), "consumer": (160.0, 0.9, 15, 4_000)}


@dataclass
class PlannedDossier:
    """A dossier with everything that belongs to it, as rows ready for insertion."""

    id: uuid.UUID
    creditor_id: uuid.UUID
    debtor_id: uuid.UUID
    case_handler_id: uuid.UUID | None
    creditor_reference: str | None
    interest_kind: InterestKind
    opened_on: date
    phase: Phase
    status: DossierStatus
    closing_code: ClosingCode | None
    closed_on: date | None
    status_text: str
    principal_cents: int
    interest_cents: int
    collection_costs_cents: int
    paid_cents: int
    number: str = ""
    version: int = 1
    invoices: list[dict] = field(default_factory=list)
    bookings: list[dict] = field(default_factory=list)
    actions: list[dict] = field(default_factory=list)
    arrangement: dict | None = None
    court_case: dict | None = None
    hearings: list[dict] = field(default_factory=list)


@dataclass
class Milestones:
    """Day offsets from the opening at which the dossier would reach each step."""

    amicable: int
    summons: int
    filed: int
    first_hearing: int
    oral_hearing: int | None
    judgment: int
    enforcement: int
    monitoring: int

    def start(self, phase: Phase) -> int:
        return self.starts()[RANK[phase]]

    def starts(self) -> tuple[int, int, int, int, int]:
        return (0, self.amicable, self.summons, self.enforcement, self.monitoring)

    def reached(self, day: int) -> Phase:
        """Return the furthest phase whose start is on or before a day."""
        furthest = PRE
        for phase, start in zip(PHASES, self.starts(), strict=True):
            if start <= day:
                furthest = phase
        return furthest


@dataclass
class Payment:
    day: int
    amount_cents: int
    kind: BookingKind
    description: str


class DossierPlanner:
    """Plans the dossiers of one creditor; one instance per batch, driven by its own random generator."""

    def __init__(
        self,
        rng: random.Random,
        *,
        creditor_id: uuid.UUID,
        debtor_mix: str,
        case_handler_ids: list[uuid.UUID],
        today: date,
        now: datetime,
    ):
        self.rng = rng
        self.creditor_id = creditor_id
        self.mix = debtor_mix
        self.case_handler_ids = case_handler_ids
        self.today = today
        self.now = now

    def plan(self, index: int, total: int, debtor: dict) -> PlannedDossier:
        """Plan the ``index``-th of ``total`` dossiers; dossiers with a higher index open later."""
        rng = self.rng
        opened_on = self._opened_on(index, total)
        age = (self.today - opened_on).days
        interest_kind = InterestKind.COMMERCIAL if self.mix == "business" else InterestKind.CONSUMER
        invoices = self._invoices(opened_on)
        principal = sum(invoice["amount_cents"] for invoice in invoices)
        milestones = self._milestones()

        furthest, closing_code, end_day = self._course(age, milestones, debtor["kind"])
        if closing_code is None and furthest == JUDICIAL and age > milestones.enforcement + 60:
            # A running dossier does not wait in court long after its judgment.
            furthest = ENFORCEMENT
        # A consumer owes collection costs only once the 14-day letter's term
        # has passed unpaid (art. 6:96 lid 6 BW), which is when pre-collection ends.
        costs_apply = self.mix != "consumer" or furthest != PRE
        costs = wik_collection_costs(principal) if costs_apply else 0

        dossier = PlannedDossier(
            id=new_uuid(rng),
            creditor_id=self.creditor_id,
            debtor_id=debtor["id"],
            case_handler_id=rng.choice(self.case_handler_ids) if self.case_handler_ids else None,
            creditor_reference=self._creditor_reference(),
            interest_kind=interest_kind,
            opened_on=opened_on,
            phase=furthest,
            status=DossierStatus.CLOSED if closing_code else DossierStatus.RUNNING,
            closing_code=closing_code,
            closed_on=None,
            status_text="",
            principal_cents=principal,
            interest_cents=0,
            collection_costs_cents=costs,
            paid_cents=0,
        )
        history = _History(dossier, milestones, furthest, rng)
        history.write_phases(self.mix, debtor)

        end_day = self._plan_payments(dossier, history, debtor, age, end_day, invoices)
        if closing_code is not None:
            dossier.closed_on = opened_on + timedelta(days=end_day)
            history.write_closing(closing_code, end_day)
            dossier.status_text = texts.CLOSING_TEXTS[closing_code.value]
        else:
            dossier.status_text = history.running_status_text(self.today)

        dossier.invoices = [invoice | {"dossier_id": dossier.id} for invoice in invoices]
        dossier.actions = history.action_rows(end_day)
        dossier.court_case, dossier.hearings = history.court_rows(end_day, principal, running=closing_code is None)
        self._add_payouts(dossier)
        return dossier

    # -- the course ---------------------------------------------------------

    def _opened_on(self, index: int, total: int) -> date:
        # Spread the dossiers over the history, more of them recently (the
        # creditor's inflow grows); index 0 is the oldest.
        position = (index + self.rng.random()) / total
        days_ago = int(HISTORY_DAYS * (1 - position) ** 1.3)
        opened_on = self.today - timedelta(days=days_ago)
        # Dossiers are opened on working days.
        if opened_on.weekday() >= 5:
            opened_on -= timedelta(days=opened_on.weekday() - 4)
        return opened_on

    def _milestones(self) -> Milestones:
        rng = self.rng
        amicable = 14 + _between(rng, 1, 6)
        summons = amicable + _between(rng, 55, 120)
        filed = summons + _between(rng, 3, 10)
        first_hearing = filed + _between(rng, 2, 9)
        if rng.random() < 0.7:
            # The debtor does not appear: judgment by default a few weeks later.
            oral_hearing = None
            judgment = first_hearing + _between(rng, 14, 35)
        else:
            oral_hearing = first_hearing + _between(rng, 42, 90)
            judgment = oral_hearing + _between(rng, 28, 56)
        enforcement = judgment + _between(rng, 14, 40)
        monitoring = enforcement + _between(rng, 90, 300)
        return Milestones(amicable, summons, filed, first_hearing, oral_hearing, judgment, enforcement, monitoring)

    def _course(self, age: int, milestones: Milestones, debtor_kind: str) -> tuple[Phase, ClosingCode | None, int]:
        """Return the furthest phase, the closing code (None while running) and the last day."""
        rng = self.rng
        if age >= 8 and rng.random() < _closing_probability(age):
            code = _weighted(rng, CLOSING_CODE_WEIGHTS[self.mix])
            if code == ClosingCode.DEBT_RESTRUCTURING and debtor_kind == DebtorKind.COMPANY:
                # The WSNP is for natural persons; a company goes bankrupt.
                code = ClosingCode.BANKRUPTCY
            closing = self._closing_point(age, milestones, _weighted(rng, FURTHEST_PHASE_BY_CODE[code]))
            if closing is not None:
                phase, day = closing
                return phase, code, day

        weights = FURTHEST_PHASE_RUNNING_YOUNG if age < 200 else FURTHEST_PHASE_RUNNING_OLD
        ceiling = _weighted(rng, weights)
        reached = milestones.reached(age)
        return min(ceiling, reached, key=RANK.__getitem__), None, age

    def _closing_point(self, age: int, milestones: Milestones, ceiling: Phase) -> tuple[Phase, int] | None:
        top = min(RANK[ceiling], RANK[milestones.reached(age - 1)])
        for rank in range(top, -1, -1):
            phase = PHASES[rank]
            earliest = milestones.start(phase) + (7 if phase == PRE else 3)
            latest = age - 1
            if rank < RANK[ceiling]:
                latest = min(latest, milestones.start(PHASES[rank + 1]) - 1)
            else:
                latest = min(latest, milestones.start(phase) + MAX_STAY_DAYS[phase])
            if earliest <= latest:
                return phase, _between(self.rng, earliest, latest)
        return None

    # -- invoices -----------------------------------------------------------

    def _invoices(self, opened_on: date) -> list[dict]:
        rng = self.rng
        median, spread, minimum, maximum = INVOICE_AMOUNTS[self.mix]
        templates = texts.BUSINESS_INVOICE_TEXTS if self.mix == "business" else texts.CONSUMER_INVOICE_TEXTS
        payment_term = 30 if self.mix == "business" else 14
        # Creditors hand a claim over after their own reminders.
        last_due = opened_on - timedelta(days=_between(rng, 21, 120))
        count = _weighted(rng, INVOICE_COUNT_WEIGHTS)
        invoices = []
        for position in range(count):
            due_date = last_due - timedelta(days=0 if position == 0 else _between(rng, 7, 90))
            invoice_date = due_date - timedelta(days=payment_term)
            euros = min(max(rng.lognormvariate(math.log(median), spread), minimum), maximum)
            invoices.append(
                {
                    "number": f"{invoice_date.year}{_between(rng, 0, 99999):05d}",
                    "invoice_date": invoice_date,
                    "due_date": due_date,
                    "amount_cents": int(round(euros, 2) * 100),
                    "description": texts.invoice_description(rng.choice(templates), invoice_date, _between(rng, 10000, 99999)),
                    "created_at": self.now,
                    "updated_at": self.now,
                }
            )
        invoices.sort(key=lambda invoice: (invoice["invoice_date"], invoice["number"]))
        return invoices

    def _creditor_reference(self) -> str | None:
        if self.rng.random() < 0.15:
            return None
        prefix = "VO" if self.mix == "business" else "KL"
        return f"{prefix}{_between(self.rng, 100000, 999999)}"

    # -- money --------------------------------------------------------------

    def _plan_payments(
        self,
        dossier: PlannedDossier,
        history: "_History",
        debtor: dict,
        age: int,
        end_day: int,
        invoices: list[dict],
    ) -> int:
        """Add the payments and any arrangement; return the last day, which a completed arrangement moves."""
        rng = self.rng
        code = dossier.closing_code
        milestones = history.milestones
        furthest = dossier.phase

        arrangement: _Arrangement | None = None
        if code == ClosingCode.PAID_IN_FULL and furthest == AMICABLE and end_day - milestones.amicable >= 75:
            if rng.random() < 0.5:
                arrangement = _Arrangement.completed(rng, dossier.opened_on, milestones.amicable, end_day)
                if arrangement is not None:
                    end_day = min(arrangement.last_day + _between(rng, 0, 3), age - 1)
        elif code is None and furthest == AMICABLE and age - milestones.amicable > 20:
            if age > 150 or rng.random() < 0.45:
                arrangement = _Arrangement.active(rng, dossier.opened_on, milestones.amicable, age, self.mix)
        elif RANK[furthest] >= RANK[JUDICIAL] and rng.random() < 0.25:
            arrangement = _Arrangement.broken(rng, dossier.opened_on, milestones.amicable, milestones.summons)

        end_date = dossier.opened_on + timedelta(days=end_day)
        dossier.interest_cents = sum(
            estimate_interest(dossier.interest_kind, invoice["amount_cents"], invoice["due_date"], end_date)
            for invoice in invoices
        )
        total = dossier.principal_cents + dossier.interest_cents + dossier.collection_costs_cents

        payments: list[Payment] = []
        if arrangement is not None:
            payments += arrangement.plan_instalments(total, history)
            dossier.arrangement = arrangement.row(dossier.id, self.now)
        if arrangement is None or arrangement.status == ArrangementStatus.BROKEN:
            payments += self._side_payments(history, total, payments, end_day)
        if code is not None:
            already_paid = sum(payment.amount_cents for payment in payments)
            payments += self._closing_payments(code, total, already_paid, end_day, history)

        payments.sort(key=lambda payment: payment.day)
        dossier.bookings = [
            {
                "dossier_id": dossier.id,
                "booked_on": dossier.opened_on + timedelta(days=payment.day),
                "amount_cents": payment.amount_cents,
                "kind": payment.kind,
                "description": payment.description,
                "created_at": self.now,
                "updated_at": self.now,
            }
            for payment in payments
        ]
        dossier.paid_cents = sum(payment.amount_cents for payment in payments)
        return end_day

    def _closing_payments(
        self, code: ClosingCode, total: int, already_paid: int, end_day: int, history: "_History"
    ) -> list[Payment]:
        rng = self.rng
        remaining = total - already_paid
        if remaining <= 0:
            return []

        if code == ClosingCode.PAID_IN_FULL:
            if rng.random() < 0.75:
                parts = [remaining]
            else:
                first = _round_euros(remaining * rng.uniform(0.3, 0.6))
                parts = [first, remaining - first]
            days = sorted(max(1, end_day - _between(rng, 0, 20)) for _ in parts)
            days[-1] = end_day
            payments = []
            for day, amount in zip(days, parts, strict=True):
                payments.append(Payment(day, amount, BookingKind.PAYMENT_TO_AGENCY, "Betaling debiteur"))
                history.add(day, "payment_received", texts.payment_received_text(amount))
            return payments

        if code == ClosingCode.PAID_TO_CREDITOR:
            direct = min(remaining, history.dossier.principal_cents)
            day = max(1, end_day - _between(rng, 1, 10))
            payments = [Payment(day, direct, BookingKind.DIRECT_PAYMENT, "Rechtstreeks aan opdrachtgever betaald")]
            history.add(day, "direct_payment_reported", "Opdrachtgever meldt een rechtstreekse betaling door de debiteur")
            if remaining > direct and rng.random() < 0.4:
                payments.append(
                    Payment(end_day, remaining - direct, BookingKind.PAYMENT_TO_AGENCY, "Betaling rente en incassokosten")
                )
            return payments

        if code == ClosingCode.SETTLED:
            amount = _round_euros(remaining * rng.uniform(0.5, 0.85))
            day = max(1, end_day - _between(rng, 0, 5))
            history.add(
                max(1, day - _between(rng, 3, 14)),
                "settlement_agreed",
                f"Schikking getroffen: finale kwijting na betaling van {texts.money_text(amount)}",
            )
            return [Payment(day, amount, BookingKind.PAYMENT_TO_AGENCY, "Schikkingsbedrag")]

        return []

    def _side_payments(self, history: "_History", total: int, planned: list[Payment], end_day: int) -> list[Payment]:
        """Partial payments along the way, and receipts from a wage garnishment."""
        rng = self.rng
        room = total - sum(payment.amount_cents for payment in planned) - 100
        payments: list[Payment] = []

        garnishment_day = history.garnishment_day
        if garnishment_day is not None and garnishment_day < end_day:
            monthly = _between(rng, 120, 450) * 100
            day = garnishment_day + 30
            while day <= end_day and room - monthly > 0:
                payments.append(Payment(day, monthly, BookingKind.PAYMENT_TO_AGENCY, "Ontvangen via loonbeslag"))
                room -= monthly
                day += 30
            return payments

        if end_day > 5 and rng.random() < 0.18:
            amount = _round_euros(total * rng.uniform(0.1, 0.4))
            if 0 < amount < room:
                day = _between(rng, 2, end_day)
                if rng.random() < 0.3:
                    payments.append(Payment(day, amount, BookingKind.DIRECT_PAYMENT, "Deelbetaling rechtstreeks aan opdrachtgever"))
                    history.add(day, "direct_payment_reported", "Opdrachtgever meldt een deelbetaling door de debiteur")
                else:
                    payments.append(Payment(day, amount, BookingKind.PAYMENT_TO_AGENCY, "Deelbetaling debiteur"))
                    history.add(day, "payment_received", texts.payment_received_text(amount))
        return payments

    def _add_payouts(self, dossier: PlannedDossier) -> None:
        """Pay the creditor's share of each month's receipts out on the 5th of the next month.

        The agency keeps what covers the collection costs first; the rest
        (interest and principal) belongs to the creditor.
        """
        costs_left = dossier.collection_costs_cents
        owed_by_month: dict[date, int] = {}
        for booking in dossier.bookings:
            if booking["kind"] != BookingKind.PAYMENT_TO_AGENCY:
                continue
            retained_for_costs = min(costs_left, booking["amount_cents"])
            costs_left -= retained_for_costs
            share = booking["amount_cents"] - retained_for_costs
            if share > 0:
                payout_on = _add_months(booking["booked_on"].replace(day=5), 1)
                owed_by_month[payout_on] = owed_by_month.get(payout_on, 0) + share

        for payout_on, amount in sorted(owed_by_month.items()):
            if payout_on > self.today:
                continue
            dossier.bookings.append(
                {
                    "dossier_id": dossier.id,
                    "booked_on": payout_on,
                    "amount_cents": amount,
                    "kind": BookingKind.PAYOUT,
                    "description": "Afdracht aan opdrachtgever",
                    "created_at": self.now,
                    "updated_at": self.now,
                }
            )
        dossier.bookings.sort(key=lambda booking: booking["booked_on"])


class _History:
    """Collects a dossier's actions and court dates while its course is written."""

    def __init__(self, dossier: PlannedDossier, milestones: Milestones, furthest: Phase, rng: random.Random):
        self.dossier = dossier
        self.milestones = milestones
        self.furthest = furthest
        self.rng = rng
        self.actions: list[tuple[int, str, str]] = []
        self.garnishment_day: int | None = None
        self.court_name = ""
        self.first_letter_is_demand = False
        self.arrangement_next_due: date | None = None
        self.arrangement_behind = 0
        self._phases = PHASES[: RANK[furthest] + 1]
        self._starts = list(milestones.starts()[: RANK[furthest] + 1])

    def add(self, day: int, code: str, description: str) -> None:
        self.actions.append((day, code, description))

    def phase_on(self, day: int) -> Phase:
        # The phase whose start is the last one on or before the day, at most the furthest.
        return self._phases[bisect.bisect_right(self._starts, day) - 1]

    def write_phases(self, mix: str, debtor: dict) -> None:
        rng = self.rng
        milestones = self.milestones
        reached = RANK[self.furthest]
        self.add(0, "dossier_received", "Dossier ontvangen van opdrachtgever en geregistreerd")
        self.first_letter_is_demand = mix != "consumer"
        if mix == "consumer":
            self.add(1, "letter_14_day", "Veertiendagenbrief verstuurd aan debiteur")
        else:
            self.add(1, "demand_letter", "Sommatiebrief verstuurd aan debiteur")

        if reached >= RANK[AMICABLE]:
            self.add(milestones.amicable, "reminder_sent", "Aanmaning verstuurd")
            stop = milestones.summons if reached >= RANK[JUDICIAL] else milestones.amicable + 150
            day = milestones.amicable + _between(rng, 5, 15)
            second_reminder_sent = False
            while day < stop - 10:
                step = rng.random()
                if step < 0.5:
                    self.add(day, "phone_call", rng.choice(texts.PHONE_CALL_TEXTS))
                elif step < 0.75 or second_reminder_sent:
                    self.add(day, "email_sent", "E-mail verstuurd aan debiteur met verzoek om betaling")
                else:
                    self.add(day, "reminder_sent", "Tweede aanmaning verstuurd")
                    second_reminder_sent = True
                day += _between(rng, 10, 25)

        if reached >= RANK[JUDICIAL]:
            self._write_judicial(debtor)
        if reached >= RANK[ENFORCEMENT]:
            self._write_enforcement(debtor)
        if reached >= RANK[MONITORING]:
            self.add(milestones.monitoring, "monitoring_started", "Geen verhaal mogelijk; dossier in bewaking genomen")
            day = milestones.monitoring + _between(rng, 90, 180)
            while day < milestones.monitoring + 2000:
                self.add(day, "solvency_check", "Verhaalsmogelijkheden opnieuw onderzocht, nog geen verhaal")
                day += _between(rng, 90, 180)

    def _write_judicial(self, debtor: dict) -> None:
        milestones = self.milestones
        place = next((place for place in PLACES if place.city == debtor["city"]), PLACES[0])
        if self.dossier.principal_cents <= KANTON_LIMIT_CENTS:
            self.court_name = f"Rechtbank {place.court_district}, team kanton {place.court_location}"
        else:
            self.court_name = f"Rechtbank {place.court_district}, team handel"

        self.add(milestones.summons - _between(self.rng, 10, 20), "final_notice", "Laatste sommatie verstuurd voor dagvaarding")
        self.add(milestones.summons, "summons_served", "Dagvaarding betekend door de gerechtsdeurwaarder")
        self.add(milestones.filed, "case_filed", f"Zaak aangebracht bij de {self.court_name}")
        if milestones.oral_hearing is None:
            self.add(milestones.first_hearing, "default_granted", "Debiteur niet verschenen, verstek verleend")
            self.add(milestones.judgment, "judgment", "Verstekvonnis gewezen: vordering toegewezen")
        else:
            self.add(milestones.first_hearing, "defence_filed", "Debiteur verschenen en verweer gevoerd")
            self.add(milestones.oral_hearing, "oral_hearing", "Mondelinge behandeling bij de rechter")
            self.add(milestones.judgment, "judgment", "Vonnis gewezen: vordering toegewezen")

    def _write_enforcement(self, debtor: dict) -> None:
        rng = self.rng
        milestones = self.milestones
        self.add(milestones.enforcement, "judgment_served", "Vonnis betekend aan debiteur met bevel tot betaling")
        day = milestones.enforcement + _between(rng, 10, 30)
        if debtor["kind"] == DebtorKind.PERSON and rng.random() < 0.55:
            self.add(day, "wage_garnishment", "Loonbeslag gelegd bij de werkgever van de debiteur")
            self.garnishment_day = day
        else:
            self.add(day, "bank_garnishment", "Derdenbeslag gelegd op de bankrekening van de debiteur")
            if rng.random() < 0.4:
                self.add(day + _between(rng, 14, 45), "bailiff_visit", "Deurwaarder ter plaatse voor beslag op roerende zaken")

    def write_closing(self, code: ClosingCode, day: int) -> None:
        rng = self.rng
        before = max(1, day - _between(rng, 1, 10))
        preceding = {
            ClosingCode.DISPUTED: ("dispute_received", "Debiteur betwist de vordering schriftelijk"),
            ClosingCode.WITHDRAWN: ("withdrawn_by_creditor", "Opdrachtgever heeft de opdracht ingetrokken"),
            ClosingCode.DEBTOR_UNTRACEABLE: (
                "address_search",
                "Adresonderzoek uitgevoerd in de BRP: geen nieuw adres gevonden",
            ),
            ClosingCode.BANKRUPTCY: (
                "bankruptcy_registered",
                "Faillissement van debiteur uitgesproken; vordering ingediend bij de curator",
            ),
            ClosingCode.DEBT_RESTRUCTURING: (
                "debt_restructuring",
                "Debiteur toegelaten tot de WSNP; vordering aangemeld bij de bewindvoerder",
            ),
            ClosingCode.UNCOLLECTABLE: (
                "recovery_investigated",
                "Verhaal onderzocht: geen inkomen of vermogen om op te verhalen",
            ),
        }.get(code)
        if preceding is not None:
            self.add(before, *preceding)
        self.add(day, "dossier_closed", f"Dossier gesloten: {closing_code_label(code)}")

    def action_rows(self, end_day: int) -> list[dict]:
        rows = []
        opened_on = self.dossier.opened_on
        for day, code, description in sorted(self.actions, key=lambda action: action[0]):
            if day > end_day or day < 0:
                continue
            rows.append(
                {
                    "dossier_id": self.dossier.id,
                    "occurred_at": _office_moment(self.rng, opened_on + timedelta(days=day)),
                    "code": code,
                    "description": description,
                    "phase": self.phase_on(day),
                }
            )
        return rows

    def court_rows(self, end_day: int, principal_cents: int, *, running: bool) -> tuple[dict | None, list[dict]]:
        """Build the court case row once it was filed, with its hearings; a running case keeps its future dates."""
        milestones = self.milestones
        if RANK[self.furthest] < RANK[JUDICIAL] or milestones.filed > end_day:
            return None, []

        rng = self.rng
        opened_on = self.dossier.opened_on
        filed_on = opened_on + timedelta(days=milestones.filed)
        judged = milestones.judgment <= end_day
        year = filed_on.strftime("%y")
        if principal_cents <= KANTON_LIMIT_CENTS:
            case_number = f"{_between(rng, 10_000_000, 11_999_999)} CV EXPL {year}-{_between(rng, 1000, 19999)}"
        else:
            case_number = f"C/{_between(rng, 1, 19):02d}/{_between(rng, 600_000, 799_999)} / HA ZA {year}-{_between(rng, 100, 999)}"
        court_case = {
            "id": new_uuid(rng),
            "dossier_id": self.dossier.id,
            "court": self.court_name,
            "case_number": case_number,
            "filed_on": filed_on,
            "judgment_on": opened_on + timedelta(days=milestones.judgment) if judged else None,
            "judgment": self._judgment_text() if judged else None,
        }

        dates = [(milestones.first_hearing, "Eerste roldatum")]
        if milestones.oral_hearing is not None:
            dates.append((milestones.oral_hearing, "Mondelinge behandeling"))
        dates.append((milestones.judgment, "Uitspraak vonnis"))
        limit = milestones.judgment if running else end_day
        hearings = [
            {"court_case_id": court_case["id"], "hearing_on": opened_on + timedelta(days=day), "description": text}
            for day, text in dates
            if day <= limit
        ]
        return court_case, hearings

    def _judgment_text(self) -> str:
        if self.milestones.oral_hearing is None:
            return "Verstekvonnis: vordering toegewezen, met rente, incassokosten en proceskosten"
        if self.rng.random() < 0.85:
            return "Vonnis op tegenspraak: vordering toegewezen, met rente, incassokosten en proceskosten"
        return "Vonnis op tegenspraak: vordering gedeeltelijk toegewezen"

    def running_status_text(self, today: date) -> str:
        milestones = self.milestones
        opened_on = self.dossier.opened_on
        phase = self.furthest
        next_hearing = None
        judgment_on = None
        age = (today - opened_on).days
        if phase == JUDICIAL:
            upcoming = [day for day in (milestones.first_hearing, milestones.oral_hearing, milestones.judgment) if day and day > age]
            next_hearing = opened_on + timedelta(days=upcoming[0]) if upcoming else None
            if milestones.judgment <= age:
                judgment_on = opened_on + timedelta(days=milestones.judgment)
        # The first letter goes out the day after the dossier arrives.
        letter_sent_on = opened_on + timedelta(days=1) if age >= 1 else None
        return texts.running_status_text(
            phase.value,
            letter_sent_on=letter_sent_on,
            demand_letter=self.first_letter_is_demand,
            arrangement_next_due=self.arrangement_next_due,
            arrangement_behind=self.arrangement_behind,
            next_hearing=next_hearing,
            court=self.court_name or None,
            judgment_on=judgment_on,
            garnishment=self.garnishment_day is not None,
        )


@dataclass
class _Arrangement:
    """A payment arrangement's terms and how the debtor kept to them."""

    opened_on: date
    start_day: int
    frequency: ArrangementFrequency
    count: int
    status: ArrangementStatus
    # How many of the instalments due so far the debtor paid.
    paid_count: int
    due_count: int
    last_day: int
    instalment_cents: int = 0
    total_cents: int = 0
    next_due_on: date | None = None

    @classmethod
    def completed(cls, rng: random.Random, opened_on: date, amicable_day: int, closing_day: int) -> "_Arrangement | None":
        start_day = amicable_day + _between(rng, 5, 25)
        fitting = (closing_day - start_day) // 31 + 1
        count = min(rng.choice((3, 4, 6, 6, 8, 10, 12)), fitting)
        if count < 2:
            return None
        last_day = (_due_date(opened_on, start_day, ArrangementFrequency.MONTHLY, count - 1) - opened_on).days
        return cls(opened_on, start_day, ArrangementFrequency.MONTHLY, count, ArrangementStatus.COMPLETED, count, count, last_day)

    @classmethod
    def active(cls, rng: random.Random, opened_on: date, amicable_day: int, age: int, mix: str) -> "_Arrangement":
        frequency = ArrangementFrequency.MONTHLY
        if rng.random() < 0.1:
            frequency = ArrangementFrequency.WEEKLY if mix == "consumer" else ArrangementFrequency.QUARTERLY
        count = rng.choice(ACTIVE_INSTALMENT_COUNTS[frequency])
        # Start so that some, never all, of the instalments are due by today.
        period_days = PERIOD_DAYS[frequency]
        elapsed = _between(rng, 1, count - 1)
        start_day = max(amicable_day + 5, age - (elapsed - 1) * period_days - _between(rng, 0, period_days - 1))
        due_count = min(_count_due(opened_on, start_day, frequency, age), count - 1)
        behind = 1 if due_count > 1 and rng.random() < 0.25 else 0
        return cls(opened_on, start_day, frequency, count, ArrangementStatus.ACTIVE, due_count - behind, due_count, age)

    @classmethod
    def broken(cls, rng: random.Random, opened_on: date, amicable_day: int, summons_day: int) -> "_Arrangement | None":
        start_day = amicable_day + _between(rng, 5, 15)
        broken_day = summons_day - _between(rng, 5, 15)
        due_count = _count_due(opened_on, start_day, ArrangementFrequency.MONTHLY, broken_day)
        if due_count < 2:
            return None
        count = rng.choice((6, 8, 10, 12))
        paid = _between(rng, 0, min(3, due_count - 2))
        return cls(opened_on, start_day, ArrangementFrequency.MONTHLY, count, ArrangementStatus.BROKEN, paid, due_count, broken_day)

    def plan_instalments(self, total_cents: int, history: _History) -> list[Payment]:
        """Return the instalments paid and add the arrangement's actions."""
        self.total_cents = total_cents
        # Instalments are whole euros, and at least the minimum; the last
        # one takes the remainder.
        self.count = max(1, min(self.count, total_cents // MINIMUM_INSTALMENT_CENTS))
        self.paid_count = min(self.paid_count, self.count if self.status == ArrangementStatus.COMPLETED else self.count - 1)
        self.due_count = min(self.due_count, self.count)
        self.instalment_cents = math.ceil(total_cents / self.count / 100) * 100
        history.add(
            self.start_day,
            "arrangement_made",
            texts.arrangement_made_text(self.count, self.instalment_cents, self.frequency.value),
        )

        payments = []
        for number in range(self.paid_count):
            due_on = _due_date(self.opened_on, self.start_day, self.frequency, number)
            amount = self.instalment_cents
            if number == self.count - 1:
                amount = total_cents - self.instalment_cents * (self.count - 1)
            # Debtors pay on the due date or a few days later, but never after the arrangement's last day.
            day = min((due_on - self.opened_on).days + _between(history.rng, 0, 3), self.last_day)
            payments.append(Payment(day, amount, BookingKind.PAYMENT_TO_AGENCY, texts.instalment_text(number + 1, self.count)))

        if self.status == ArrangementStatus.COMPLETED:
            history.add(self.last_day, "arrangement_completed", "Betalingsregeling volledig nagekomen")
        elif self.status == ArrangementStatus.BROKEN:
            history.add(self.last_day, "arrangement_broken", "Betalingsregeling niet nagekomen; regeling vervallen")
        else:
            self.next_due_on = _due_date(self.opened_on, self.start_day, self.frequency, self.due_count)
            history.arrangement_next_due = self.next_due_on
            history.arrangement_behind = self.due_count - self.paid_count
            if history.arrangement_behind:
                history.add(self.last_day - _between(history.rng, 1, 5), "reminder_sent", "Herinnering gestuurd: termijn niet betaald")
        return payments

    def row(self, dossier_id: uuid.UUID, now: datetime) -> dict:
        arrears = 0
        if self.status != ArrangementStatus.COMPLETED:
            arrears = (self.due_count - self.paid_count) * self.instalment_cents
        return {
            "dossier_id": dossier_id,
            "total_amount_cents": self.total_cents,
            "instalment_amount_cents": self.instalment_cents,
            "instalment_count": self.count,
            "frequency": self.frequency,
            "start_date": self.opened_on + timedelta(days=self.start_day),
            "instalments_paid": self.paid_count,
            "next_due_on": self.next_due_on,
            "arrears_cents": arrears,
            "status": self.status,
            "created_at": now,
            "updated_at": now,
        }


def _closing_probability(age: int) -> float:
    # Young dossiers are rarely closed yet; after two years most are.
    return 0.08 + 0.52 * min(age, 720) / 720


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _round_euros(cents: float) -> int:
    return max(100, int(cents // 100) * 100)


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    return date(day.year + month_index // 12, month_index % 12 + 1, min(day.day, 28))


def _due_date(opened_on: date, start_day: int, frequency: ArrangementFrequency, number: int) -> date:
    start = opened_on + timedelta(days=start_day)
    if frequency == ArrangementFrequency.WEEKLY:
        return start + timedelta(weeks=number)
    if frequency == ArrangementFrequency.QUARTERLY:
        return _add_months(start, 3 * number)
    return _add_months(start, number)


def _count_due(opened_on: date, start_day: int, frequency: ArrangementFrequency, last_day: int) -> int:
    """Count the instalments due on or before a day."""
    count = 0
    while (_due_date(opened_on, start_day, frequency, count) - opened_on).days <= last_day:
        count += 1
    return count


def _office_moment(rng: random.Random, day: date) -> datetime:
    """Draw a moment between 08:00 and 17:00 Dutch time on a day, returned in UTC."""
    seconds = 8 * 3600 + int(rng.random() * 9 * 60) * 60
    return datetime.fromtimestamp(_local_midnight_timestamp(day) + seconds, UTC)


@functools.cache
def _local_midnight_timestamp(day: date) -> int:
    # Daylight saving time starts and ends at night, so noon's offset is valid for all office hours.
    offset = datetime.combine(day, time(12), tzinfo=DISPLAY_TIMEZONE).utcoffset() or timedelta(0)
    return int(datetime.combine(day, time(0), tzinfo=UTC).timestamp() - offset.total_seconds())


def _between(rng: random.Random, low: int, high: int) -> int:
    """Draw a whole number from low to high inclusive; cheaper than random.randint."""
    return low + int(rng.random() * (high - low + 1))
