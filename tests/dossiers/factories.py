"""Plain helpers that create test data through the service functions."""

import uuid
from datetime import date

from sqlalchemy.orm import Session

from cp_common.identity import IDENTITY_HEADER
from cp_dossiers.dossier.service import NewInvoice, create_dossier
from cp_dossiers.models import AgencyProfile, CaseHandler, Creditor, Debtor, DebtorKind, Dossier, InterestKind


def create_creditor(session: Session, name: str = "Groothandel Test B.V.") -> Creditor:
    creditor = Creditor(id=uuid.uuid4(), name=name)
    session.add(creditor)
    session.flush()
    return creditor


def create_agency(session: Session) -> AgencyProfile:
    agency = session.get(AgencyProfile, 1)
    if agency is None:
        agency = AgencyProfile(
            id=1,
            name="Incassobureau Test",
            email="info@incasso.example",
            phone="020 123 4567",
            address="Keizersgracht 1, 1015 AA Amsterdam",
            website="https://incasso.example",
        )
        session.add(agency)
        session.flush()
    return agency


def create_case_handler(session: Session) -> CaseHandler:
    handler = CaseHandler(name="Sanne de Jong", email=f"{uuid.uuid4().hex}@incasso.example", phone="020 123 4571")
    session.add(handler)
    session.flush()
    return handler


def create_debtor(session: Session, creditor: Creditor, name: str = "Jan de Vries") -> Debtor:
    debtor = Debtor(
        creditor_id=creditor.id,
        kind=DebtorKind.PERSON,
        name=name,
        street="Kerkstraat",
        house_number="12A",
        postal_code="1011 AB",
        city="Amsterdam",
        country="NL",
        email="jan@mail.example",
        phone="06-12345678",
    )
    session.add(debtor)
    session.flush()
    return debtor


def open_dossier(
    session: Session,
    creditor: Creditor,
    *,
    opened_on: date = date(2026, 3, 2),
    amounts_cents: tuple[int, ...] = (125_00,),
    debtor_name: str = "Jan de Vries",
    case_handler: CaseHandler | None = None,
) -> Dossier:
    invoices = [
        NewInvoice(
            number=f"F{position:04d}",
            invoice_date=date(2026, 1, 2),
            due_date=date(2026, 1, 16),
            amount_cents=amount,
            description="Levering volgens order",
        )
        for position, amount in enumerate(amounts_cents, start=1)
    ]
    return create_dossier(
        session,
        creditor_id=creditor.id,
        debtor=create_debtor(session, creditor, debtor_name),
        invoices=invoices,
        opened_on=opened_on,
        interest_kind=InterestKind.CONSUMER,
        creditor_reference="KL123456",
        case_handler_id=case_handler.id if case_handler else None,
        status_text="De veertiendagenbrief is verstuurd.",
    )


def identity_headers(token: str) -> dict[str, str]:
    return {IDENTITY_HEADER: token}
