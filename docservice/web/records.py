"""The office's records: a mobility's record edited on its own page, and a sheet imported after
the officer has seen what it will do (new dossiers, changes to existing ones, wrong rows).

Both hold the record to the same rules as the API and to the office's own (``dossier.intake``:
a city the gazetteer knows, a valid IBAN at the policy's bank, no second dossier of the same
person for the same days), and name every problem by its field, in the page's language.

A sheet waits for its confirmation in the instance's ``imports`` folder, readable only by the
officer who sent it, for an hour at most; it is deleted once imported.
"""

from __future__ import annotations

import copy
import json
import secrets
import time
from pathlib import Path
from typing import Any

from babel import Locale
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from checkers.text import fold
from docservice.api import services
from docservice.checking import MAX_FILE_BYTES
from docservice.dossier.intake import changes, flatten, with_fields
from docservice.errors import DocserviceError, InputError, InvalidRecord
from docservice.formatting import Lang, country
from docservice.mobility import Action, Activity, known_countries, parse_mobility
from docservice.tabular import cell_value, read_rows
from docservice.web.errors import problem_lines
from docservice.web.fields import FIELDS, SECTIONS, field_label
from docservice.web.i18n import current_language
from docservice.web.labels import ACTIVITY
from docservice.web.office import actor, flash_error, signed_in, workflow

bp = Blueprint("office_records", __name__)


def _choices(kind: str) -> list[tuple[str, str]]:
    if kind == "action":
        return [(a.value, a.value) for a in Action]
    if kind == "activity":
        return [(a.value, str(ACTIVITY.get(a.value, a.value))) for a in Activity]
    return country_choices()


def country_choices() -> list[tuple[str, str]]:
    """Every country by its code, named and sorted in the page's language."""
    lang: Lang = "en" if current_language() == "en" else "tr"
    named = Locale(lang).territories
    names = [(code, country(code, lang)) for code in known_countries() if code in named]
    return sorted(names, key=lambda pair: fold(pair[1]))


def _form_values(record: dict[str, Any]) -> dict[str, str]:
    flat = flatten(record)

    def shown(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))  # 8 hours, not 8.0
        return str(value)

    return {
        key: ("on" if flat.get(key) else "") if kind == "checkbox" else shown(flat.get(key))
        for key, (_label, kind) in FIELDS.items()
    }


def _from_form(stored: dict[str, Any]) -> dict[str, Any]:
    """The stored record with the form's fields: a field sent empty is taken out; what the
    form does not show (ECTS credits, keys of the office's own) or did not send is kept."""
    record: dict[str, Any] = copy.deepcopy(stored)
    for key, (_label, kind) in FIELDS.items():
        *path, leaf = key.split(".")
        target = record
        for part in path:
            target = target.setdefault(part, {})
        if kind == "checkbox":
            target[leaf] = request.form.get(key) == "on"
            continue
        if key not in request.form:  # not sent at all: kept (sent empty: taken out)
            continue
        value = request.form.get(key, "").strip()[:300]
        if value:
            target[leaf] = cell_value(key, value)
        else:
            target.pop(leaf, None)
    return record


@bp.route("/m/<mobility_id>/record", methods=["GET", "POST"])
@signed_in
def edit(mobility_id: str) -> Any:
    flow = workflow()
    stored = flow.store.get(mobility_id).record
    values, problems = _form_values(stored), []
    if request.method == "POST":
        values = {key: request.form.get(key, "") for key in FIELDS}
        record = _from_form(stored)
        try:
            mobility = parse_mobility(record)
            problems = flow.dossiers.intake().problems(mobility, stored)
        except InvalidRecord as error:
            problems = with_fields(error.details, flow.dossiers.intake(), record)
        if not problems:
            diff = changes(stored, mobility.model_dump(mode="json", exclude_none=True))
            try:
                flow.dossiers.replace(mobility_id, mobility, actor())
            except DocserviceError as error:
                flash_error(error)
            else:
                if diff:
                    flash(
                        ngettext(
                            "The record is saved: %(num)d field changed.",
                            "The record is saved: %(num)d fields changed.",
                            len(diff),
                        ),
                        "info",
                    )
                else:
                    flash(_("Nothing changed."), "info")
                return redirect(url_for("office.mobility", mobility_id=mobility_id))
    return render_template(
        "record.html",
        mobility_id=mobility_id,
        reference=stored.get("reference"),
        sections=SECTIONS,
        values=values,
        errors={p["key"]: p["message"] for p in problems},
        problems=problem_lines(problems, field_label),
        choices=_choices,
    ), (422 if problems else 200)


# --- importing a sheet ---------------------------------------------------------------------

PENDING_SECONDS = 3600


def _pending_dir() -> Path:
    folder: Path = services().settings.data_dir / "imports"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    now = time.time()
    for old in folder.iterdir():  # a sheet never confirmed is not kept
        if now - old.stat().st_mtime > PENDING_SECONDS:
            old.unlink(missing_ok=True)
    return folder


def keep_upload(data: bytes, filename: str) -> str:
    token = secrets.token_urlsafe(18)
    folder = _pending_dir()
    (folder / f"{token}.sheet").write_bytes(data)
    meta = {"filename": filename, "user": g.user.label}
    (folder / f"{token}.json").write_text(json.dumps(meta), encoding="utf-8")
    return token


def take_upload(token: str) -> tuple[bytes, str]:
    folder = _pending_dir()
    if not token.replace("-", "").replace("_", "").isalnum():
        abort(404)
    sheet, meta_file = folder / f"{token}.sheet", folder / f"{token}.json"
    if not sheet.exists() or not meta_file.exists():
        raise InputError(
            _("The sheet waited too long to be confirmed (an hour at most); send it again.")
        )
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    if meta.get("user") != g.user.label:
        abort(404)
    data = sheet.read_bytes()
    sheet.unlink(missing_ok=True)
    meta_file.unlink(missing_ok=True)
    return data, str(meta["filename"])


def _with_lines(result: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The import's answer for the page: each wrong row's problems, and each change, in words."""
    for row in result["errors"]:
        row["lines"] = problem_lines(row.get("problems") or [], field_label)
    for row in result["updated"] + result["existing"]:
        for change in row.get("changes", []):
            change["label"] = field_label(change["key"])
    return result


@bp.route("/import", methods=["GET", "POST"])
@signed_in
def import_sheet() -> Any:
    """A sheet sent is read and shown as what it will do; nothing is stored until confirmed."""
    plan = token = None
    over: list[dict[str, Any]] = []
    if request.method == "POST":
        upload = request.files.get("file")
        try:
            if upload is None or not upload.filename:
                raise InputError(_("Choose a .csv or .xlsx file of mobilities."))
            data = upload.read(MAX_FILE_BYTES + 1)
            rows = read_rows(data, upload.filename)
            plan = _with_lines(workflow().dossiers.import_rows(rows, actor(), dry_run=True))
            if plan["created"] or plan["updated"]:
                token = keep_upload(data, upload.filename)
            new = {line["reference"] for line in plan["created"]}
            over = workflow().projects.budget_effect(
                [r.mobility for r in rows if r.mobility is not None and r.reference in new]
            )
        except DocserviceError as error:
            flash_error(error)
    return render_template("import.html", plan=plan, token=token, result=None, over=over)


@bp.post("/import/confirm")
@signed_in
def confirm_import() -> Any:
    try:
        data, filename = take_upload(request.form.get("token", ""))
        rows = read_rows(data, filename)
        update = request.form.get("update") == "on"
        result = workflow().dossiers.import_rows(rows, actor(), update=update)
    except DocserviceError as error:
        flash_error(error)
        return redirect(url_for("office_records.import_sheet"))
    return render_template(
        "import.html", plan=None, token=None, result=_with_lines(result), over=[]
    )
