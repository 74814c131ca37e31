"""Money, dates, numbers and country names the way each language writes them.

Turkish writes ``1.080,00 €`` and ``10 Mart 2025``; English ``€1,080.00`` and ``10 March 2025``.
Babel (CLDR data) supplies month and country names.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

Lang = Literal["en", "tr"]
LANGS: tuple[Lang, ...] = ("en", "tr")


def money(amount: Decimal | float, lang: Lang) -> str:
    digits = format_decimal(amount, "#,##0.00", locale=lang)
    return f"{digits} €" if lang == "tr" else f"€{digits}"


def number(value: Decimal | float, lang: Lang, decimals: int = 0) -> str:
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, pattern, locale=lang)


def decimal(value: Decimal | float, lang: Lang) -> str:
    """A number with as many decimals as it has (up to 2): 75, 61,5 (tr), 61.5 (en)."""
    return format_decimal(value, "#,##0.##", locale=lang)


def date(day: dt.date, lang: Lang) -> str:
    return format_date(day, "d MMMM y", locale=lang)


def country(code: str, lang: Lang) -> str:
    return str(Locale(lang).territories.get(code, code))


def weekday(day: dt.date, lang: Lang) -> str:
    return format_date(day, "EEEE", locale=lang)


def as_lang(value: str | None) -> Lang | None:
    """A language code checked against LANGS (None stays None)."""
    if value is None:
        return None
    for lang in LANGS:
        if value == lang:
            return lang
    raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {value!r}")
