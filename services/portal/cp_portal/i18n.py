"""Page languages: Dutch by default, English on request.

Message ids in templates and code are English. The Dutch catalog is a .po
file compiled in memory at start-up, so no compiled .mo file is kept in the
repository or has to be built before the portal runs.
"""

import gettext
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from starlette.requests import Request

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
LANGUAGE_COOKIE = "cp_language"
LOCALE_DIR = Path(__file__).parent / "locale"


def load_translations() -> dict[str, gettext.NullTranslations]:
    """Compile the Dutch catalog; English is the message ids themselves."""
    catalog_path = LOCALE_DIR / "nl" / "LC_MESSAGES" / "messages.po"
    with catalog_path.open("rb") as po_file:
        catalog = read_po(po_file, locale="nl", domain="messages")

    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return {"nl": Translations(compiled, domain="messages"), "en": gettext.NullTranslations()}


def request_language(request: Request) -> str:
    """Return the language the user chose with the toggle, else Dutch."""
    chosen = request.cookies.get(LANGUAGE_COOKIE, "")
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE
