"""``/api/v1/projects`` (interface §7): the office's grant agreements with the National Agency,
each with its ledger, and its mobilities as the Beneficiary Module's import file."""

from __future__ import annotations

from typing import Any

from apiflask import APIBlueprint
from flask import Response, jsonify, request
from pydantic import BaseModel, Field

from docservice.access.auth import INTEGRATION, OFFICE, require
from docservice.api import services
from docservice.dossier.store import Actor
from docservice.projects.model import ProjectIn
from docservice.projects.service import Projects, project_json

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
