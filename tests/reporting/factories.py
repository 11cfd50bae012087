"""Test data: dossier snapshots as events carry them, and a DossierDetail as the dossiers service returns it."""

import uuid
from datetime import UTC, datetime
from typing import Any

from cp_common.events import EventEnvelope


def snapshot(creditor_id: uuid.UUID, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "creditor_id": str(creditor_id),
        "number": "2025-004211",
        "phase": "amicable",
        "status": "running",
        "closing_code": None,
        "opened_on": "2025-03-14",
        "closed_on": None,
        "principal_cents": 123456,
        "interest_cents": 2150,
        "collection_costs_cents": 18518,
        "paid_cents": 50000,
        "outstanding_cents": 94124,
        "version": 1,
    }
    values.update(overrides)
    return {key: str(value) if isinstance(value, uuid.UUID) else value for key, value in values.items()}


def dossier_event(dossier: dict[str, Any], event_type: str = "dossier.updated", **fields: Any) -> EventEnvelope:
    return EventEnvelope(
        type=event_type,
        producer="dossiers",
        organisation_id=uuid.UUID(dossier["creditor_id"]),
        data={"dossier": dossier},
        **fields,
    )


def dossier_detail(dossier_id: uuid.UUID, creditor_id: uuid.UUID, number: str = "2025-004211") -> dict[str, Any]:
    """A running dossier in the judicial phase with invoices, bookings, an arrangement and a court case."""
    return {
        "id": str(dossier_id),
        "number": number,
        "creditor_reference": "DZ-88412",
        "status": "running",
        "phase": "judicial",
        "closing_code": None,
        "opened_on": "2025-03-14",
        "closed_on": None,
        "status_text": "De dagvaarding is betekend. We wachten op de eerste roldatum bij de kantonrechter.",
        "version": 7,
        "debtor": {
            "kind": "company",
            "name": "Bouwbedrijf Jansen & Zn. B.V.",
            "street": "Industrieweg",
            "house_number": "12a",
            "postal_code": "3542 AD",
            "city": "Utrecht",
            "country": "NL",
            "email": "administratie@jansenbouw.example",
            "phone": "030 765 4321",
            "chamber_of_commerce_number": "30123456",
        },
        "balance": {
            "principal": "1234.56",
            "interest": "21.50",
            "collection_costs": "185.18",
            "total_claimed": "1441.24",
            "paid": "500.00",
            "outstanding": "941.24",
        },
        "invoices": [
            {
                "number": "F2025-0107",
                "invoice_date": "2025-01-06",
                "due_date": "2025-02-05",
                "amount": "734.56",
                "description": "Levering steigermateriaal",
            },
            {
                "number": "F2025-0142",
                "invoice_date": "2025-01-20",
                "due_date": "2025-02-19",
                "amount": "500.00",
                "description": "Huur hoogwerker januari",
            },
        ],
        "bookings": [
            {"booked_on": "2025-05-02", "amount": "300.00", "kind": "payment_to_agency", "description": "Betaling debiteur"},
            {"booked_on": "2025-06-10", "amount": "200.00", "kind": "direct_payment", "description": "Ontvangen door opdrachtgever"},
            {"booked_on": "2025-06-30", "amount": "300.00", "kind": "payout", "description": "Afrekening juni"},
        ],
        "actions": [
            {"occurred_at": "2025-03-14T09:12:00Z", "code": "letter_14_day", "description": "Veertiendagenbrief verstuurd", "phase": "pre_collection"},
            {"occurred_at": "2025-04-02T13:40:00Z", "code": "phone_call", "description": "Debiteur gebeld, betaling toegezegd", "phase": "amicable"},
            {"occurred_at": "2025-07-21T08:05:00Z", "code": "summons_served", "description": "Dagvaarding betekend door deurwaarder", "phase": "judicial"},
        ],
        "arrangement": {
            "total_amount": "941.24",
            "instalment_amount": "100.00",
            "instalment_count": 10,
            "instalments_paid": 2,
            "frequency": "monthly",
            "start_date": "2025-05-01",
            "next_due_on": "2025-08-01",
            "arrears": "100.00",
            "status": "active",
        },
        "court_case": {
            "court": "Rechtbank Midden-Nederland, kanton Utrecht",
            "case_number": "11223344 CV EXPL 25-1234",
            "filed_on": "2025-07-28",
            "hearings": [{"date": "2025-08-20", "description": "Eerste roldatum"}],
            "judgment_on": None,
            "judgment": None,
        },
        "case_handler": {"name": "Sanne de Jong", "email": "s.dejong@vanderberg-incasso.example", "phone": "020 123 4571"},
        "agency": {
            "name": "Incassobureau Van der Berg & Partners",
            "email": "info@vanderberg-incasso.example",
            "phone": "020 123 4567",
            "address": "Keizersgracht 100, 1015 AA Amsterdam",
            "website": "https://vanderberg-incasso.example",
        },
        "creditor": {"id": str(creditor_id), "name": "Groothandel De Zeeuw B.V."},
    }


def aware(year: int, month: int, day: int, hour: int = 12) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)
