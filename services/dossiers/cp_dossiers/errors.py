"""The service's expected failures, each with its HTTP status and stable code."""

from cp_common.errors import Conflict, DomainError, NotFound


class DossierNotFound(NotFound):
    code = "dossier_not_found"
    message_nl = "Dossier niet gevonden. Kies een dossier uit je dossieroverzicht."
    message_en = "Dossier not found. Choose a dossier from your dossier overview."


class InvalidQueryParameter(DomainError):
    status_code = 422
    code = "invalid_input"


class DossierClosed(Conflict):
    code = "dossier_closed"
    message_nl = "Dit dossier is gesloten en kan niet meer worden gewijzigd."
    message_en = "This dossier is closed and can no longer be changed."


class InvalidBooking(DomainError):
    status_code = 422
    code = "invalid_booking"


class InvalidClaim(DomainError):
    status_code = 422
    code = "invalid_claim"
