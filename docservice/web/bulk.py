"""What the office does to many dossiers at once, ticked on the dashboard: generate a document
into each (a batch job on the task queue, each document attached to its dossier), or make each
participant's link (the new links shown once, on a page of their own)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.wrappers import Response

from docservice.api import services
from docservice.background.jobs import DOSSIERS, BatchJobs, JobOptions
from docservice.errors import DocserviceError, InputError, NotFound
from docservice.formatting import as_lang
from docservice.generation.service import FORMATS
from docservice.mobility import parse_mobility
from docservice.web.labels import TEMPLATES
from docservice.web.office import flash_error, signed_in, workflow

bp = Blueprint("office_bulk", __name__)
MOST = 200  # dossiers in one go (the dashboard shows 50 a page)


def _links(ids: list[str]) -> Any:
    flow = workflow()
    settings = services().settings
    made = []
    for mobility_id in ids:
        try:
            row = flow.store.get(mobility_id)
        except NotFound:
            continue
        link = flow.links.make(mobility_id, g.user.label)
        participant = row.record.get("participant") or {}
        made.append(
            {
                "id": mobility_id,
                "reference": row.reference,
                "name": f"{participant.get('given_names', '')} {participant.get('surname', '')}",
                "email": participant.get("email"),
                "link": link.url,
            }
        )
    days = max(1, round(settings.participant_link_days))
    page = render_template("links.html", links=made, days=days)
    # the links are bearer tokens: never kept by a browser's or a proxy's cache
    return page, 200, {"Cache-Control": "no-store"}


@bp.post("/")
@signed_in
def act() -> Any:
    ids = list(dict.fromkeys(request.form.getlist("mobility")))[:MOST]
    if not ids:
        flash_error(NotFound(_("Tick the dossiers first, then choose what to do with them.")))
        return redirect(request.referrer or url_for("office.home"))
    if request.form.get("action") == "links":
        return _links(ids)
    if request.form.get("action") == "email":
        return _email(ids)
    return _generate(ids)


def _email(ids: list[str]) -> Response:
    """Each ticked participant's new link by e-mail; one without an address is named."""
    flow = workflow()
    sent, skipped = 0, []
    for mobility_id in ids:
        try:
            flow.links.email(mobility_id, g.user.label)
            sent += 1
        except NotFound:
            continue
        except InputError:
            record = flow.store.get(mobility_id).record.get("participant") or {}
            skipped.append(f"{record.get('given_names', '')} {record.get('surname', '')}".strip())
    flash(
        ngettext(
            "%(num)d link e-mailed (see the outbox).",
            "%(num)d links e-mailed (see the outbox).",
            sent,
        ),
        "info",
    )
    if skipped:
        flash_error(
            InputError(
                _(
                    "No e-mail address on the record of %(names)s: add it, then send again.",
                    names=", ".join(skipped[:20]),
                )
            )
        )
    return redirect(url_for("office.home"))


def _on_older_tables(ids: list[str]) -> list[str]:
    """The ticked dossiers whose grant uses an older call's rate table (no table of their own
    call is on file): their names."""
    flow, grants = workflow(), services().grants
    found = []
    for mobility_id in ids:
        try:
            record = flow.store.get(mobility_id).record
            breakdown = grants.calculate(parse_mobility(record))
        except DocserviceError:
            continue  # the job names it with its reason
        if breakdown.selection.fallback:
            found.append(breakdown.mobility.participant.full_name)
    return found


def _generate(ids: list[str]) -> Response:
    jobs: BatchJobs = services().jobs
    template = request.form.get("template", "")
    fmt = request.form.get("format", "pdf")
    if template == "grant_agreement" and request.form.get("confirm_fallback") != "yes":
        older = _on_older_tables(ids)
        if older:
            flash_error(
                InputError(
                    _(
                        "No rate table of their call is on file for %(names)s. Tick the box to "
                        "confirm that their grant agreements may use the older table, then "
                        "generate again.",
                        names=", ".join(older[:10]) + (" …" if len(older) > 10 else ""),
                    )
                )
            )
            return redirect(request.referrer or url_for("office.home"))
    try:
        options = JobOptions(
            templates=[template] if template in TEMPLATES else ["grant_agreement"],
            formats=[fmt] if fmt in FORMATS else ["pdf"],
            lang=as_lang(request.form.get("lang") or None),
            filename=DOSSIERS,
            issued_by=g.user.label,
        )
        job = jobs.submit_dossiers(ids, options)
    except (DocserviceError, ValueError) as error:
        flash_error(error if isinstance(error, DocserviceError) else NotFound(str(error)))
        return redirect(url_for("office.home"))
    return redirect(url_for("office.batch_job", job_id=job.id))
