"""Render the dossier overview PDF from a Jinja2 HTML template and a print stylesheet with WeasyPrint."""

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import jinja2
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from cp_common.formatting import decimal_to_cents, format_day, format_money, format_moment
from cp_common.vocabulary import closing_code_label, phase_label
from cp_reporting.documents import labels
from cp_reporting.documents.dossier_detail import Booking, DossierDetail

TEMPLATES_DIR = Path(__file__).parent / "templates"


class LocalOnlyURLFetcher(URLFetcher):
    """Reject every resource that is not inline (``data:``) or a file beside the templates.

    Rendering must never reach the network: dossier texts end up in the HTML,
    and the PDF uses only fonts installed on the system.
    """

    def fetch(self, url: str, headers=None):
        if url.startswith("data:") or (url.startswith("file:") and _is_template_file(url)):
            return super().fetch(url, headers)
        raise ValueError(f"resource {url} rejected: the overview PDF loads only inline and template files")


def _is_template_file(url: str) -> bool:
    path = Path(url.removeprefix("file://")).resolve()
    return path.is_relative_to(TEMPLATES_DIR.resolve())


ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_overview_html(dossier: DossierDetail, language: str, generated_at: datetime) -> str:
    language = language if language in labels.LABELS else "nl"

    def money(amount: Decimal) -> str:
        return format_money(decimal_to_cents(amount), language)

    def day(value) -> str:
        return format_day(value, language)

    def moment(value: datetime) -> str:
        return format_moment(value, language)

    def label(table: dict[str, dict[str, str]], code: str) -> str:
        return labels.code_label(table, code, language)

    payments = [booking for booking in dossier.bookings if booking.kind != "payout"]
    payouts = [booking for booking in dossier.bookings if booking.kind == "payout"]
    template = ENVIRONMENT.get_template("dossier_overview.html")
    return template.render(
        dossier=dossier,
        language=language,
        text=labels.LABELS[language],
        money=money,
        day=day,
        moment=moment,
        label=label,
        phase=lambda code: phase_label(code, language),
        closing_code=lambda code: closing_code_label(code, language),
        status_labels=labels.STATUS_LABELS,
        booking_kinds=labels.BOOKING_KIND_LABELS,
        frequencies=labels.FREQUENCY_LABELS,
        arrangement_statuses=labels.ARRANGEMENT_STATUS_LABELS,
        payments=_sorted_bookings(payments),
        payouts=_sorted_bookings(payouts),
        actions=sorted(dossier.actions, key=lambda action: action.occurred_at, reverse=True),
        generated_at=moment(generated_at),
    )


def render_overview_pdf(dossier: DossierDetail, language: str, generated_at: datetime) -> bytes:
    html = render_overview_html(dossier, language, generated_at)
    fetcher = LocalOnlyURLFetcher()
    stylesheet = CSS(string=(TEMPLATES_DIR / "dossier_overview.css").read_text(encoding="utf-8"), url_fetcher=fetcher)
    document = HTML(string=html, base_url=str(TEMPLATES_DIR), url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[stylesheet])


def _sorted_bookings(bookings: list[Booking]) -> list[Booking]:
    return sorted(bookings, key=lambda booking: booking.booked_on)
