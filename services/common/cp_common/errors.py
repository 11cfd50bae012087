"""One error type for expected failures, rendered the same way by every service.

A service raises a ``DomainError`` subclass; the handler turns it into

    {"error": {"code": "...", "message": "...", "details": {...}}}

with the message in Dutch, or in English when the request sends
``Accept-Language: en``. Codes are stable; clients branch on them.
"""

from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
import structlog

logger = structlog.get_logger(__name__)


class DomainError(Exception):
    status_code: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"
    message_nl: ClassVar[str] = "Het verzoek is ongeldig."
    message_en: ClassVar[str] = "The request is invalid."

    def __init__(self, message_nl: str | None = None, message_en: str | None = None, **details: Any):
        self.message_nl_text = message_nl or self.message_nl
        self.message_en_text = message_en or self.message_en
        self.details = details
        super().__init__(self.message_en_text)

    def message(self, language: str) -> str:
        return self.message_en_text if language == "en" else self.message_nl_text


class NotAuthenticated(DomainError):
    status_code = 401
    code = "not_authenticated"
    message_nl = "Je bent niet ingelogd. Log opnieuw in."
    message_en = "You are not logged in. Please log in again."


class Forbidden(DomainError):
    status_code = 403
    code = "forbidden"
    message_nl = "Je hebt geen toegang tot deze functie."
    message_en = "You do not have access to this function."


class NotFound(DomainError):
    status_code = 404
    code = "not_found"
    message_nl = "Niet gevonden."
    message_en = "Not found."


class Conflict(DomainError):
    status_code = 409
    code = "conflict"
    message_nl = "Dit conflicteert met de huidige stand van zaken."
    message_en = "This conflicts with the current state."


class TooManyRequests(DomainError):
    status_code = 429
    code = "too_many_requests"
    message_nl = "Te veel pogingen. Wacht even en probeer het opnieuw."
    message_en = "Too many attempts. Wait a moment and try again."


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details or {}}}


def request_language(request: Request) -> str:
    accepted = request.headers.get("accept-language", "")
    return "en" if accepted.lower().startswith("en") else "nl"


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _handle_domain_error)
    app.add_exception_handler(RequestValidationError, _handle_validation_error)


async def _handle_domain_error(request: Request, error: DomainError) -> JSONResponse:
    logger.info("request.rejected", code=error.code, status=error.status_code)
    body = error_body(error.code, error.message(request_language(request)), error.details)
    return JSONResponse(body, status_code=error.status_code)


async def _handle_validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
    problems = [
        {"field": ".".join(str(part) for part in issue["loc"][1:]), "problem": issue["msg"]}
        for issue in error.errors()
    ]
    fields = ", ".join(problem["field"] or "body" for problem in problems)
    if request_language(request) == "en":
        message = f"Invalid input in: {fields}. Correct these fields and try again."
    else:
        message = f"Ongeldige invoer in: {fields}. Verbeter deze velden en probeer het opnieuw."
    return JSONResponse(error_body("invalid_input", message, {"fields": problems}), status_code=422)
