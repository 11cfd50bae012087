"""The service's tables, one module per domain concept.

Importing this package registers every model on ``Base.metadata``, which
the migrations compare against.
"""

from cp_dossiers.models.action import Action
from cp_dossiers.models.arrangement import ArrangementFrequency, ArrangementStatus, PaymentArrangement
from cp_dossiers.models.base import Base
from cp_dossiers.models.booking import PAYMENT_KINDS, Booking, BookingKind
from cp_dossiers.models.closing_proposal import ClosingProposal, ClosingProposalStatus
from cp_dossiers.models.court_case import CourtCase, CourtHearing
from cp_dossiers.models.creditor import AgencyProfile, CaseHandler, Creditor
from cp_dossiers.models.debtor import Debtor, DebtorKind
from cp_dossiers.models.dossier import Dossier, DossierNumberCounter, DossierStatus, InterestKind
from cp_dossiers.models.favourite import Favourite
from cp_dossiers.models.invoice import Invoice
from cp_dossiers.models.note import Note, NoteAuthorSide
from cp_dossiers.models.outbox import OutboxMessage

__all__ = [
    "PAYMENT_KINDS",
    "Action",
    "AgencyProfile",
    "ArrangementFrequency",
    "ArrangementStatus",
    "Base",
    "Booking",
    "BookingKind",
    "CaseHandler",
    "ClosingProposal",
    "ClosingProposalStatus",
    "CourtCase",
    "CourtHearing",
    "Creditor",
    "Debtor",
    "DebtorKind",
    "Dossier",
    "DossierNumberCounter",
    "DossierStatus",
    "Favourite",
    "InterestKind",
    "Invoice",
    "Note",
    "NoteAuthorSide",
    "OutboxMessage",
    "PaymentArrangement",
]
