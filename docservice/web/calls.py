"""The office's selection pages: the calls, and one call's page from its applications to its
lists, the letter deadline, withdrawals, the budget and the dossiers of the main list (the
steps are in ``call_steps``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from pydantic import ValidationError
from werkzeug.wrappers import Response

from docservice.checking import MAX_FILE_BYTES
from docservice.clock import utc_now
from docservice.dossier.payments import euros_text
from docservice.errors import DocserviceError, InputError
from docservice.mobility import error_words
from docservice.selection import outputs, words
from docservice.selection.applications import COLUMNS, SheetProblems
from docservice.selection.call_input import CallIn
from docservice.selection.calls import application_of
from docservice.selection.ranking import LISTS
from docservice.selection.rules import CLAIMS, load_rules, shipped_names
from docservice.selection.service import Selection, step_summary
from docservice.served import send_bytes
from docservice.tabular import TABLE_TYPES
from docservice.web.i18n import current_language, message
from docservice.web.office import actor, flash_error, signed_in, workflow
from docservice.web.records import country_choices, keep_upload, take_upload

bp = Blueprint("office_calls", __name__)

CALL_FIELDS = (
    "name",
    "action",
    "call_year",
    "rules",
    "quota",
    "budget",
    "applications_close",
    "letters_due",
    "project",
    "days",
    "start_date",
    "travel_days",
)


def selection() -> Selection:
    return workflow().selection


def read_upload(field: str = "file") -> tuple[bytes, str]:
    upload = request.files.get(field)
    if upload is None or not upload.filename:
        raise InputError(_("Choose a file to send."))
    data = upload.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(_("The file is larger than %(mb)d MB.", mb=MAX_FILE_BYTES // 2**20))
    return data, upload.filename


def acted(call_id: str, anchor: str, action: Callable[[], object]) -> Response:
    """Do ``action`` (a step of the call), its error said on the page; back to the call."""
    try:
        action()
    except DocserviceError as error:
        flash_error(error)
    return redirect(url_for("office_calls.call", call_id=call_id, _anchor=anchor))


def _form_call() -> tuple[CallIn, str | None]:
    values: dict[str, Any] = {
        key: request.form.get(key, "").strip() for key in CALL_FIELDS if request.form.get(key)
    }
    if "budget" in values:
        values["budget"] = euros_text(values["budget"])
    values["places"] = {
        kind: _places(request.form.get(f"places_{kind}", ""), kind)
        for kind in ("country", "region")
    }
    rules_text = None
    upload = request.files.get("rules_file")
    if upload is not None and upload.filename:
        rules_text = upload.read(200_001).decode("utf-8", errors="replace")
        values["rules"] = "uploaded"
    try:
        return CallIn.model_validate(values), rules_text
    except ValidationError as exc:
        wrong = "; ".join(
            f"{_field_name(str(e['loc'][0]))}: {message(error_words(e))}"
            for e in exc.errors(include_url=False)
        )
        raise InputError(_("The call has mistakes: %(wrong)s", wrong=wrong)) from None


def _places(text: str, kind: str) -> dict[str, int]:
    """ "AL=2, BA=2" (or one a line, with ':' or '=') as places by country or region."""
    places: dict[str, int] = {}
    for item in text.replace("\n", ",").replace(";", ",").split(","):
        if not item.strip():
            continue
        key, sep, count = item.replace(":", "=").partition("=")
        if not sep or not count.strip().isdigit():
            raise InputError(
                _(
                    "Write the places as code=number, separated by commas (AL=2, BA=2), "
                    "not %(item)s.",
                    item=item.strip(),
                )
            )
        places[key.strip().upper() if kind == "country" else key.strip()] = int(count)
    return places


def _field_name(key: str) -> str:
    names = {
        "name": _("Name of the call"),
        "action": _("Action"),
        "call_year": _("Call year"),
        "rules": _("Rule set"),
        "quota": _("Places"),
        "budget": _("Budget (EUR)"),
        "applications_close": _("Applications close"),
        "letters_due": _("Acceptance letters due"),
        "project": _("Project number"),
        "days": _("Days of activity"),
        "start_date": _("Planned start"),
        "travel_days": _("Travel days"),
        "places": _("Places per country or region"),
    }
    return str(names.get(key, key))


@bp.route("/", methods=["GET", "POST"])
@signed_in
def listing() -> Any:
    if request.method == "POST":
        try:
            call, rules_text = _form_call()
            row = selection().create(call, actor(), rules_text)
            return redirect(url_for("office_calls.call", call_id=row.id))
        except DocserviceError as error:
            flash_error(error)
    return render_template(
        "calls.html",
        calls=selection().store.all(),
        shipped=[(n, load_rules(n).title_in(current_language())) for n in shipped_names()],
        form=request.form,
        field_name=_field_name,
        this_year=utc_now().year,
    )


def call_context(call_id: str) -> dict[str, Any]:
    """What the call's page shows."""
    sel = selection()
    call = sel.store.get(call_id)
    rules = sel.rules(call)
    rows = sel.store.applications(call_id)
    entries = sel.ranking(call_id)
    steps = sel.store.steps(call_id)
    fit = None
    project_left = None
    if entries is not None:
        fit = sel.budget(call_id)
        if call.project and workflow().projects.store.find(call.project) is not None:
            _row, book = workflow().projects.ledger(call.project.strip().upper())
            project_left = book.total.remaining
    lang = current_language()
    return {
        "call": call,
        "rules": rules,
        "rules_title": rules.title_in(lang),
        "rules_source": rules.source_in(lang),
        "applications": [(row, application_of(row)) for row in rows],
        "entries": entries,
        "lists": {name: [e for e in entries or [] if e.standing == name] for name in LISTS},
        "steps": [(step, step_summary(step)) for step in steps],
        "fit": fit,
        "project_left": project_left,
        "kinds": {s.kind for s in steps},
        "words": words,
        "parts_text": lambda e: outputs.parts_text(e, lang),
        "list_name": outputs.list_name,
        "claims": CLAIMS,
        "countries": country_choices(),
    }


@bp.get("/<string(length=16):call_id>")
@signed_in
def call(call_id: str) -> Any:
    return render_template("call.html", **call_context(call_id), plan=None, token=None)


@bp.post("/<string(length=16):call_id>/applications")
@signed_in
def import_applications(call_id: str) -> Any:
    """The sheet is read and shown as what it will do; nothing is stored until confirmed."""
    plan = token = None
    try:
        data, filename = read_upload()
        plan = selection().import_applications(call_id, data, filename, actor(), dry_run=True)
        token = keep_upload(data, filename)
    except DocserviceError as error:
        flash_error(error)
        return redirect(url_for("office_calls.call", call_id=call_id, _anchor="applications"))
    return render_template("call.html", **call_context(call_id), plan=plan, token=token)


@bp.post("/<string(length=16):call_id>/applications/confirm")
@signed_in
def confirm_applications(call_id: str) -> Any:
    def confirm() -> None:
        data, filename = take_upload(request.form.get("token", ""))
        selection().import_applications(call_id, data, filename, actor())

    return acted(call_id, "applications", confirm)


@bp.post("/<string(length=16):call_id>/partners")
@signed_in
def partners(call_id: str) -> Any:
    def send() -> None:
        data, filename = read_upload()
        selection().set_partners(call_id, data, filename, actor())

    return acted(call_id, "applications", send)


@bp.post("/<string(length=16):call_id>/ranking")
@signed_in
def rank(call_id: str) -> Any:
    return acted(call_id, "lists", lambda: selection().rank(call_id, actor()))


def application_label(column: str) -> str:
    """What the add-an-application form calls a column."""
    labels = {
        "application_id": _("Application number"),
        "given_names": _("Given names"),
        "surname": _("Surname"),
        "category": _("Category"),
        "activity": _("Activity"),
        "host_country": _("Host country"),
        "citizenship": _("Citizenship"),
        "language_score": _("Language score"),
        "degree_abroad": _("Degree completed abroad"),
        "previous_mobilities": _("Earlier mobilities"),
        "years_of_service": _("Years of service"),
        "claims": _("Claims"),
        "department": _("Department"),
        "email": _("E-mail"),
        "host_institution": _("Host institution"),
        "host_city": _("Host city"),
        "start_date": _("First day of the activity"),
        "end_date": _("Last day of the activity"),
    }
    return str(labels.get(column, column))


@bp.post("/<string(length=16):call_id>/applications/new")
@signed_in
def add_application(call_id: str) -> Any:
    cells: dict[str, Any] = {
        key: value.strip() for key, value in request.form.items() if key in COLUMNS
    }
    cells["claims"] = ";".join(c for c in request.form.getlist("claim") if c in CLAIMS)
    cells["degree_abroad"] = "yes" if request.form.get("degree_abroad") == "on" else "no"
    try:
        app = selection().add_application(call_id, cells, actor())
        flash(_("%(name)s's application is added.", name=app.name), "success")
    except SheetProblems as problems:
        wrong = "; ".join(
            f"{application_label(p['column'])}: {message(p['message'])}" for p in problems.details
        )
        flash(_("The application has mistakes: %(wrong)s", wrong=wrong), "error")
    except DocserviceError as error:
        flash_error(error)
    return redirect(url_for("office_calls.call", call_id=call_id, _anchor="applications"))


@bp.get("/<string(length=16):call_id>/lists.<fmt>")
@signed_in
def lists_file(call_id: str, fmt: str) -> Any:
    sel = selection()
    call = sel.store.get(call_id)
    entries = sel.ranking(call_id) or []
    public = request.args.get("public") == "1"
    lang = current_language()
    if fmt == "pdf":
        under = outputs.subtitle(sel.rules(call).title_in(lang), sel.store.steps(call_id), lang)
        data, mimetype = outputs.pdf(call, entries, lang, public, under), "application/pdf"
    elif fmt in TABLE_TYPES:
        data, mimetype = outputs.table(entries, fmt, lang, public), TABLE_TYPES[fmt]
    else:
        return render_template("error.html", title=_("Not found"), message=""), 404
    stem = _("public-lists") if public else _("lists")
    return send_bytes(data, mimetype, f"{stem}-{call.call_year}-{call.id[:6]}.{fmt}")
