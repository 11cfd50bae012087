"""Render an email's subject, plain text and HTML from the templates of one language.

Templates live in ``templates/<language>/<name>.subject.txt``, ``<name>.txt``
and ``<name>.html``; HTML templates are autoescaped, plain text ones are not.
"""

from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

_environment = Environment(
    loader=PackageLoader("cp_notifications.mail", "templates"),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False, default=False),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def render_email(name: str, language: str, context: dict[str, Any]) -> RenderedEmail:
    """Render template ``name`` in ``language``, falling back to Dutch for an unknown language."""
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE

    # A header cannot span lines, so the subject template's line breaks go.
    subject = " ".join(_environment.get_template(f"{language}/{name}.subject.txt").render(context).split())
    context = {**context, "language": language, "subject": subject}
    text = _environment.get_template(f"{language}/{name}.txt").render(context)
    html = _environment.get_template(f"{language}/{name}.html").render(context)
    return RenderedEmail(subject=subject, text=text, html=html)
