"""The office's project pages: the projects, one project's ledger with its charts (committed
month by month against the budget, by country, by activity), its mobilities, and the
Beneficiary Module's import file (docservice's columns or the Module's own template)."""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from pydantic import ValidationError

from docservice.dossier.payments import euros_text
from docservice.errors import DocserviceError, InputError
from docservice.mobility import error_words
from docservice.projects.model import ProjectIn
from docservice.projects.service import Projects
from docservice.served import send_bytes
from docservice.tabular import TABLE_TYPES
from docservice.web import charts
from docservice.web.calls import read_upload
from docservice.web.i18n import country, current_language, message, money
from docservice.web.labels import ACTIVITY
from docservice.web.office import actor, flash_error, signed_in, workflow

bp = Blueprint("office_projects", __name__)
FIELDS = ("number", "action", "call_year", "start_date", "end_date", "budget")


def projects() -> Projects:
    return workflow().projects


def _label(key: str) -> str:
    names = {
        "number": _("Project number"),
        "action": _("Action"),
        "call_year": _("Call year"),
        "start_date": _("Project start"),
        "end_date": _("Project end"),
        "budget": _("Budget (EUR)"),
        "lines": _("Budget lines"),
    }
    return str(names.get(key, key))


def _form() -> ProjectIn:
    values: dict[str, Any] = {k: request.form.get(k, "").strip() for k in FIELDS}
    values["budget"] = euros_text(values["budget"])
    lines: dict[str, str] = {}
    # separated by ";", new lines, or a comma before the next key (1.500,00 is one amount)
    for item in re.split(r"[;\n]|,(?=\s*[^,;=\n]+=)", request.form.get("lines", "")):
        key, sep, amount = item.partition("=")
        if not item.strip():
            continue
        if not sep or not amount.strip():
            raise InputError(
                _(
                    "Write the budget lines as key=amount (DE=2500, teaching=4000), not %(item)s.",
                    item=item.strip(),
                )
            )
        lines[key.strip()] = euros_text(amount.strip())
    values["lines"] = lines
    try:
        return ProjectIn.model_validate(values)
    except ValidationError as exc:
        whole = _("Project")
        wrong = "; ".join(
            f"{_label(str(e['loc'][0])) if e['loc'] else whole}: {message(error_words(e))}"
            for e in exc.errors(include_url=False)
        )
        raise InputError(_("The project has mistakes: %(wrong)s", wrong=wrong)) from None


@bp.route("/", methods=["GET", "POST"])
@signed_in
def listing() -> Any:
    if request.method == "POST":
        try:
            row = projects().create(_form(), actor())
            return redirect(url_for("office_projects.project", number=row.number))
        except DocserviceError as error:
            flash_error(error)
    rows = [projects().ledger(p.number) for p in projects().store.all()]
    return render_template("projects.html", rows=rows, form=request.form)


@bp.get("/<string:number>")
@signed_in
def project(number: str) -> Any:
    row, book = projects().ledger(number)
    lang = current_language()
    activity_names = {k: str(v) for k, v in ACTIVITY.items()}
    chart_label = _("Committed month by month against the budget")
    return render_template(
        "project.html",
        project=row,
        book=book,
        over_time=charts.over_time(
            book.over_time(), book.total.budget, chart_label, money, _("budget")
        ),
        by_country=charts.bars(
            [(country(code), v) for code, v in book.by("country").items()],
            _("Committed by host country"),
            money,
        ),
        by_activity=charts.bars(
            [(activity_names.get(k, k), v) for k, v in book.by("activity").items()],
            _("Committed by activity"),
            money,
        ),
        lang=lang,
        check=projects().beneficiary_module(number, "csv")[1],
        line_name=lambda key: _line_name(key, activity_names),
        module=projects().store.feedback(project=row.number),
    )


@bp.post("/<string:number>/feedback")
@signed_in
def feedback(number: str) -> Any:
    try:
        data, filename = read_upload()
        said = projects().import_feedback(number, data, filename, actor())
        flash(
            _(
                "%(lines)d lines of the log read onto %(mobilities)d dossiers.",
                lines=said["lines"],
                mobilities=said["mobilities"],
            ),
            "success",
        )
        if said["unknown"]:
            flash(
                _("No dossier of this project has: %(ids)s", ids=", ".join(said["unknown"])),
                "error",
            )
    except DocserviceError as error:
        flash_error(error)
    return redirect(url_for("office_projects.project", number=number, _anchor="bm"))


@bp.get("/<string:number>/report.xlsx")
@signed_in
def report(number: str) -> Any:
    asked = request.args.get("year", "")
    year = int(asked) if asked.isdigit() and 2000 <= int(asked) <= 2100 else None
    data = projects().report(number, year, current_language())
    span = str(year) if year is not None else _("all")
    return send_bytes(data, TABLE_TYPES["xlsx"], f"{number}-{span}.xlsx")


def _line_name(key: str, activities: dict[str, str]) -> str:
    """A budget line as people say it: a country's name, an activity's, or as written."""
    if len(key) == 2 and key.isalpha():
        return country(key.upper())
    return activities.get(key, key.replace("region", str(_("region")), 1))


@bp.route("/<string:number>/beneficiary-module.<fmt>", methods=["GET", "POST"])
@signed_in
def beneficiary_module(number: str, fmt: str) -> Any:
    if fmt not in TABLE_TYPES:
        return render_template("error.html", title=_("Not found"), message=""), 404
    template = None
    if request.method == "POST":
        try:
            template = read_upload("template")
        except DocserviceError as error:
            flash_error(error)
            return redirect(url_for("office_projects.project", number=number, _anchor="bm"))
    try:
        data, _outcome = projects().beneficiary_module(number, fmt, template)
    except DocserviceError as error:
        flash_error(error)
        return redirect(url_for("office_projects.project", number=number, _anchor="bm"))
    return send_bytes(data, TABLE_TYPES[fmt], f"{number}-mobilities.{fmt}")
