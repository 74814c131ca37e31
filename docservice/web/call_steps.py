"""The steps of a call's selection in the office's pages: the acceptance-letter deadline, a
withdrawal, the dossiers of the main list, completing an application (host, city, dates, its
letter at application) and the participation history of earlier years."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from docservice.api import services
from docservice.errors import DocserviceError, InputError
from docservice.selection import words
from docservice.selection.applications import PLANNING
from docservice.selection.calls import application_of
from docservice.selection.history import read_history
from docservice.selection.letters import letter_check
from docservice.web.calls import acted, read_upload, selection
from docservice.web.office import actor, flash_error, signed_in

bp = Blueprint("office_call_steps", __name__)


def _back(call_id: str, anchor: str) -> Any:
    return redirect(url_for("office_calls.call", call_id=call_id, _anchor=anchor))


@bp.post("/<string(length=16):call_id>/letters")
@signed_in
def letters(call_id: str) -> Any:
    return acted(
        call_id,
        "lists",
        lambda: selection().letters(call_id, request.form.getlist("delivered"), actor()),
    )


@bp.post("/<string(length=16):call_id>/withdrawals")
@signed_in
def withdraw(call_id: str) -> Any:
    return acted(
        call_id,
        "lists",
        lambda: selection().withdraw(
            call_id,
            request.form.get("application_id", ""),
            request.form.get("no_show") == "on",
            request.form.get("note", "").strip(),
            actor(),
        ),
    )


@bp.post("/<string(length=16):call_id>/dossiers")
@signed_in
def dossiers(call_id: str) -> Any:
    try:
        result = selection().make_dossiers(call_id, actor())
    except DocserviceError as error:
        flash_error(error)
        return _back(call_id, "dossiers")
    if result["made"]:
        flash(
            ngettext("%(num)d dossier made.", "%(num)d dossiers made.", len(result["made"])),
            "success",
        )
    if result["waiting"]:
        flash(
            ngettext(
                "%(num)d candidate still needs the host, its city or the dates.",
                "%(num)d candidates still need the host, its city or the dates.",
                len(result["waiting"]),
            ),
            "error",
        )
    return _back(call_id, "dossiers")


@bp.route(
    "/<string(length=16):call_id>/applications/<string:application_id>", methods=["GET", "POST"]
)
@signed_in
def application(call_id: str, application_id: str) -> Any:
    sel = selection()
    call = sel.store.get(call_id)
    if request.method == "POST":
        changes = {key: request.form.get(key, "").strip() for key in PLANNING}
        try:
            sel.update_application(call_id, application_id, changes, actor())
            flash(_("Saved."), "success")
            return redirect(
                url_for(
                    "office_call_steps.application", call_id=call_id, application_id=application_id
                )
            )
        except DocserviceError as error:
            flash_error(error)
    row = sel.store.application(call_id, application_id)
    return render_template(
        "call_application.html",
        call=call,
        words=words,
        row=row,
        app=application_of(row),
        form=request.form if request.method == "POST" else None,
        ranked=sel.ranked(call_id),
    )


@bp.post("/<string(length=16):call_id>/applications/<string:application_id>/letter")
@signed_in
def letter(call_id: str, application_id: str) -> Any:
    upload = request.files.get("file")
    try:
        if upload is None or not upload.filename:
            raise InputError(_("Choose the letter's file (PDF, JPEG or PNG)."))
        check = letter_check(upload.stream, upload.filename, services().settings, services().grants)
        selection().check_letter(call_id, application_id, check, actor())
    except DocserviceError as error:
        flash_error(error)
    return redirect(
        url_for("office_call_steps.application", call_id=call_id, application_id=application_id)
    )


@bp.route("/history", methods=["GET", "POST"])
@signed_in
def history() -> Any:
    store = selection().store
    if request.method == "POST":
        try:
            data, filename = read_upload()
            count = store.add_participations(read_history(data, filename), actor(), filename)
            flash(
                ngettext(
                    "%(num)d participation imported.", "%(num)d participations imported.", count
                ),
                "success",
            )
            return redirect(url_for("office_call_steps.history"))
        except DocserviceError as error:
            flash_error(error)
    return render_template("history.html", rows=store.all_participations())
