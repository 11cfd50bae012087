"""Money and Dutch display formats, shared by screens, emails and PDFs.

Money is held as integer cents and turned into ``Decimal`` at the edges.
Times are stored in UTC and shown in Europe/Amsterdam.
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.numbers import format_currency

DISPLAY_TIMEZONE = ZoneInfo("Europe/Amsterdam")
LOCALES = {"nl": "nl_NL", "en": "en_GB"}
CENT = Decimal("0.01")


def cents_to_decimal(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def decimal_to_cents(amount: Decimal | str) -> int:
    """Convert an amount in euros to cents; more than two decimals is an error."""
    value = Decimal(amount)
    if value != value.quantize(CENT, rounding=ROUND_HALF_UP):
        raise ValueError(f"amount {amount} has more than two decimals")
    return int(value * 100)


def format_money(cents: int, language: str = "nl") -> str:
    """``123456`` becomes ``€ 1.234,56`` in Dutch and ``€1,234.56`` in English."""
    return format_currency(cents_to_decimal(cents), "EUR", locale=LOCALES.get(language, "nl_NL"))


def format_day(value: date | None, language: str = "nl") -> str:
    """``4-12-2026`` in Dutch, ``04/12/2026`` in English; empty for no date."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(DISPLAY_TIMEZONE).date()
    pattern = "d-M-yyyy" if language == "nl" else "dd/MM/yyyy"
    return babel_format_date(value, pattern, locale=LOCALES.get(language, "nl_NL"))


def format_moment(value: datetime | None, language: str = "nl") -> str:
    """``4-12-2026 14:05`` in Europe/Amsterdam time."""
    if value is None:
        return ""
    pattern = "d-M-yyyy HH:mm" if language == "nl" else "dd/MM/yyyy HH:mm"
    return babel_format_datetime(value, pattern, tzinfo=DISPLAY_TIMEZONE, locale=LOCALES.get(language, "nl_NL"))
