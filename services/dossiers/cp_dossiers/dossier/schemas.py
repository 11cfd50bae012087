"""Response models of the dossier routes; amounts are Decimal euros, sent as strings."""

import datetime as dt
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel
from sqlalchemy import Row

from cp_common.formatting import cents_to_decimal
from cp_dossiers.models import AgencyProfile, CaseHandler, Debtor, Dossier, PaymentArrangement
from cp_dossiers.models.court_case import CourtCase


class ErrorContent(BaseModel):
    code: str
    message: str
    details: dict[str, Any]


class ErrorResponse(BaseModel):
    error: ErrorContent


class DossierSummary(BaseModel):
    id: uuid.UUID
    number: str
    creditor_reference: str | None
    debtor_name: str
    phase: str
    status: Literal["running", "closed"]
    closing_code: str | None
    opened_on: date
    closed_on: date | None
    principal: Decimal
    outstanding: Decimal

    @classmethod
    def from_row(cls, row: Row) -> "DossierSummary":
        total_claimed = row.principal_cents + row.interest_cents + row.collection_costs_cents
        return cls(
            id=row.id,
            number=row.number,
            creditor_reference=row.creditor_reference,
            debtor_name=row.debtor_name,
            phase=row.phase,
            status=row.status,
            closing_code=row.closing_code,
            opened_on=row.opened_on,
            closed_on=row.closed_on,
            principal=cents_to_decimal(row.principal_cents),
            outstanding=cents_to_decimal(total_claimed - row.paid_cents),
        )


class DossierPage(BaseModel):
    items: list[DossierSummary]
    page: int
    page_size: int
    total: int


class DebtorOut(BaseModel):
    kind: Literal["person", "company"]
    name: str
    street: str | None
    house_number: str | None
    postal_code: str | None
    city: str | None
    country: str
    email: str | None
    phone: str | None
    chamber_of_commerce_number: str | None

    @classmethod
    def from_model(cls, debtor: Debtor) -> "DebtorOut":
        return cls(
            kind=debtor.kind,
            name=debtor.name,
            street=debtor.street,
            house_number=debtor.house_number,
            postal_code=debtor.postal_code,
            city=debtor.city,
            country=debtor.country,
            email=debtor.email,
            phone=debtor.phone,
            chamber_of_commerce_number=debtor.chamber_of_commerce_number,
        )


class Balance(BaseModel):
    principal: Decimal
    interest: Decimal
    collection_costs: Decimal
    # principal + interest + collection_costs
    total_claimed: Decimal
    paid: Decimal
    # total_claimed - paid; negative when the debtor paid too much
    outstanding: Decimal

    @classmethod
    def from_model(cls, dossier: Dossier) -> "Balance":
        return cls(
            principal=cents_to_decimal(dossier.principal_cents),
            interest=cents_to_decimal(dossier.interest_cents),
            collection_costs=cents_to_decimal(dossier.collection_costs_cents),
            total_claimed=cents_to_decimal(dossier.total_claimed_cents),
            paid=cents_to_decimal(dossier.paid_cents),
            outstanding=cents_to_decimal(dossier.outstanding_cents),
        )


class InvoiceOut(BaseModel):
    number: str
    invoice_date: date
    due_date: date
    amount: Decimal
    description: str


class BookingOut(BaseModel):
    booked_on: date
    amount: Decimal
    kind: Literal["payment_to_agency", "direct_payment", "payout"]
    description: str


class ActionOut(BaseModel):
    occurred_at: datetime
    code: str
    description: str
    phase: str


class ArrangementOut(BaseModel):
    total_amount: Decimal
    instalment_amount: Decimal
    instalment_count: int
    instalments_paid: int
    frequency: Literal["weekly", "monthly", "quarterly"]
    start_date: date
    next_due_on: date | None
    arrears: Decimal
    status: Literal["active", "completed", "broken"]

    @classmethod
    def from_model(cls, arrangement: PaymentArrangement) -> "ArrangementOut":
        return cls(
            total_amount=cents_to_decimal(arrangement.total_amount_cents),
            instalment_amount=cents_to_decimal(arrangement.instalment_amount_cents),
            instalment_count=arrangement.instalment_count,
            instalments_paid=arrangement.instalments_paid,
            frequency=arrangement.frequency,
            start_date=arrangement.start_date,
            next_due_on=arrangement.next_due_on,
            arrears=cents_to_decimal(arrangement.arrears_cents),
            status=arrangement.status,
        )


class HearingOut(BaseModel):
    date: dt.date
    description: str


class CourtCaseOut(BaseModel):
    court: str
    case_number: str
    filed_on: date | None
    hearings: list[HearingOut]
    judgment_on: date | None
    judgment: str | None

    @classmethod
    def from_model(cls, court_case: CourtCase) -> "CourtCaseOut":
        return cls(
            court=court_case.court,
            case_number=court_case.case_number,
            filed_on=court_case.filed_on,
            hearings=[
                HearingOut(date=hearing.hearing_on, description=hearing.description) for hearing in court_case.hearings
            ],
            judgment_on=court_case.judgment_on,
            judgment=court_case.judgment,
        )


class ContactOut(BaseModel):
    name: str
    email: str | None
    phone: str | None

    @classmethod
    def from_model(cls, case_handler: CaseHandler) -> "ContactOut":
        return cls(name=case_handler.name, email=case_handler.email, phone=case_handler.phone)


class AgencyOut(BaseModel):
    name: str
    email: str
    phone: str
    address: str
    website: str | None

    @classmethod
    def from_model(cls, agency: AgencyProfile) -> "AgencyOut":
        return cls(
            name=agency.name, email=agency.email, phone=agency.phone, address=agency.address, website=agency.website
        )


class DossierDetail(BaseModel):
    id: uuid.UUID
    number: str
    creditor_reference: str | None
    status: Literal["running", "closed"]
    phase: str
    closing_code: str | None
    opened_on: date
    closed_on: date | None
    # Stand van zaken, in Dutch.
    status_text: str
    version: int
    debtor: DebtorOut
    balance: Balance
    invoices: list[InvoiceOut]
    bookings: list[BookingOut]
    actions: list[ActionOut]
    # The latest payment arrangement, if the dossier has had one.
    arrangement: ArrangementOut | None
    court_case: CourtCaseOut | None
    # None only while no case handler is assigned.
    case_handler: ContactOut | None
    # None only before the agency profile is set up.
    agency: AgencyOut | None

    @classmethod
    def fields_from_model(cls, dossier: Dossier, agency: AgencyProfile | None) -> dict[str, Any]:
        latest_arrangement = dossier.arrangements[-1] if dossier.arrangements else None
        return {
            "id": dossier.id,
            "number": dossier.number,
            "creditor_reference": dossier.creditor_reference,
            "status": dossier.status,
            "phase": dossier.phase,
            "closing_code": dossier.closing_code,
            "opened_on": dossier.opened_on,
            "closed_on": dossier.closed_on,
            "status_text": dossier.status_text,
            "version": dossier.version,
            "debtor": DebtorOut.from_model(dossier.debtor),
            "balance": Balance.from_model(dossier),
            "invoices": [
                InvoiceOut(
                    number=invoice.number,
                    invoice_date=invoice.invoice_date,
                    due_date=invoice.due_date,
                    amount=cents_to_decimal(invoice.amount_cents),
                    description=invoice.description,
                )
                for invoice in dossier.invoices
            ],
            "bookings": [
                BookingOut(
                    booked_on=booking.booked_on,
                    amount=cents_to_decimal(booking.amount_cents),
                    kind=booking.kind,
                    description=booking.description,
                )
                for booking in dossier.bookings
            ],
            "actions": [
                ActionOut(
                    occurred_at=action.occurred_at,
                    code=action.code,
                    description=action.description,
                    phase=action.phase,
                )
                for action in dossier.actions
            ],
            "arrangement": ArrangementOut.from_model(latest_arrangement) if latest_arrangement else None,
            "court_case": CourtCaseOut.from_model(dossier.court_case) if dossier.court_case else None,
            "case_handler": ContactOut.from_model(dossier.case_handler) if dossier.case_handler else None,
            "agency": AgencyOut.from_model(agency) if agency else None,
        }

    @classmethod
    def from_model(cls, dossier: Dossier, agency: AgencyProfile | None) -> "DossierDetail":
        return cls(**cls.fields_from_model(dossier, agency))


class CreditorOut(BaseModel):
    id: uuid.UUID
    name: str


class InternalDossierDetail(DossierDetail):
    """DossierDetail plus the creditor, for the reporting service."""

    creditor: CreditorOut

    @classmethod
    def from_model(cls, dossier: Dossier, agency: AgencyProfile | None) -> "InternalDossierDetail":
        return cls(
            **cls.fields_from_model(dossier, agency),
            creditor=CreditorOut(id=dossier.creditor.id, name=dossier.creditor.name),
        )
