"""The e-mails' texts: plain-text Jinja templates (``templates/``) whose sentences are in the
translators' catalogue (``./run messages`` extracts them), rendered in one language without a
web request, so a worker can write them as well as a page can."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from docservice.catalogue import catalogue
from docservice.errors import N_
from docservice.formatting import Lang

TEMPLATES = Path(__file__).parent / "templates"

SUBJECTS = {
    "participant_link": N_("Your Erasmus+ documents: your own link"),
    "document_failed": N_("Your Erasmus+ documents: %(document)s needs your attention"),
    "reminder": N_("Your Erasmus+ documents: what is still needed"),
    "digest": N_("docservice: what needs a person today"),
    "password": N_("docservice: set your password"),
}


@cache
def _environment(lang: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        extensions=["jinja2.ext.i18n"],
        autoescape=False,  # plain text; nothing here becomes HTML
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.install_gettext_translations(catalogue(lang), newstyle=True)  # type: ignore[attr-defined]
    return env


def subject(kind: str, lang: Lang, **values: Any) -> str:
    text = catalogue(lang).gettext(SUBJECTS[kind])
    return text % values if values else text


def body(kind: str, lang: Lang, **values: Any) -> str:
    """The message's text; blank runs of lines left by a template's conditions closed up."""
    text = _environment(lang).get_template(f"{kind}.txt").render(**values)
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() or (lines and lines[-1].strip()):
            lines.append(line.rstrip())
    return "\n".join(lines).strip() + "\n"
