"""``/api/v1/projects`` (interface §7): the office's grant agreements with the National Agency,
each with its ledger, and its mobilities as the Beneficiary Module's import file."""

from __future__ import annotations

from typing import Any

from apiflask import APIBlueprint
from flask import Response, jsonify, request
from pydantic import BaseModel, Field

from docservice.access.auth import INTEGRATION, OFFICE, require
from docservice.api import services
from docservice.api.params import lang_arg, query_int, uploaded
from docservice.dossier.store import Actor
from docservice.errors import MalformedRequest
from docservice.projects.model import ProjectIn
from docservice.projects.service import Projects, project_json
from docservice.tabular import TABLE_TYPES

bp = APIBlueprint("projects", __name__, tag="Projects")
STAFF = (OFFICE, INTEGRATION)


class FiguresOut(BaseModel):
    budget: float | None
    committed: float
    paid: float
    to_recover: float
    remaining: float | None
    mobilities: int


class LedgerOut(FiguresOut):
    lines: dict[str, FiguresOut] = Field(description="the same figures per budget line")


class ProjectOut(BaseModel):
    number: str
    action: str
    call_year: int
    start_date: str
    end_date: str
    budget: float
    lines: dict[str, float]
    policy: dict[str, Any]
    ledger: LedgerOut = Field(
        description="committed: the planned (or, once known, final) grants of its mobilities; "
        "paid: what was paid to the participants less what came back; remaining = budget − "
        "committed"
    )


class ProjectsOut(BaseModel):
    projects: list[dict[str, Any]]


def _projects() -> Projects:
    projects: Projects = services().flow.projects
    return projects


@bp.post("/projects")
@bp.input(ProjectIn, location="json", arg_name="project")
@bp.output(ProjectOut, status_code=201)
@bp.doc(
    summary="Create a project",
    responses={409: "A project with this number exists", 422: "A wrong value"},
)
def create(project: ProjectIn) -> Response:
    """Body: `number`, `action`, `call_year`, `start_date`, `end_date`, `budget` (EUR) and,
    optionally, `lines` (EUR per budget line: a host country `DE`, an activity `teaching`, or
    a partner region `region 2`) and `policy` (the institution policy's keys the project sets
    for itself, e.g. `staff_max_funded_days`)."""
    principal = require(*STAFF)
    row = _projects().create(project, Actor(principal.label, request.remote_addr))
    response = jsonify(_projects().to_json(row.number))
    response.status_code = 201
    return response


@bp.get("/projects")
@bp.output(ProjectsOut)
@bp.doc(summary="The projects")
def index() -> Response:
    require(*STAFF)
    return jsonify({"projects": [project_json(p) for p in _projects().store.all()]})


@bp.get("/projects/<string:number>")
@bp.output(ProjectOut)
@bp.doc(summary="A project with its ledger", responses={404: "No such project"})
def get(number: str) -> Response:
    require(*STAFF)
    return jsonify(_projects().to_json(number))


class ModuleCheckOut(BaseModel):
    written: list[str] = Field(description="the Mobility activity IDs the file would hold")
    left_out: list[dict[str, Any]] = Field(
        description="mobilities the Module's import rules would refuse: reference, mobility_id, "
        "problems"
    )
    missing: list[dict[str, Any]] = Field(
        description="mobilities written with a column the Module needs left empty: reference, "
        "mobility_id, columns"
    )
    unknown_columns: list[str] = Field(description="the template's columns docservice leaves")


MODULE_FILE: Any = {
    200: {
        "description": "The import file; X-Docservice-Left-Out and X-Docservice-Missing count "
        "the mobilities left out and those with an empty required value",
        "content": {
            "text/csv": {"schema": {"type": "string", "format": "binary"}},
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                "schema": {"type": "string", "format": "binary"}
            },
        },
    },
    404: "No such project",
}


def _module_file(number: str, template: tuple[bytes, str] | None) -> Response:
    fmt = request.args.get("format", "xlsx")
    if fmt not in TABLE_TYPES:
        raise MalformedRequest("format is xlsx or csv.", code="invalid_input")
    data, outcome = _projects().beneficiary_module(number, fmt, template)
    response = Response(data, mimetype=TABLE_TYPES[fmt])
    stem = number.strip().upper()
    response.headers["Content-Disposition"] = f'attachment; filename="{stem}-mobilities.{fmt}"'
    response.headers["X-Docservice-Left-Out"] = str(len(outcome.left_out))
    response.headers["X-Docservice-Missing"] = str(len(outcome.missing))
    return response


@bp.get("/projects/<string:number>/beneficiary-module")
@bp.doc(summary="The project's mobilities as the Beneficiary Module's import file",
        responses=MODULE_FILE)  # fmt: skip
def beneficiary_module(number: str) -> Response:
    """`format=xlsx` (default) or `csv`: the Module's mobility import file with docservice's
    own columns (`docservice/projects/bm-columns.toml`). A mobility the Module's import rules
    would refuse (travel days past 2, or 6 with green travel; a staff mobility outside 2–60
    days; dates outside the project; the same organisation sending and receiving; an ID given
    twice) is left out: `…/beneficiary-module/check` says which and why."""
    require(*STAFF)
    return _module_file(number, None)


@bp.post("/projects/<string:number>/beneficiary-module")
@bp.doc(summary="Fill the Beneficiary Module's own template", responses=MODULE_FILE)
def fill_template(number: str) -> Response:
    """Multipart `template`: the import file as the Module exported it (XLSX or CSV); its known
    columns are filled, its rows of the same Mobility activity ID updated, the rest kept."""
    require(*STAFF)
    return _module_file(number, uploaded("template", "the Module's template"))


@bp.get("/projects/<string:number>/beneficiary-module/check")
@bp.output(ModuleCheckOut)
@bp.doc(summary="What the Module would refuse, before exporting", responses={404: "No project"})
def check_module(number: str) -> Response:
    require(*STAFF)
    _data, outcome = _projects().beneficiary_module(number, "csv")
    return jsonify(outcome.to_dict())


REPORT_FILE: Any = {
    200: {
        "description": "The report as XLSX: summary, by host country, by activity, each mobility",
        "content": {TABLE_TYPES["xlsx"]: {"schema": {"type": "string", "format": "binary"}}},
    },
    404: "No such project",
}


@bp.get("/projects/<string:number>/report")
@bp.doc(summary="The project's yearly report", responses=REPORT_FILE)
def yearly_report(number: str) -> Response:
    """`year=2025` for the mobilities starting that year (all of them without it); `lang=tr`
    for the headings in Turkish."""
    require(*STAFF)
    year = query_int("year", None, 2000, 2100)
    lang = lang_arg(request.args.get("lang")) or "en"
    data = _projects().report(number, year, lang)
    response = Response(data, mimetype=TABLE_TYPES["xlsx"])
    name = f"{number.strip().upper()}-{year or 'all'}.xlsx"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class FeedbackOut(BaseModel):
    lines: int
    mobilities: int = Field(description="dossiers the log speaks of")
    unknown: list[str] = Field(description="Mobility activity IDs no dossier of the project has")


@bp.post("/projects/<string:number>/beneficiary-module/feedback")
@bp.output(FeedbackOut)
@bp.doc(
    summary="Read the Module's import error log back onto the dossiers",
    responses={404: "No such project", 422: "Not an error log, or another project's"},
)
def module_feedback(number: str) -> Response:
    """Multipart `file`: the Module's import error log (XLSX or CSV) with a Mobility activity
    ID column and a message column; each line goes to its dossier (shown on its page), in
    place of the project's earlier log."""
    principal = require(*STAFF)
    data, filename = uploaded("file", "the log")
    result = _projects().import_feedback(
        number, data, filename, Actor(principal.label, request.remote_addr)
    )
    return jsonify(result)
