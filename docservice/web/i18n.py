"""Turkish and English on the web pages (Flask-Babel): which language a request gets, the
catalogues compiled into the data folder, and dates and money the way each language writes them.

The language is, in order: ``?lang=tr|en`` (remembered in a cookie), the cookie, the browser's
``Accept-Language``, then Turkish. Messages are written in English in the templates and code;
``translations/tr/LC_MESSAGES/messages.po`` holds the Turkish. The ``.po`` files are read as
they are and compiled in memory, once a language, when a page first needs them: nothing is
written anywhere.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from babel import support
from flask import Flask, Response, request
from flask_babel import Babel, Domain, get_locale

from docservice import formatting
from docservice.catalogue import catalogue, localized
from docservice.errors import from_data
from docservice.formatting import LANGS, Lang, as_lang

COOKIE = "docservice_lang"
DEFAULT: Lang = "tr"


class SourceCatalogues(Domain):  # type: ignore[misc]  # flask_babel has no type hints
    """Flask-Babel's messages domain, its translations taken from the ``.po`` sources."""

    def get_translations(self) -> support.NullTranslations:
        locale = get_locale()
        return catalogue(str(locale)) if locale is not None else support.NullTranslations()


def select_language() -> str:
    asked = request.args.get("lang")
    if asked in LANGS:
        return asked
    remembered = request.cookies.get(COOKIE)
    if remembered in LANGS:
        return remembered
    return request.accept_languages.best_match(LANGS) or DEFAULT


def current_language() -> str:
    return str(get_locale() or DEFAULT)


def remember_language(response: Response) -> Response:
    asked = request.args.get("lang")
    if asked in LANGS and request.cookies.get(COOKIE) != asked:
        response.set_cookie(COOKIE, asked, max_age=365 * 24 * 3600, samesite="Lax")
    return response


def _lang() -> Lang:
    return as_lang(current_language()) or DEFAULT


def money(value: Any) -> str:
    """``€1,080.00`` in English, ``1.080,00 €`` in Turkish, as the generated documents write it."""
    if value is None:
        return "–"
    return formatting.money(Decimal(str(value)), _lang())


def day(value: Any) -> str:
    """``10 March 2025``, ``10 Mart 2025``."""
    if value in (None, ""):
        return "–"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = value.date()
    return formatting.date(value, _lang())


def amount(value: Any) -> str:
    """A number without a needless ``.0`` (8 hours, 7.5 hours)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def decimal(value: Any) -> str:
    """A score or a number of years in the page's language (61,5 in Turkish)."""
    return formatting.decimal(value, _lang()) if value is not None else "–"


def country(code: Any) -> str:
    """A country's name in the page's language (``DE``: Almanya, Germany)."""
    return formatting.country(str(code or ""), _lang()) if code else "–"


def localized_words(data: Any, lang: str) -> Any:
    """A JSON answer with every check's message and hint said in ``lang``: where a report kept
    a message's ``words`` (its template and values), the message is replaced by its
    translation."""
    if isinstance(data, list):
        return [localized_words(item, lang) for item in data]
    if not isinstance(data, dict):
        return data
    out = {key: localized_words(value, lang) for key, value in data.items()}
    words = data.get("words")
    if isinstance(words, dict):
        for key in ("message", "hint"):
            if key in words:
                out[key] = str(localized(from_data(words[key]), lang))
    return out


def message(value: Any) -> Any:
    """A service's message in the page's language (for the templates: ``|say``)."""
    return localized(value, current_language())


def install(app: Flask) -> None:
    app.config["BABEL_DEFAULT_LOCALE"] = DEFAULT
    babel = Babel(app, locale_selector=select_language)
    babel.domain_instance = SourceCatalogues()
    app.after_request(remember_language)
    app.jinja_env.filters["money"] = money
    app.jinja_env.filters["day"] = day
    app.jinja_env.filters["amount"] = amount
    app.jinja_env.filters["decimal"] = decimal
    app.jinja_env.filters["say"] = message
    app.jinja_env.filters["country"] = country
    app.jinja_env.globals["current_language"] = current_language
