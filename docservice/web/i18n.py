"""Turkish and English on the web pages (Flask-Babel): which language a request gets, the
catalogues compiled into the data folder, and dates and money the way each language writes them.

The language is, in order: ``?lang=tr|en`` (remembered in a cookie), the cookie, the browser's
``Accept-Language``, then Turkish. Messages are written in English in the templates and code;
``translations/tr/LC_MESSAGES/messages.po`` holds the Turkish. The ``.po`` files are compiled
into ``DATA_DIR/translations`` when the app is made (only when they changed), so the package
folder is never written to.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, Response, request
from flask_babel import Babel, get_locale

from docservice import formatting
from docservice.formatting import LANGS, Lang, as_lang

SOURCE = Path(__file__).parent / "translations"
COOKIE = "docservice_lang"
DEFAULT: Lang = "tr"


def compile_catalogues(target: Path) -> Path:
    """Compile every ``.po`` whose ``.mo`` in ``target`` is missing or older."""
    for po in SOURCE.glob("*/LC_MESSAGES/messages.po"):
        mo = target / po.relative_to(SOURCE).with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as handle:
            catalogue = read_po(handle, locale=po.parts[-3])
        temp = mo.with_suffix(".tmp")
        with temp.open("wb") as handle:
            write_mo(handle, catalogue)
        temp.replace(mo)
    return target


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


def install(app: Flask, data_dir: Path) -> None:
    translations = compile_catalogues(data_dir / "translations")
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(translations)
    app.config["BABEL_DEFAULT_LOCALE"] = DEFAULT
    Babel(app, locale_selector=select_language)
    app.after_request(remember_language)
    app.jinja_env.filters["money"] = money
    app.jinja_env.filters["day"] = day
    app.jinja_env.filters["amount"] = amount
    app.jinja_env.globals["current_language"] = current_language
