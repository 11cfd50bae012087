"""Business rules that create and change dossiers.

Each change bumps the dossier's version and stages exactly one event in
the outbox, in the caller's transaction. These functions flush but never
commit: the request or job that calls them commits or rolls back, and the
event goes with it. A concurrent change to the same dossier makes the
flush raise ``sqlalchemy.orm.exc.StaleDataError``.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import structlog
from sqlalchemy.orm import Session

from cp_common.db import utcnow
from cp_common.formatting import DISPLAY_TIMEZONE, format_money
from cp_common.vocabulary import ClosingCode, Phase
from cp_dossiers.balance import estimate_interest, wik_collection_costs
from cp_dossiers.dossier.events import DOSSIER_CLOSED, DOSSIER_CREATED, DOSSIER_UPDATED, stage_dossier_event
from cp_dossiers.dossier.numbering import allocate_dossier_numbers
from cp_dossiers.errors import DossierClosed, InvalidBooking, InvalidClaim
from cp_dossiers.models import (
    PAYMENT_KINDS,
    Action,
    Booking,
    BookingKind,
    Debtor,
    Dossier,
    DossierStatus,
    InterestKind,
    Invoice,
)

logger = structlog.get_logger(__name__)


@dataclass(frozen=True)
class NewInvoice:
    number: str
    invoice_date: date
    due_date: date
    amount_cents: int
    description: str = ""


def today_in_netherlands() -> date:
    return datetime.now(DISPLAY_TIMEZONE).date()


def create_dossier(
    session: Session,
    *,
    creditor_id: uuid.UUID,
    debtor: Debtor,
    invoices: Sequence[NewInvoice],
    opened_on: date,
    interest_kind: InterestKind,
    creditor_reference: str | None = None,
    case_handler_id: uuid.UUID | None = None,
    status_text: str = "",
) -> Dossier:
    """Open a dossier for the invoices and stage ``dossier.created``.

    The principal is the sum of the invoices, the collection costs follow
    the WIK scale, and the interest is estimated from each due date up to
    the day the dossier opens.
    """
    _check_invoices(invoices)
    if debtor.creditor_id != creditor_id:
        raise ValueError(f"debtor {debtor.id} belongs to creditor {debtor.creditor_id}, not {creditor_id}")

    principal = sum(invoice.amount_cents for invoice in invoices)
    interest = sum(
        estimate_interest(interest_kind, invoice.amount_cents, invoice.due_date, opened_on) for invoice in invoices
    )
    number = allocate_dossier_numbers(session, opened_on.year)[0]
    dossier = Dossier(
        id=uuid.uuid4(),
        creditor_id=creditor_id,
        number=number,
        creditor_reference=creditor_reference,
        debtor=debtor,
        phase=Phase.PRE_COLLECTION,
        status=DossierStatus.RUNNING,
        status_text=status_text,
        opened_on=opened_on,
        case_handler_id=case_handler_id,
        interest_kind=interest_kind,
        principal_cents=principal,
        interest_cents=interest,
        collection_costs_cents=wik_collection_costs(principal),
        paid_cents=0,
        version=1,
        invoices=[
            Invoice(
                number=invoice.number,
                invoice_date=invoice.invoice_date,
                due_date=invoice.due_date,
                amount_cents=invoice.amount_cents,
                description=invoice.description,
            )
            for invoice in invoices
        ],
    )
    session.add(dossier)
    session.flush()

    event_id = stage_dossier_event(session, DOSSIER_CREATED, dossier)
    logger.info("dossier.created", dossier_id=str(dossier.id), creditor_id=str(creditor_id), event_id=str(event_id))
    return dossier


def change_phase(session: Session, dossier: Dossier, phase: Phase, *, status_text: str | None = None) -> Dossier:
    """Move a running dossier to another phase; staying in the same phase changes nothing."""
    _check_running(dossier)
    if dossier.phase == phase:
        return dossier

    previous = dossier.phase
    dossier.phase = phase
    if status_text is not None:
        dossier.status_text = status_text
    event_id = _record_change(session, dossier, DOSSIER_UPDATED)
    logger.info(
        "dossier.phase_changed",
        dossier_id=str(dossier.id),
        previous_phase=str(previous),
        phase=str(phase),
        event_id=str(event_id),
    )
    return dossier


def add_action(
    session: Session,
    dossier: Dossier,
    *,
    code: str,
    description: str,
    occurred_at: datetime | None = None,
    status_text: str | None = None,
) -> Action:
    """Record a step the agency took, in the dossier's current phase.

    Closed dossiers accept actions too, because work such as archiving
    or a late payout still happens after closing.
    """
    action = Action(
        dossier_id=dossier.id,
        occurred_at=occurred_at or utcnow(),
        code=code,
        description=description,
        phase=dossier.phase,
    )
    session.add(action)
    if status_text is not None:
        dossier.status_text = status_text
    event_id = _record_change(session, dossier, DOSSIER_UPDATED)
    logger.info("dossier.action_added", dossier_id=str(dossier.id), code=code, event_id=str(event_id))
    return action


def register_booking(
    session: Session,
    dossier: Dossier,
    *,
    kind: BookingKind,
    amount_cents: int,
    booked_on: date,
    description: str = "",
) -> Booking:
    """Book money received or paid out; payments lower what the debtor owes.

    Closed dossiers accept bookings too: a payout or a late payment can
    follow the closing.
    """
    if amount_cents <= 0:
        amount = format_money(amount_cents)
        raise InvalidBooking(
            message_nl=f"Het bedrag {amount} is ongeldig. Geef een bedrag groter dan € 0,00.",
            message_en=f"The amount {format_money(amount_cents, 'en')} is invalid. Enter an amount above €0.00.",
            amount_cents=amount_cents,
        )
    if booked_on < dossier.opened_on:
        raise InvalidBooking(
            message_nl=f"De boekdatum {booked_on.isoformat()} ligt voor de opening van het dossier. "
            f"Kies een datum vanaf {dossier.opened_on.isoformat()}.",
            message_en=f"The booking date {booked_on.isoformat()} is before the dossier opened. "
            f"Choose a date from {dossier.opened_on.isoformat()}.",
            booked_on=booked_on.isoformat(),
        )

    booking = Booking(
        dossier_id=dossier.id, booked_on=booked_on, amount_cents=amount_cents, kind=kind, description=description
    )
    session.add(booking)
    if kind in PAYMENT_KINDS:
        dossier.paid_cents += amount_cents
    event_id = _record_change(session, dossier, DOSSIER_UPDATED)

    logger.info(
        "dossier.booking_registered",
        dossier_id=str(dossier.id),
        kind=str(kind),
        amount_cents=amount_cents,
        event_id=str(event_id),
    )
    if dossier.outstanding_cents < 0:
        logger.warning("dossier.overpaid", dossier_id=str(dossier.id), outstanding_cents=dossier.outstanding_cents)
    return booking


def close_dossier(
    session: Session,
    dossier: Dossier,
    *,
    closing_code: ClosingCode,
    closed_on: date | None = None,
    status_text: str | None = None,
) -> Dossier:
    """Close a running dossier with a closing code and stage ``dossier.closed``."""
    _check_running(dossier)
    closed_on = closed_on or today_in_netherlands()
    if closed_on < dossier.opened_on:
        raise InvalidClaim(
            message_nl=f"De sluitdatum {closed_on.isoformat()} ligt voor de opening van het dossier "
            f"({dossier.opened_on.isoformat()}). Kies een latere datum.",
            message_en=f"The closing date {closed_on.isoformat()} is before the dossier opened "
            f"({dossier.opened_on.isoformat()}). Choose a later date.",
            closed_on=closed_on.isoformat(),
        )

    dossier.status = DossierStatus.CLOSED
    dossier.closing_code = closing_code
    dossier.closed_on = closed_on
    if status_text is not None:
        dossier.status_text = status_text
    event_id = _record_change(session, dossier, DOSSIER_CLOSED)
    logger.info(
        "dossier.closed",
        dossier_id=str(dossier.id),
        closing_code=str(closing_code),
        event_id=str(event_id),
    )
    return dossier


def _record_change(session: Session, dossier: Dossier, event_type: str) -> uuid.UUID:
    dossier.version += 1
    dossier.updated_at = utcnow()
    # Flushing now runs the version check, so a lost race fails here and
    # not at commit time.
    session.flush()
    return stage_dossier_event(session, event_type, dossier)


def _check_running(dossier: Dossier) -> None:
    if dossier.status == DossierStatus.CLOSED:
        raise DossierClosed(dossier_id=str(dossier.id))


def _check_invoices(invoices: Sequence[NewInvoice]) -> None:
    if not invoices:
        raise InvalidClaim(
            message_nl="Een dossier heeft minstens één factuur nodig. Voeg de openstaande facturen toe.",
            message_en="A dossier needs at least one invoice. Add the unpaid invoices.",
        )
    for invoice in invoices:
        if invoice.amount_cents <= 0:
            raise InvalidClaim(
                message_nl=f"Factuur {invoice.number} heeft een ongeldig bedrag "
                f"({format_money(invoice.amount_cents)}). Geef een bedrag groter dan € 0,00.",
                message_en=f"Invoice {invoice.number} has an invalid amount "
                f"({format_money(invoice.amount_cents, 'en')}). Enter an amount above €0.00.",
                invoice_number=invoice.number,
            )
        if invoice.due_date < invoice.invoice_date:
            raise InvalidClaim(
                message_nl=f"Factuur {invoice.number} vervalt ({invoice.due_date.isoformat()}) voor de "
                f"factuurdatum ({invoice.invoice_date.isoformat()}). Controleer beide datums.",
                message_en=f"Invoice {invoice.number} falls due ({invoice.due_date.isoformat()}) before its "
                f"date ({invoice.invoice_date.isoformat()}). Check both dates.",
                invoice_number=invoice.number,
            )
