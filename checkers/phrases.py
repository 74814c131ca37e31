"""Messages for people that each reader gets in their own language.

A :class:`Phrase` is the English text itself (reports, the API, logs and the command line use it
as it is) and remembers its ``template`` (a message of the translators' catalogue,
``docservice/web/translations``) and the values put into it, so a page can say it in Turkish.
:func:`say` makes one and is what ``./run messages`` extracts; :func:`to_data` and
:func:`from_data` keep one in JSON (a report, a job's record). Values may be phrases, dates and
:class:`Country` codes, which each language writes its own way.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


class Phrase(str):
    """English text that a page or an answer can give in its reader's language.

    It is the English itself (the API, the logs and the command line use it as it is) and
    remembers how it was made: ``template``, a message the translators' catalogues hold, and
    the ``params`` put into it (a param may be a Phrase too). Made with :func:`say`, which
    ``./run messages`` extracts for translation.
    """

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Phrase:
        made = super().__new__(cls, template % params if params else template)
        made.template = template
        made.params = params
        return made


class Country(str):
    """A country a message names: its English name, and its ISO code for other languages."""

    code: str

    def __new__(cls, code: str) -> Country:
        from babel import Locale

        made = super().__new__(cls, str(Locale("en").territories.get(code, code)))
        made.code = code
        return made


class Day(str):
    """A day a message names, short in English ("12 Mar 2025"); each language writes it its
    own way ("12 Mart 2025")."""

    day: dt.date

    def __new__(cls, day: dt.date) -> Day:
        made = super().__new__(cls, day.strftime("%d %b %Y").lstrip("0"))
        made.day = day
        return made


class Number(str):
    """A number a message names, without a needless ".0" ("61.5", "75"); each language writes
    its decimal mark its own way ("61,5")."""

    value: float

    def __new__(cls, value: float) -> Number:
        number = float(value)
        made = super().__new__(cls, str(int(number)) if number.is_integer() else f"{number:g}")
        made.value = number
        return made


class Joined(str):
    """Messages (or names) one after another, each said in the reader's language."""

    parts: tuple[Any, ...]
    sep: str

    def __new__(cls, parts: Any, sep: str = "; ") -> Joined:
        items = tuple(parts)
        made = super().__new__(cls, sep.join(str(part) for part in items))
        made.parts, made.sep = items, sep
        return made


def say(template: str, **params: Any) -> Phrase:
    """A message for people, with ``%(name)s`` places filled from ``params``."""
    return Phrase(template, **params)


def to_data(value: Any) -> Any:
    """A message as JSON can keep it (a job's record): its template and values, so a page can
    still say it in its reader's language."""
    if isinstance(value, Phrase):
        return {
            "phrase": value.template,
            "params": {k: to_data(v) for k, v in value.params.items()},
        }
    if isinstance(value, Joined):
        return {"join": [to_data(part) for part in value.parts], "sep": to_data(value.sep)}
    if isinstance(value, Country):
        return {"country": value.code}
    if isinstance(value, Day):
        return {"day": value.day.isoformat()}
    if isinstance(value, Number):
        return {"number": value.value}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    return value


def from_data(data: Any) -> Any:
    """The message :func:`to_data` kept."""
    if isinstance(data, dict):
        if "phrase" in data:
            params = {k: from_data(v) for k, v in (data.get("params") or {}).items()}
            try:
                return Phrase(str(data["phrase"]), **params)
            except (KeyError, ValueError, TypeError):
                return str(data["phrase"])
        if "join" in data:
            return Joined(
                [from_data(part) for part in data["join"]], from_data(data.get("sep", "; "))
            )
        if "country" in data:
            return Country(str(data["country"]))
        if "day" in data:
            return Day(dt.date.fromisoformat(str(data["day"])))
        if "number" in data and isinstance(data["number"], int | float):
            return Number(data["number"])
        if "date" in data:
            return dt.date.fromisoformat(str(data["date"]))
    return data


def N_(template: str) -> str:
    """Marks a message where it is written, for ``./run messages`` to extract; :func:`say`
    fills it in later."""
    return template
