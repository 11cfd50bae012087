"""A stand-in for the public API behind the gateway, with the documented JSON shapes.

``FakeApi.handle`` serves an ``httpx.MockTransport`` in the tests. The same
object also runs as a small ASGI app (``create_asgi_app``), so the portal can
be looked at in a browser without the other services:

    .venv/bin/uvicorn tests.portal.fake_api:create_asgi_app --factory --port 8199
"""

import json
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

PASSWORD = "Demo-wachtwoord-2026"
GOOD_CODE = "123456"
USER_EMAIL = "demo@dezeeuw.example"
BLOCKED_EMAIL = "geblokkeerd@dezeeuw.example"
LOCKED_EMAIL = "vergrendeld@dezeeuw.example"
ORGANISATION = {"id": "05530e9f-fbd8-5187-adec-6e4c6ff9fd91", "name": "Groothandel De Zeeuw B.V."}
USER = {
    "id": "7d1f3c1e-2a55-4f0e-9a7b-0c6f3f3e1a01",
    "email": USER_EMAIL,
    "name": "Petra de Zeeuw",
    "language": "nl",
    "roles": ["creditor_user"],
    "organisation": ORGANISATION,
    "blocked": False,
}
PDF_BYTES = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

RUNNING_COUNT = 57
CLOSED_COUNT = 3

MESSAGES = {
    "invalid_credentials": ("E-mailadres of wachtwoord onjuist.", "Email address or password incorrect."),
    "account_blocked": ("Je account is geblokkeerd.", "Your account is blocked."),
    "too_many_requests": (
        "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.",
        "Too many failed attempts. Try again in 15 minutes.",
    ),
    "invalid_code": ("De beveiligingscode is onjuist.", "The security code is incorrect."),
    "attempt_expired": (
        "Deze inlogpoging is verlopen, log opnieuw in.",
        "This login attempt has expired, please log in again.",
    ),
    "not_authenticated": ("Je bent niet ingelogd. Log opnieuw in.", "You are not logged in. Please log in again."),
    "dossier_not_found": ("Dossier niet gevonden.", "Dossier not found."),
    "document_not_ready": ("Het document is nog niet klaar.", "The document is not ready yet."),
}

PHASES = ["pre_collection", "amicable", "judicial", "enforcement", "monitoring"]
DEBTORS = [
    "Bakkerij Jansen V.O.F.",
    "J. de Vries",
    "Installatiebedrijf Smit B.V.",
    "M. El Amrani",
    "Kapsalon Knip & Zo",
    "A. van den Berg",
    "Transportbedrijf Mulder B.V.",
]


def dossier_id(number: int) -> str:
    return f"00000000-0000-4000-8000-{number:012d}"


def summary(number: int) -> dict[str, Any]:
    """The DossierSummary of dossier ``number`` (1-based); the last CLOSED_COUNT are closed."""
    closed = number > RUNNING_COUNT
    principal = 1000 + number * 137.5
    paid = 0 if number % 3 else principal / 4
    return {
        "id": dossier_id(number),
        "number": f"2026-{number:06d}",
        "creditor_reference": f"DZ-{7000 + number}",
        "debtor_name": DEBTORS[number % len(DEBTORS)],
        "phase": PHASES[number % len(PHASES)],
        "status": "closed" if closed else "running",
        "closing_code": "paid_in_full" if closed else None,
        "opened_on": f"2026-{1 + number % 11:02d}-{1 + number % 27:02d}",
        "closed_on": "2026-11-30" if closed else None,
        "principal": f"{principal:.2f}",
        "outstanding": "0.00" if closed else f"{principal * 1.15 - paid:.2f}",
    }


def detail(number: int) -> dict[str, Any]:
    """A full DossierDetail with an arrangement and a court case.

    The arrangement status goes round the codes the dossiers service sends:
    dossier 1 has a broken arrangement, 2 an active one and 3 a completed one.
    """
    base = summary(number)
    arrangement_status = ("completed", "broken", "active")[number % 3]
    return {
        **{key: base[key] for key in ("id", "number", "creditor_reference", "status", "phase", "closing_code")},
        "opened_on": base["opened_on"],
        "closed_on": base["closed_on"],
        "status_text": "De debiteur betaalt volgens de regeling; de volgende termijn is op 1 januari.",
        "version": 7,
        "debtor": {
            "kind": "company",
            "name": base["debtor_name"],
            "street": "Dorpsstraat",
            "house_number": "12a",
            "postal_code": "1234 AB",
            "city": "Zwolle",
            "country": "NL",
            "email": "administratie@debiteur.example",
            "phone": "038 123 4567",
            "chamber_of_commerce_number": "12345678",
        },
        "balance": {
            "principal": "1234.56",
            "interest": "45.10",
            "collection_costs": "185.18",
            "total_claimed": "1464.84",
            "paid": "300.00",
            "outstanding": "1164.84",
        },
        "invoices": [
            {
                "number": "F2026-0412",
                "invoice_date": "2026-03-01",
                "due_date": "2026-03-31",
                "amount": "1000.00",
                "description": "Levering kantoorartikelen maart",
            },
            {
                "number": "F2026-0533",
                "invoice_date": "2026-04-02",
                "due_date": "2026-05-02",
                "amount": "234.56",
                "description": "Verzendkosten",
            },
        ],
        "bookings": [
            {"booked_on": "2026-09-15", "amount": "200.00", "kind": "payment_to_agency", "description": "Termijn 1"},
            {"booked_on": "2026-10-15", "amount": "100.00", "kind": "direct_payment", "description": "Overgemaakt op je rekening"},
            {"booked_on": "2026-10-31", "amount": "180.00", "kind": "payout", "description": "Afdracht oktober"},
        ],
        "actions": [
            {
                "occurred_at": "2026-06-01T08:30:00Z",
                "code": "letter_14_day",
                "description": "Veertiendagenbrief verstuurd",
                "phase": "pre_collection",
            },
            {
                "occurred_at": "2026-07-10T12:05:00Z",
                "code": "summons_served",
                "description": "Dagvaarding betekend",
                "phase": "judicial",
            },
        ],
        "arrangement": {
            "total_amount": "1200.00",
            "instalment_amount": "100.00",
            "instalment_count": 12,
            "instalments_paid": 3,
            "frequency": "monthly",
            "start_date": "2026-09-01",
            "next_due_on": "2027-01-01" if arrangement_status == "active" else None,
            "arrears": "0.00",
            "status": arrangement_status,
        },
        "court_case": {
            "court": "Rechtbank Overijssel",
            "case_number": "C/08/123456 / HA ZA 26-789",
            "filed_on": "2026-07-20",
            "hearings": [{"date": "2026-08-14", "description": "Rolzitting"}],
            "judgment_on": "2026-09-04",
            "judgment": "Vordering toegewezen",
        },
        "case_handler": {"name": "Sanne de Jong", "email": "s.dejong@vanderberg-incasso.example", "phone": "020 123 4571"},
        "agency": {
            "name": "Incassobureau Van der Berg & Partners",
            "email": "info@vanderberg-incasso.example",
            "phone": "020 123 4567",
            "address": "Keizersgracht 100, 1015 AA Amsterdam",
            "website": "https://vanderberg-incasso.example",
        },
    }


@dataclass
class FakeApi:
    """Serves the auth, dossiers and reporting routes the portal calls, and records every request."""

    pdf_polls_until_ready: int = 2
    pdf_outcome: str = "ready"
    requests: list[httpx.Request] = field(default_factory=list)
    sessions: set[str] = field(default_factory=set)
    attempts: dict[str, int] = field(default_factory=dict)
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    document_polls: dict[str, int] = field(default_factory=dict)
    unavailable: bool = False

    def sign_in(self) -> str:
        """A valid session token, as if the user had logged in."""
        token = secrets.token_urlsafe(16)
        self.sessions.add(token)
        return token

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.unavailable:
            raise httpx.ConnectError("gateway down", request=request)

        path = request.url.path
        for method, pattern, handler, needs_session in self._routes():
            match = re.fullmatch(pattern, path)
            if match and request.method == method:
                if needs_session and self._token(request) not in self.sessions:
                    return self._error(request, 401, "not_authenticated")
                return handler(request, *match.groups())
        return httpx.Response(404, json={"detail": "Not Found"})

    def requests_to(self, path: str) -> list[httpx.Request]:
        return [request for request in self.requests if request.url.path == path]

    def _routes(self):
        return [
            ("POST", r"/api/auth/login", self._login, False),
            ("POST", r"/api/auth/login/([^/]+)/code", self._code, False),
            ("POST", r"/api/auth/logout", self._logout, True),
            ("GET", r"/api/auth/me", lambda request: httpx.Response(200, json=USER), True),
            ("GET", r"/api/dossiers", self._dossiers, True),
            ("GET", r"/api/dossiers/([^/]+)", self._dossier, True),
            ("GET", r"/api/reporting/widgets/dossiers-per-phase", self._per_phase, True),
            ("GET", r"/api/reporting/widgets/totals", self._totals, True),
            ("POST", r"/api/reporting/dossiers/([^/]+)/overview-pdf", self._request_pdf, True),
            ("GET", r"/api/reporting/documents/([^/]+)", self._document, True),
            ("GET", r"/api/reporting/documents/([^/]+)/file", self._document_file, True),
        ]

    # Auth

    def _login(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        if body.get("email") == BLOCKED_EMAIL:
            return self._error(request, 403, "account_blocked")
        if body.get("email") == LOCKED_EMAIL:
            return self._error(request, 429, "too_many_requests")
        if body.get("email") != USER_EMAIL or body.get("password") != PASSWORD:
            return self._error(request, 401, "invalid_credentials")

        attempt_id = secrets.token_urlsafe(12)
        self.attempts[attempt_id] = 5
        expires_at = (datetime.now(UTC) + timedelta(minutes=10)).isoformat().replace("+00:00", "Z")
        return httpx.Response(200, json={"attempt_id": attempt_id, "expires_at": expires_at, "code_length": 6})

    def _code(self, request: httpx.Request, attempt_id: str) -> httpx.Response:
        if self.attempts.get(attempt_id, 0) <= 0:
            return self._error(request, 410, "attempt_expired")
        if json.loads(request.content).get("code") != GOOD_CODE:
            self.attempts[attempt_id] -= 1
            return self._error(request, 400, "invalid_code", attempts_left=self.attempts[attempt_id])

        del self.attempts[attempt_id]
        token = self.sign_in()
        body = {"session_token": token, "expires_at": "2026-12-05T08:00:00Z", "user": USER}
        # The real auth service also sets the cookie; the portal must not keep it.
        cookie = f"cp_session={token}; Path=/; HttpOnly; Secure; SameSite=Lax"
        return httpx.Response(200, json=body, headers={"Set-Cookie": cookie})

    def _logout(self, request: httpx.Request) -> httpx.Response:
        self.sessions.discard(self._token(request))
        return httpx.Response(204)

    # Dossiers

    def _dossiers(self, request: httpx.Request) -> httpx.Response:
        status = request.url.params.get("status", "running")
        page = int(request.url.params.get("page", "1"))
        page_size = int(request.url.params.get("page_size", "25"))
        numbers = range(1, RUNNING_COUNT + 1) if status == "running" else range(RUNNING_COUNT + 1, RUNNING_COUNT + CLOSED_COUNT + 1)
        chosen = list(numbers)[(page - 1) * page_size : page * page_size]
        body = {"items": [summary(number) for number in chosen], "page": page, "page_size": page_size, "total": len(numbers)}
        return httpx.Response(200, json=body)

    def _dossier(self, request: httpx.Request, identifier: str) -> httpx.Response:
        number = _dossier_number(identifier)
        if number is None:
            return self._error(request, 404, "dossier_not_found")
        return httpx.Response(200, json=detail(number))

    # Reporting

    def _per_phase(self, request: httpx.Request) -> httpx.Response:
        counts = {"pre_collection": 2900, "amicable": 8000, "judicial": 3850, "enforcement": 2230, "monitoring": 1250}
        items = [{"phase": phase, "count": counts[phase]} for phase in PHASES]
        return httpx.Response(200, json={"items": items, "total": sum(counts.values())})

    def _totals(self, request: httpx.Request) -> httpx.Response:
        body = {
            "dossiers": {"all": 20412, "running": 18230, "closed": 2182},
            "principal": "1234567.89",
            "collected": "234567.10",
            "outstanding": "1000000.79",
            "updated_at": "2026-12-04T13:05:00Z",
        }
        return httpx.Response(200, json=body)

    def _request_pdf(self, request: httpx.Request, identifier: str) -> httpx.Response:
        number = _dossier_number(identifier)
        if number is None:
            return self._error(request, 404, "dossier_not_found")
        document = {
            "id": secrets.token_hex(8),
            "kind": "dossier_overview",
            "dossier_id": identifier,
            "status": "pending",
            "created_at": "2026-12-04T13:05:00Z",
            "finished_at": None,
            "filename": f"dossier-2026-{number:06d}.pdf",
        }
        self.documents[document["id"]] = document
        self.document_polls[document["id"]] = 0
        return httpx.Response(202, json=document)

    def _document(self, request: httpx.Request, document_id: str) -> httpx.Response:
        document = self.documents[document_id]
        self.document_polls[document_id] += 1
        if self.document_polls[document_id] >= self.pdf_polls_until_ready:
            document["status"] = self.pdf_outcome
            document["finished_at"] = "2026-12-04T13:05:03Z"
        return httpx.Response(200, json=document)

    def _document_file(self, request: httpx.Request, document_id: str) -> httpx.Response:
        if self.documents[document_id]["status"] != "ready":
            return self._error(request, 409, "document_not_ready")
        return httpx.Response(200, content=PDF_BYTES, headers={"Content-Type": "application/pdf"})

    # Helpers

    def _token(self, request: httpx.Request) -> str | None:
        header = request.headers.get("authorization", "")
        return header.removeprefix("Bearer ") if header.startswith("Bearer ") else None

    def _error(self, request: httpx.Request, status: int, code: str, **details: Any) -> httpx.Response:
        dutch, english = MESSAGES[code]
        message = english if request.headers.get("accept-language", "").startswith("en") else dutch
        return httpx.Response(status, json={"error": {"code": code, "message": message, "details": details}})


def _dossier_number(identifier: str) -> int | None:
    match = re.fullmatch(r"00000000-0000-4000-8000-(\d{12})", identifier)
    if not match or not 1 <= int(match.group(1)) <= RUNNING_COUNT + CLOSED_COUNT:
        return None
    return int(match.group(1))


def create_asgi_app():
    """The fake API as an ASGI app, for a look at the portal in a browser.

    Every login succeeds with the demo password and code 123456.
    """
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    fake = FakeApi(pdf_polls_until_ready=3)

    async def forward(request: Request) -> Response:
        body = await request.body()
        outgoing = httpx.Request(request.method, str(request.url), headers=request.headers.raw, content=body)
        answer = fake.handle(outgoing)
        headers = {key: value for key, value in answer.headers.items() if key.lower() != "content-length"}
        return Response(answer.content, status_code=answer.status_code, headers=headers)

    methods = ["GET", "POST"]
    return Starlette(routes=[Route("/{path:path}", forward, methods=methods)])
