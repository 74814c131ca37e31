"""The translators' catalogues, read as they are: ``web/translations/<lang>/LC_MESSAGES/
messages.po`` (the sources a translator opens in Poedit or Weblate) compiled in memory, once a
language, when first needed; nothing is written. The pages, the e-mails and the API's
``?lang=`` answers all say their words through these."""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from pathlib import Path
from typing import Any

from babel import support
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from docservice import formatting
from docservice.errors import Country, Day, Joined, Number, Phrase
from docservice.formatting import LANGS, as_lang

SOURCE = Path(__file__).parent / "web" / "translations"


@cache
def catalogue(lang: str) -> support.NullTranslations:
    """The language's ``.po`` compiled in memory; no translation for a language without one
    (English, the language the messages are written in)."""
    po = SOURCE / lang / "LC_MESSAGES" / "messages.po"
    if not po.exists():
        return support.NullTranslations()
    with po.open("rb") as handle:
        messages = read_po(handle, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, messages)
    compiled.seek(0)
    return support.Translations(compiled)


def localized(value: Any, lang: str) -> Any:
    """A message of the service's (:class:`~docservice.errors.Phrase`) in ``lang``, its dates,
    countries and inner messages too; any other value as it is."""
    if isinstance(value, Phrase):
        text = catalogue(lang).gettext(value.template)
        if not value.params:
            return text
        params = {name: localized(param, lang) for name, param in value.params.items()}
        try:
            return text % params
        except (KeyError, ValueError, TypeError):  # a translation that lost a placeholder
            return str(value)
    if isinstance(value, Joined):
        return str(localized(value.sep, lang)).join(str(localized(p, lang)) for p in value.parts)
    code = as_lang(lang) if lang in LANGS else None
    if isinstance(value, Day) and code:
        return formatting.date(value.day, code)
    if isinstance(value, Country) and code:
        return formatting.country(value.code, code)
    if isinstance(value, Number) and code:
        return formatting.decimal(value.value, code)
    if isinstance(value, dt.date) and code:
        return formatting.date(value, code)
    return value
