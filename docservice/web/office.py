"""The office's pages: sign in, the dashboard, a mobility's page with its documents, decisions
and grant, generating documents, importing mobilities and batch generation."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from docservice.access.users import UserStore
from docservice.api import services
from docservice.background.jobs import DOSSIERS, BatchJobs, JobOptions
from docservice.checking import MAX_FILE_BYTES
from docservice.clock import utc_now
from docservice.dossier import checklist, view
from docservice.dossier.store import Actor
from docservice.errors import DocserviceError, InputError, NotFound, TooManyAttempts
from docservice.formatting import LANGS, as_lang
from docservice.generation.service import FORMATS
from docservice.grants.explain import older_table, to_dict
from docservice.served import send_table
from docservice.services import Workflow
from docservice.tabular import TABLE_FORMATS
from docservice.web import dashboard
from docservice.web.errors import batch_problems, error_text, not_found
from docservice.web.i18n import current_language
from docservice.web.labels import TEMPLATES, table_headings, table_rows

bp = Blueprint("office", __name__, template_folder="templates")
bp.register_error_handler(404, not_found)
F = TypeVar("F", bound=Callable[..., Any])


def workflow() -> Workflow:
    flow: Workflow = services().flow
    return flow


def _users() -> UserStore:
    users: UserStore = services().users
    return users


def actor() -> Actor:
    return Actor(g.user.label, request.remote_addr)


def signed_in(view: F) -> F:
    """The page needs an office user; others are sent to sign in, and back after."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        user = _users().get(session["user_id"]) if "user_id" in session else None
        if user is None:
            session.pop("user_id", None)
            return redirect(url_for("office.login", next=request.full_path.rstrip("?")))
        g.user = user
        return view(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an address elsewhere (an open redirect)."""
    if not target or urlsplit(target).netloc or not target.startswith("/"):
        return url_for("office.home")
    return target


def _back(mobility_id: str, anchor: str = "") -> Response:
    return redirect(url_for("office.mobility", mobility_id=mobility_id) + anchor)


def flash_error(error: DocserviceError) -> None:
    """The error's message (and what to do) in the page's language."""
    flash(error_text(error), "error")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    error = None
    status = 200
    if request.method == "POST":
        try:
            user = _users().authenticate(
                request.form.get("username", ""),
                request.form.get("password", ""),
                remote_addr=request.remote_addr,
            )
        except TooManyAttempts:
            error, status = _("Too many wrong passwords: wait 15 minutes and try again."), 429
        else:
            if user is not None:
                session.clear()
                session.permanent = True
                session["user_id"] = user.id
                return redirect(_safe_next(request.args.get("next")))
            error, status = _("The username or the password is wrong."), 401
    return render_template("login.html", error=error), status


@bp.post("/logout")
def logout() -> Response:
    session.clear()
    flash(_("You are signed out."), "info")
    return redirect(url_for("office.login"))


@bp.get("/")
@signed_in
def home() -> Any:
    filters = {key: request.args.get(key, "") for key in dashboard.FILTERS}
    query = request.args.get("q", "").strip()
    text = request.args.get("page", "1").strip()
    page = int(text) if text.isdigit() and len(text) <= 6 else 1  # a page past the last: empty
    sort = request.args.get("sort", "")
    descending = request.args.get("desc") == "1"
    fmt = request.args.get("format")
    board = dashboard.build(
        workflow().store,
        filters,
        query,
        page,
        grants=services().grants,
        sort=sort,
        descending=descending,
        everything_chosen=fmt in TABLE_FORMATS,
    )
    if fmt in TABLE_FORMATS:
        return send_table(table_rows(board.rows), fmt, str(_("Mobilities")), table_headings())
    return render_template(
        "dashboard.html",
        board=board,
        filters=filters,
        query=query,
        sort=sort if sort in dashboard.SORTS else "",
        descending=descending,
    )


@bp.get("/m/<mobility_id>")
@signed_in
def mobility(mobility_id: str) -> str:
    flow = workflow()
    lang = as_lang(current_language()) or "tr"
    try:
        d = flow.dossiers.assemble(mobility_id, lang)
    except NotFound:
        abort(404)
    flow.store.record_access(mobility_id, actor(), "dossier.read", "web")
    decisions = flow.store.decisions(mobility_id)
    return render_template(
        "mobility.html",
        earlier=view.earlier_uploads(d, flow.store.history(mobility_id), decisions),
        sent=flow.mailer.outbox(mobility_id=mobility_id, limit=20),
        d=d,
        planned=to_dict(d.planned, lang) if d.planned else None,
        fallback=older_table(d.planned, lang),
        due=view.due_payment(d),
        today=utc_now().date().isoformat(),
        recon=d.reconciliation.to_dict(),
        fingerprint=d.reconciliation.fingerprint,
        decisions=decisions,
        templates=TEMPLATES,
        formats=FORMATS,
        langs=LANGS,
        link=session.pop("participant_link", None),
        before=[i for i in d.items if i.phase == checklist.BEFORE],
        after=[i for i in d.items if i.phase == checklist.AFTER],
        module=flow.projects.store.feedback(mobility_id=mobility_id),
        over=flow.projects.over_budget(d.row.record.get("project")),
    )


def act(mobility_id: str, anchor: str, action: Callable[[], str]) -> Response:
    """Do what a mobility page's form asks, say how it went, and go back to that form."""
    try:
        flash(action(), "info")
    except DocserviceError as error:
        flash_error(error)
    return _back(mobility_id, anchor)


@bp.post("/m/<mobility_id>/documents/<kind>/decision")
@signed_in
def decide(mobility_id: str, kind: str) -> Response:
    def action() -> str:
        workflow().dossiers.decide(
            mobility_id,
            kind,
            request.form.get("decision", ""),
            request.form.get("reason", ""),
            actor(),
        )
        return str(_("Your decision is recorded."))

    return act(mobility_id, f"#doc-{kind}", action)


@bp.post("/m/<mobility_id>/reconciliation")
@signed_in
def confirm(mobility_id: str) -> Response:
    def action() -> str:
        workflow().dossiers.confirm_reconciliation(
            mobility_id,
            request.form.get("fingerprint", ""),
            request.form.get("reason", ""),
            actor(),
        )
        return str(_("The reconciliation is confirmed."))

    return act(mobility_id, "#reconciliation", action)


@bp.post("/m/<mobility_id>/force-majeure")
@signed_in
def force_majeure(mobility_id: str) -> Response:
    def action() -> str:
        workflow().dossiers.set_force_majeure(
            mobility_id,
            request.form.get("force_majeure") == "yes",
            request.form.get("reason", ""),
            actor(),
        )
        return str(_("Force majeure is recorded."))

    return act(mobility_id, "#grant", action)


@bp.post("/m/<mobility_id>/ects")
@signed_in
def ects(mobility_id: str) -> Response:
    def action() -> str:
        text = request.form.get("ects_completed", "").strip().replace(",", ".")
        try:
            value = float(text) if text else None
        except ValueError:
            raise InputError(_("Write the ECTS credits as a number, such as 27 or 27.5.")) from None
        workflow().dossiers.set_ects_completed(mobility_id, value, actor())
        return str(_("The ECTS credits are recorded."))

    return act(mobility_id, "#grant", action)


@bp.post("/m/<mobility_id>/generate")
@signed_in
def generate(mobility_id: str) -> Response:
    def action() -> str:
        fmt = request.form.get("format", "pdf")
        if fmt not in FORMATS:
            raise InputError(_("Choose DOCX or PDF."))
        try:
            lang = as_lang(request.form.get("lang") or None)
        except ValueError as error:
            raise InputError(str(error)) from None
        template = request.form.get("template", "")
        flow = workflow()
        if template == "grant_agreement" and request.form.get("confirm_fallback") != "yes":
            d = flow.dossiers.assemble(mobility_id, lang or "tr")
            if older_table(d.planned, lang or "tr") is not None:
                raise InputError(
                    _(
                        "No rate table of this call is on file. Tick the box to confirm that "
                        "the grant agreement may use the older table, then generate again."
                    )
                )
        made = flow.dossiers.generate(mobility_id, template, fmt, lang, actor())
        return str(_("Generated %(code)s.", code=made["code"]))

    return act(mobility_id, "#generated", action)


@bp.post("/m/<mobility_id>/participant-link")
@signed_in
def participant_link(mobility_id: str) -> Response:
    session["participant_link"] = workflow().links.make(mobility_id, g.user.label).url
    return _back(mobility_id, "#participant")


@bp.get("/m/<mobility_id>/generated/<code>/<fmt>")
@signed_in
def generated_file(mobility_id: str, code: str, fmt: str) -> Response:
    try:
        path, name = workflow().dossiers.generated_file(mobility_id, code, fmt, actor())
    except NotFound:
        abort(404)
    return send_file(path, as_attachment=True, download_name=name)


@bp.route("/batch", methods=["GET", "POST"])
@signed_in
def batch() -> Any:
    jobs: BatchJobs = services().jobs
    if request.method == "POST":
        upload = request.files.get("file")
        try:
            if upload is None or not upload.filename:
                raise InputError(_("Choose a .csv or .xlsx file of mobilities."))
            templates = [t for t in request.form.getlist("templates") if t in TEMPLATES]
            formats = [f for f in request.form.getlist("formats") if f in FORMATS]
            options = JobOptions(
                templates=templates or ["grant_agreement"],
                formats=formats or ["pdf"],
                lang=as_lang(request.form.get("lang") or None),
                filename=upload.filename,
            )
            job = jobs.submit(upload.read(MAX_FILE_BYTES + 1), options)
            return redirect(url_for("office.batch_job", job_id=job.id))
        except DocserviceError as error:
            flash_error(error)
        except ValueError as error:
            flash(str(error), "error")
    return render_template("batch.html", templates=TEMPLATES, formats=FORMATS, langs=LANGS)


@bp.get("/batch/<job_id>")
@signed_in
def batch_job(job_id: str) -> Any:
    jobs: BatchJobs = services().jobs
    job = jobs.get(job_id)
    if job is None:
        abort(404)
    state = {
        "status": job.status,
        "total": job.total,
        "done": job.done,
        "failed": job.failed,
        "error": job.error,
        "download": url_for("office.batch_download", job_id=job_id)
        if job.status == "done"
        else None,
        "problems": batch_problems(job.options or {}),
        "dossiers": (job.options or {}).get("filename") == DOSSIERS,
    }
    if request.accept_mimetypes.best == "application/json":
        return jsonify(state)
    return render_template("batch_job.html", job_id=job_id, job=state)


@bp.get("/batch/<job_id>/download")
@signed_in
def batch_download(job_id: str) -> Response:
    jobs: BatchJobs = services().jobs
    job = jobs.get(job_id)
    if job is None or job.status != "done":
        abort(404)
    return send_file(
        jobs.result(job_id),
        mimetype="application/zip",
        as_attachment=True,
        download_name=f"documents-{job_id[:8]}.zip",
    )
