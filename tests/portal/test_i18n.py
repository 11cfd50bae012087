from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import cp_portal
from cp_portal.i18n import load_translations

PACKAGE_DIR = Path(cp_portal.__file__).parent
CATALOG = PACKAGE_DIR / "locale" / "nl" / "LC_MESSAGES" / "messages.po"
METHOD_MAP = [("**.py", "python"), ("templates/**.html", "jinja2")]
OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n"}}
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def extracted_message_ids() -> set[str]:
    ids = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        PACKAGE_DIR, METHOD_MAP, OPTIONS, keywords=KEYWORDS
    ):
        ids.add(message[0] if isinstance(message, tuple) else message)
    return ids


class TestDutchCatalog:
    def test_every_message_is_translated(self):
        with CATALOG.open("rb") as po_file:
            catalog = read_po(po_file)
        translated = {message.id[0] if isinstance(message.id, tuple) else message.id
                      for message in catalog if message.id and message.string and all(message.string)}

        missing = extracted_message_ids() - translated

        assert missing == set()

    def test_catalog_compiles_at_start(self):
        dutch = load_translations()["nl"]

        assert dutch.gettext("Dossiers per phase") == "Dossiers per fase"
        assert dutch.ngettext("You have %(count)s attempt left.", "You have %(count)s attempts left.", 2) == (
            "Je hebt nog %(count)s pogingen."
        )
