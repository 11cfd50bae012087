"""The dossier as the dossiers service's internal API returns it (DossierDetail plus creditor).

Only what the overview PDF prints is modelled; unknown fields are ignored so
that the dossiers service can add fields without breaking the worker.
"""

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from cp_common.vocabulary import ClosingCode, Phase


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Creditor(_Model):
    id: uuid.UUID
    name: str


class Debtor(_Model):
    kind: Literal["person", "company"]
    name: str
    street: str | None = None
    house_number: str | None = None
    postal_code: str | None = None
    city: str | None = None
    country: str | None = None
    email: str | None = None
    phone: str | None = None
    chamber_of_commerce_number: str | None = None


class Balance(_Model):
    principal: Decimal
    interest: Decimal
    collection_costs: Decimal
    total_claimed: Decimal
    paid: Decimal
    outstanding: Decimal


class Invoice(_Model):
    number: str
    invoice_date: date | None = None
    due_date: date | None = None
    amount: Decimal
    description: str | None = None


class Booking(_Model):
    booked_on: date
    amount: Decimal
    kind: str
    description: str | None = None


class Action(_Model):
    occurred_at: datetime
    code: str
    description: str
    phase: Phase | None = None

    @field_validator("occurred_at")
    @classmethod
    def _assume_utc(cls, value: datetime) -> datetime:
        # The API sends UTC timestamps; one without an offset is read as UTC.
        return value if value.tzinfo else value.replace(tzinfo=UTC)


class Arrangement(_Model):
    total_amount: Decimal
    instalment_amount: Decimal
    instalment_count: int
    instalments_paid: int
    frequency: str
    start_date: date
    next_due_on: date | None = None
    arrears: Decimal
    status: str


class Hearing(_Model):
    date: date
    description: str | None = None


class CourtCase(_Model):
    court: str
    case_number: str
    filed_on: date | None = None
    hearings: list[Hearing] = []
    judgment_on: date | None = None
    judgment: str | None = None


class Contact(_Model):
    name: str
    email: str | None = None
    phone: str | None = None


class Agency(_Model):
    name: str
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    website: str | None = None


class DossierDetail(_Model):
    id: uuid.UUID
    number: str
    creditor_reference: str | None = None
    status: Literal["running", "closed"]
    phase: Phase
    closing_code: ClosingCode | None = None
    opened_on: date
    closed_on: date | None = None
    status_text: str | None = None
    version: int
    debtor: Debtor
    balance: Balance
    invoices: list[Invoice] = []
    bookings: list[Booking] = []
    actions: list[Action] = []
    arrangement: Arrangement | None = None
    court_case: CourtCase | None = None
    # The dossiers service sends null while no case handler is assigned or no agency profile is set up.
    case_handler: Contact | None = None
    agency: Agency | None = None
    creditor: Creditor
