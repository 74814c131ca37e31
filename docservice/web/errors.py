"""The error pages people see (the API answers JSON instead)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from docservice.errors import DocserviceError, InvalidRecord, from_data
from docservice.selection.applications import SheetProblems
from docservice.web.fields import field_label
from docservice.web.i18n import message


def csrf_error(_error: CSRFError) -> tuple[str, int]:
    return render_template(
        "error.html",
        title=_("The form has expired"),
        message=_(
            "The page was open too long, or the form was sent from another site. Go back, "
            "reload the page and send the form again."
        ),
    ), 400


def not_found(_error: Exception) -> tuple[str, int]:
    return render_template(
        "error.html",
        title=_("Not found"),
        message=_(
            "This page does not exist, or the link is no longer valid (a participant's link "
            "ends when the office makes a new one). Ask the Erasmus+ office for a new link."
        ),
    ), 404


def problem_lines(problems: list[dict[str, Any]], label: Callable[[str], str]) -> list[str]:
    """Each wrong key of a record as "field: what is wrong", in the page's language."""
    return [f"{label(p['key'])}: {message(p['message'])}" for p in problems]


def error_text(error: DocserviceError) -> str:
    """An error as a page says it: in its language, a wrong record's fields named as the form
    names them, and what to do after."""
    if isinstance(error, SheetProblems):
        lines = [f"{message(p['key'])}: {message(p['message'])}" for p in error.details]
        text = f"{message(error.headline)} {'; '.join(lines)}."
    elif isinstance(error, InvalidRecord) and error.details:
        lines = problem_lines(error.details, field_label)
        head = (
            _(
                "The record has a problem:",
            )
            if len(lines) == 1
            else _("The record has %(num)d problems:", num=len(lines))
        )
        text = f"{head} {'; '.join(lines)}."
    else:
        text = str(message(error.message))
    if error.hint:
        text += " " + str(message(error.hint))
    return text


def batch_problems(options: dict[str, Any]) -> list[str]:
    """What a finished batch could not make and why, one line each, in the page's language."""
    from docservice.web.labels import TEMPLATES

    lines = []
    for entry in options.get("problems") or []:
        number = str(entry.get("row") or "")
        head = _("Row %(row)d", row=int(number)) if number.isdigit() else ""
        if entry.get("reference"):
            head += f" ({entry['reference']})" if head else entry["reference"]
        if entry.get("template"):
            head += f", {TEMPLATES.get(entry['template'], entry['template'])}"
        said = [
            f"{field_label(p['key'])}: {message(from_data(p['message']))}"
            if p.get("key")
            else str(message(from_data(p["message"])))
            for p in entry.get("problems") or []
        ]
        lines.append(f"{head}: {'; '.join(said)}")
    return lines
