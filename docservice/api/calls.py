"""``/api/v1/calls``: selection (interface §6) as a service: calls, their applications, the
ranking and its recorded steps, the lists, the budget fit and the dossiers of the main list;
``/api/v1/history``: earlier years' participations."""

from __future__ import annotations

from typing import Any

from apiflask import APIBlueprint
from flask import Response, jsonify, request
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from docservice.access.auth import INTEGRATION, OFFICE, require
from docservice.api import services
from docservice.api.call_schemas import (
    FILE_RESPONSES,
    ApplicationOut,
    ApplicationsImportOut,
    ApplicationsOut,
    BudgetOut,
    CallOut,
    CallsOut,
    DossiersOut,
    HistoryOut,
    LetterOut,
    PartnersOut,
    RankingOut,
    StepOut,
)
from docservice.api.params import form_flag, lang_arg, uploaded
from docservice.dossier.store import Actor
from docservice.errors import MalformedRequest
from docservice.selection import outputs
from docservice.selection.call_input import CallIn
from docservice.selection.history import read_history
from docservice.selection.letters import letter_check
from docservice.selection.service import Selection
from docservice.tabular import TABLE_TYPES

bp = APIBlueprint("calls", __name__, tag="Selection")
STAFF = (OFFICE, INTEGRATION)
STRICT = ConfigDict(strict=True, extra="forbid")


class CallCreate(CallIn):
    rules_toml: str | None = Field(
        default=None,
        max_length=200_000,
        description="The office's own rule set (TOML, as the shipped ktu-2025); `rules` then "
        "takes its name",
    )


class ApplicationsIn(BaseModel):
    model_config = STRICT
    applications: list[dict[str, Any]] = Field(min_length=1, max_length=5000)
    dry_run: bool = False


class LettersIn(BaseModel):
    model_config = STRICT
    delivered: list[str] = Field(
        max_length=100_000,
        description="The applications whose acceptance letter arrived by the deadline (a "
        "letter given at application counts without being named)",
    )


class WithdrawalIn(BaseModel):
    model_config = STRICT
    application_id: str = Field(min_length=1, max_length=300)
    no_show: bool = Field(
        default=False,
        description="Withdrew without force majeure after being selected: later calls count "
        "it as a no-show (−10 in ktu-2025)",
    )
    note: str = Field(default="", max_length=2000)


class ApplicationChange(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", str_strip_whitespace=True)
    email: str | None = Field(default=None, max_length=300)
    host_institution: str | None = Field(default=None, max_length=300)
    host_erasmus_code: str | None = Field(default=None, max_length=300)
    host_city: str | None = Field(default=None, max_length=300)
    start_date: str | None = Field(default=None, max_length=10)
    end_date: str | None = Field(default=None, max_length=10)


def _selection() -> Selection:
    selection: Selection = services().flow.selection
    return selection


def _actor() -> Actor:
    return Actor(require(*STAFF).label, request.remote_addr)


def _call(call_id: str) -> dict[str, Any]:
    selection = _selection()
    call = selection.store.get(call_id)
    return outputs.call_json(
        call, selection.store.steps(call_id), len(selection.store.applications(call_id))
    )


def _answer(body: Any, status: int = 200) -> Response:
    response = jsonify(body)
    response.status_code = status
    return response


@bp.post("/calls")
@bp.input(CallCreate, location="json", arg_name="body")
@bp.output(CallOut, status_code=201)
@bp.doc(summary="Create a call for applications", responses={422: "A wrong rule set or value"})
def create(body: CallCreate) -> Response:
    """A call with its rule set (a shipped one by name, `ktu-2025`, or `rules_toml`), total
    `quota`, `budget` (EUR), deadlines and the planned mobility (`days`, `start_date`,
    `travel_days`) its estimates and dossiers start from."""
    actor = _actor()
    values = CallIn.model_validate(body.model_dump(exclude={"rules_toml"}))
    call = _selection().create(values, actor, body.rules_toml)
    return _answer(_call(call.id), 201)


@bp.get("/calls")
@bp.output(CallsOut)
@bp.doc(summary="The calls")
def index() -> Response:
    require(*STAFF)
    selection = _selection()
    return jsonify(
        {"calls": [outputs.call_json(c, [], 0) | {"steps": None} for c in selection.store.all()]}
    )


@bp.get("/calls/<string(length=16):call_id>")
@bp.output(CallOut)
@bp.doc(summary="A call, its applications' count and its recorded steps")
def get(call_id: str) -> Response:
    require(*STAFF)
    return jsonify(_call(call_id))


@bp.post("/calls/<string(length=16):call_id>/applications")
@bp.output(ApplicationsImportOut)
@bp.doc(
    summary="Import a call's applications from a sheet",
    responses={409: "The call is ranked already", 422: "Wrong cells, by row and column"},
)
def import_applications(call_id: str) -> Response:
    """Multipart `file`: a .csv or .xlsx of applications (application_id, given_names,
    surname, category, activity, host_country, citizenship, language_score, degree_abroad,
    previous_mobilities, years_of_service, claims); or JSON
    `{"applications": [{"application_id": …, "given_names": …, …}], "dry_run": false}` (an
    e-Belge portal's own). The whole sheet or nothing: a wrong cell (a missing column, a
    language score of 120, an unknown claim, the same application twice) is a 422 naming every
    row and column in `details`. `dry_run` true: what it would do. A sheet may add and correct
    applications until the call is ranked."""
    actor = _actor()
    if request.is_json:
        try:
            body = ApplicationsIn.model_validate(request.get_json(silent=True))
        except ValidationError as exc:
            wrong = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}"
                for e in exc.errors(include_url=False)[:20]
            )
            raise MalformedRequest(
                f'The body must be {{"applications": [objects], "dry_run": false}}: {wrong}.',
                code="invalid_input",
            ) from None
        result = _selection().import_records(
            call_id, body.applications, actor, dry_run=body.dry_run
        )
        return jsonify(result)
    data, filename = uploaded()
    result = _selection().import_applications(
        call_id, data, filename, actor, dry_run=form_flag("dry_run")
    )
    return jsonify(result)


@bp.get("/calls/<string(length=16):call_id>/applications")
@bp.output(ApplicationsOut)
@bp.doc(summary="A call's applications")
def applications(call_id: str) -> Response:
    require(*STAFF)
    _selection().store.get(call_id)
    rows = _selection().store.applications(call_id)
    return jsonify(
        {
            "applications": [
                {**row.data, "letter": row.letter, "mobility_id": row.mobility_id} for row in rows
            ]
        }
    )


@bp.patch("/calls/<string(length=16):call_id>/applications/<string:application_id>")
@bp.input(ApplicationChange, location="json", arg_name="change")
@bp.output(ApplicationOut)
@bp.doc(
    summary="Complete an application: its host, city, dates, e-mail",
    responses={409: "The call is ranked: only these can change"},
)
def change_application(call_id: str, application_id: str, change: ApplicationChange) -> Response:
    actor = _actor()
    values = change.model_dump(exclude_unset=True)
    app = _selection().update_application(call_id, application_id, values, actor)
    return jsonify(app.to_dict())


@bp.put("/calls/<string(length=16):call_id>/applications/<string:application_id>/letter")
@bp.output(LetterOut)
@bp.doc(
    summary="Check the acceptance letter given at application",
    responses={409: "The call is ranked already"},
)
def application_letter(call_id: str, application_id: str) -> Response:
    """Multipart `file`: the letter (PDF, JPEG, PNG), checked by the `acceptance_letter`
    checker; its `digital_skills` and `artificial_intelligence` findings decide those points,
    and a letter naming another person earns none."""
    actor = _actor()
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise MalformedRequest("Send the letter as the multipart field 'file'.")
    check = letter_check(upload.stream, upload.filename, services().settings, services().grants)
    return jsonify(_selection().check_letter(call_id, application_id, check, actor))


@bp.put("/calls/<string(length=16):call_id>/partners")
@bp.output(PartnersOut)
@bp.doc(summary="The call's partner institutions")
def partners(call_id: str) -> Response:
    """Multipart `file`: a sheet with `erasmus_code` and/or `institution`, or one a line. A
    letter given at application counts only from one of them (ktu-2025)."""
    actor = _actor()
    data, filename = uploaded()
    return jsonify({"partners": _selection().set_partners(call_id, data, filename, actor)})


def _ranking_answer(call_id: str) -> Response:
    lang = lang_arg(request.args.get("lang"))
    _selection().store.get(call_id)  # an unknown call is a 404, not an empty ranking
    entries = _selection().ranking(call_id) or []
    return jsonify(
        {
            "ranking": [outputs.entry_json(e, lang) for e in entries],
            "counts": outputs.counts(entries),
        }
    )


@bp.post("/calls/<string(length=16):call_id>/ranking")
@bp.output(RankingOut)
@bp.doc(
    summary="Rank the call's applications",
    responses={409: "The lists have moved on since the ranking", 422: "No applications"},
)
def make_ranking(call_id: str) -> Response:
    """The ranking (`ranking`: main, reserve, then the ineligible, each with
    `rank`, `score`, `parts` and `reason`), recorded as a step. It can be made again until the
    letter deadline or a withdrawal is recorded."""
    _selection().rank(call_id, _actor())
    return _ranking_answer(call_id)


@bp.get("/calls/<string(length=16):call_id>/ranking")
@bp.doc(summary="The lists as they stand", responses=FILE_RESPONSES)
def ranking(call_id: str) -> Response:
    """`format=json` (default), `xlsx`, `csv` or `pdf`; `public=1` for the anonymised list
    (application numbers, lists, ranks and scores only); `lang=tr|en`."""
    require(*STAFF)
    fmt = request.args.get("format", "json")
    if request.args.get("public", "0") not in ("0", "1"):
        raise MalformedRequest("public is 0 or 1.", code="invalid_input")
    public = request.args.get("public", "0") == "1"
    if fmt == "json":
        return _ranking_answer(call_id)
    if fmt not in (*TABLE_TYPES, "pdf"):
        raise MalformedRequest("format is json, xlsx, csv or pdf.", code="invalid_input")
    selection = _selection()
    call = selection.store.get(call_id)
    entries = selection.ranking(call_id) or []
    lang = lang_arg(request.args.get("lang")) or "en"
    if fmt == "pdf":
        under = outputs.subtitle(
            selection.rules(call).title_in(lang), selection.store.steps(call_id), lang
        )
        data, mimetype = outputs.pdf(call, entries, lang, public, under), "application/pdf"
    else:
        data, mimetype = outputs.table(entries, fmt, lang, public), TABLE_TYPES[fmt]
    name = f"{'public-' if public else ''}lists-{call.id}.{fmt}"
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.post("/calls/<string(length=16):call_id>/letters")
@bp.input(LettersIn, location="json", arg_name="body")
@bp.output(StepOut)
@bp.doc(
    summary="Record the acceptance-letter deadline (rules a, b, c)",
    responses={409: "Not ranked, or the deadline is recorded already"},
)
def letters(call_id: str, body: LettersIn) -> Response:
    step = _selection().letters(call_id, body.delivered, _actor())
    return jsonify({"step": step.detail, "ranking": _ranking_answer(call_id).get_json()})


@bp.post("/calls/<string(length=16):call_id>/withdrawals")
@bp.input(WithdrawalIn, location="json", arg_name="body")
@bp.output(StepOut)
@bp.doc(
    summary="Record a withdrawal; the next reserve moves up",
    responses={409: "Not ranked yet", 422: "Not a candidate"},
)
def withdrawals(call_id: str, body: WithdrawalIn) -> Response:
    step = _selection().withdraw(call_id, body.application_id, body.no_show, body.note, _actor())
    return jsonify({"step": step.detail, "ranking": _ranking_answer(call_id).get_json()})


@bp.get("/calls/<string(length=16):call_id>/budget")
@bp.output(BudgetOut)
@bp.doc(
    summary="The main list's estimated grants against the call's budget",
    responses={409: "Not ranked yet"},
)
def budget(call_id: str) -> Response:
    require(*STAFF)
    fit = _selection().budget(call_id)
    for row in fit["rows"]:
        row["assumption"] = str(row["assumption"]) if row["assumption"] else None
    return jsonify(fit)


@bp.post("/calls/<string(length=16):call_id>/dossiers")
@bp.output(DossiersOut)
@bp.doc(summary="Dossiers for the main list", responses={409: "Not ranked yet"})
def dossiers(call_id: str) -> Response:
    """A dossier for every main candidate who has none yet, with its planned grant; those
    whose application lacks the host, its city or the dates are under `waiting` with what is
    `missing` (complete them with PATCH …/applications/{id})."""
    return jsonify(_selection().make_dossiers(call_id, _actor()))


@bp.post("/history")
@bp.output(HistoryOut, status_code=201)
@bp.doc(summary="Import earlier years' participations", responses={422: "Wrong cells"})
def import_history() -> Response:
    """Multipart `file`: `given_names`, `surname`, `call_year`, `action`, `outcome`
    (`took_part` or `no_show`), `host_country`. The whole sheet or nothing."""
    actor = _actor()
    data, filename = uploaded()
    rows = read_history(data, filename)
    count = _selection().store.add_participations(rows, actor, filename)
    return _answer({"imported": count}, 201)
