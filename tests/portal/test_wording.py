"""The dossier page and the dossier overview PDF use the same words and address the creditor as "je"."""

import re

import pytest
from babel.messages.pofile import read_po

from cp_portal import display
from cp_portal.i18n import load_translations
from cp_reporting.documents import labels as pdf_labels
from tests.portal.test_i18n import CATALOG

FORMAL_YOU = re.compile(r"\b(u|uw)\b", re.IGNORECASE)

# Screen label tables and the PDF's tables for the same codes.
CODE_TABLES = [
    (display.BOOKING_KINDS, pdf_labels.BOOKING_KIND_LABELS),
    (display.ARRANGEMENT_FREQUENCIES, pdf_labels.FREQUENCY_LABELS),
    (display.ARRANGEMENT_STATUSES, pdf_labels.ARRANGEMENT_STATUS_LABELS),
    (display.DOSSIER_STATUSES, pdf_labels.STATUS_LABELS),
]

# Screen message ids and the PDF label keys that name the same field.
SHARED_FIELDS = {
    "Your reference": "creditor_reference",
    "Opened": "opened_on",
    "Total paid": "paid",
    "Payment arrangement": "arrangement_heading",
    "Total amount": "arrangement_total",
    "Instalment amount": "instalment_amount",
    "Instalments paid": "instalments",
    "Frequency": "frequency",
    "Start date": "start_date",
    "Next instalment due": "next_due_on",
    "Arrears": "arrears",
    "History of actions": "actions_heading",
    "No invoices have been recorded.": "no_invoices",
    "Judgment date": "judgment_on",
    "Your case handler": "case_handler",
    "Chamber of Commerce number": "chamber_of_commerce_number",
}


@pytest.fixture(scope="module")
def dutch():
    return load_translations()["nl"]


class TestSameWordsAsPdf:
    @pytest.mark.parametrize(("screen", "pdf"), CODE_TABLES)
    def test_code_labels_match(self, dutch, screen, pdf):
        assert set(screen) == set(pdf)
        for code, message_id in screen.items():
            assert dutch.gettext(message_id) == pdf[code]["nl"], code
            assert message_id == pdf[code]["en"], code

    @pytest.mark.parametrize(("message_id", "key"), SHARED_FIELDS.items())
    def test_field_labels_match(self, dutch, message_id, key):
        assert dutch.gettext(message_id) == pdf_labels.LABELS["nl"][key]
        assert message_id == pdf_labels.LABELS["en"][key]

    def test_arrangement_codes_of_dossiers_service(self, dutch):
        assert dutch.gettext(display.ARRANGEMENT_STATUSES["broken"]) == "Niet nagekomen"
        assert dutch.gettext(display.ARRANGEMENT_STATUSES["completed"]) == "Nagekomen"
        assert dutch.gettext(display.ARRANGEMENT_STATUSES["active"]) == "Lopend"
        assert dutch.gettext(display.ARRANGEMENT_FREQUENCIES["quarterly"]) == "Per kwartaal"


class TestInformalAddress:
    def test_portal_catalog_says_je(self):
        with CATALOG.open("rb") as po_file:
            catalog = read_po(po_file)
        formal = [
            message.id
            for message in catalog
            if message.id and any(FORMAL_YOU.search(text) for text in _strings(message.string))
        ]

        assert formal == []

    def test_pdf_labels_say_je(self):
        formal = [key for key, text in pdf_labels.LABELS["nl"].items() if FORMAL_YOU.search(text)]

        assert formal == []


def _strings(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)
