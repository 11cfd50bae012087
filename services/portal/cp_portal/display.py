"""Template filters that turn the API's codes, amounts and dates into text.

The API sends amounts as decimal strings in euros, dates and timestamps in
ISO 8601, and codes from the domain's fixed vocabulary. Screens show them in
Dutch formats with Dutch labels, or English ones on an English page.
"""

import gettext
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

import structlog

from babel.numbers import format_decimal, format_percent

from cp_common.formatting import DISPLAY_TIMEZONE, LOCALES, decimal_to_cents, format_day, format_money, format_moment
from cp_common.vocabulary import closing_code_label, phase_label

logger = structlog.get_logger(__name__)


def N_(message: str) -> str:
    """Mark a message id for extraction; it is translated where it is shown."""
    return message


# The labels match the dossier overview PDF (cp_reporting.documents.labels).
BOOKING_KINDS = {
    "payment_to_agency": N_("Paid to the agency"),
    "direct_payment": N_("Paid directly to you"),
    "payout": N_("Paid out to you"),
}

# The codes the dossiers service sends. The API contract does not list them,
# so a code added there later is shown as sent until it gets a label here.
ARRANGEMENT_FREQUENCIES = {
    "weekly": N_("Weekly"),
    "monthly": N_("Monthly"),
    "quarterly": N_("Quarterly"),
}
ARRANGEMENT_STATUSES = {
    "active": N_("Active"),
    "completed": N_("Completed"),
    "broken": N_("Broken"),
}
DOSSIER_STATUSES = {"running": N_("Running"), "closed": N_("Closed")}


def money(amount: str | Decimal | None, language: str) -> str:
    """``"1234.56"`` becomes ``€ 1.234,56``; nothing becomes an empty string."""
    if amount is None or amount == "":
        return ""
    try:
        cents = decimal_to_cents(Decimal(str(amount)))
    except (InvalidOperation, ValueError):
        logger.warning("display.invalid_amount", amount=str(amount))
        return str(amount)
    return format_money(cents, language)


def day(value: str | None, language: str) -> str:
    """Format an ISO date (or the date of a timestamp) as ``4-12-2026``."""
    if not value:
        return ""
    try:
        parsed = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    except ValueError:
        logger.warning("display.invalid_date", value=value)
        return value
    return format_day(parsed, language)


def moment(value: str | None, language: str) -> str:
    """Format an ISO timestamp in UTC as ``4-12-2026 14:05`` in Amsterdam time."""
    if not value:
        return ""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        logger.warning("display.invalid_timestamp", value=value)
        return value
    if parsed.tzinfo is None:
        logger.warning("display.naive_timestamp", value=value)
        return value
    return format_moment(parsed, language)


def number(value: int | None, language: str) -> str:
    """Format a count with the language's grouping: ``20.412`` in Dutch."""
    if value is None:
        return ""
    return format_decimal(value, locale=LOCALES[language])


def share(part: int, whole: int, language: str) -> str:
    """Format ``part`` as a percentage of ``whole`` with one decimal: ``12,5%``."""
    if not whole:
        return ""
    return format_percent(Decimal(part) / Decimal(whole), "#,##0.0%", locale=LOCALES[language])


def clock(value: str | None) -> str:
    """Format the Amsterdam time of an ISO timestamp as ``14:05``, or return "" for an invalid one."""
    if not value:
        return ""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return ""
    if parsed.tzinfo is None:
        return ""
    return parsed.astimezone(DISPLAY_TIMEZONE).strftime("%H:%M")


def phase(code: str | None, language: str) -> str:
    if not code:
        return ""
    try:
        return phase_label(code, language)
    except ValueError:
        logger.warning("display.unknown_phase", phase=code)
        return code


def closing_code(code: str | None, language: str) -> str:
    try:
        return closing_code_label(code, language)
    except ValueError:
        logger.warning("display.unknown_closing_code", closing_code=code)
        return code or ""


def web_url(value: str | None) -> str | None:
    """Return the URL only if it is http(s), so an API value cannot become a javascript: link."""
    if not value:
        return None
    if urlsplit(value).scheme not in {"http", "https"}:
        return None
    return value


def tel_url(value: str | None) -> str:
    """Build a tel: link from a phone number as written (``020 123 4567``)."""
    if not value:
        return ""
    digits = "".join(character for character in value if character.isdigit() or character == "+")
    return f"tel:{digits}"


def install_filters(filters: dict[str, Callable], language: str, translations: gettext.NullTranslations) -> None:
    """Register the filters for one page language on a Jinja environment."""

    def label(table: dict[str, str]) -> Callable[[str | None], str]:
        def translate(code: str | None) -> str:
            if not code:
                return ""
            return translations.gettext(table[code]) if code in table else code

        return translate

    filters.update(
        money=lambda amount: money(amount, language),
        day=lambda value: day(value, language),
        moment=lambda value: moment(value, language),
        clock=clock,
        number=lambda value: number(value, language),
        share=lambda part, whole: share(part, whole, language),
        phase=lambda code: phase(code, language),
        closing_code=lambda code: closing_code(code, language),
        booking_kind=label(BOOKING_KINDS),
        frequency=label(ARRANGEMENT_FREQUENCIES),
        arrangement_status=label(ARRANGEMENT_STATUSES),
        dossier_status=label(DOSSIER_STATUSES),
        web_url=web_url,
        tel_url=tel_url,
    )
