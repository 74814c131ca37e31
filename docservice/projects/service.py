"""The projects' workflow the API and the pages share: a project made, its mobilities found
(those whose record names it), its ledger worked out from their dossiers as they stand."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from docservice import formatting
from docservice.catalogue import localized
from docservice.dossier.records import Actor
from docservice.dossier.service import Dossiers
from docservice.dossier.view import Dossier
from docservice.errors import DocserviceError, say
from docservice.generation.institution import InstitutionProfile
from docservice.mobility import Mobility
from docservice.projects import bm, feedback, report
from docservice.projects.ledger import Ledger, entry_of, ledger
from docservice.projects.model import ProjectIn
from docservice.projects.store import ProjectStore
from docservice.storage.models import MobilityRow, ProjectRow


class Projects:
    def __init__(
        self,
        store: ProjectStore,
        dossiers: Dossiers,
        region_of: Callable[[], dict[str, str]],
        profile: InstitutionProfile,
    ) -> None:
        self.store = store
        self.dossiers = dossiers
        self.region_of = region_of
        self.profile = profile

    def create(self, project: ProjectIn, actor: Actor) -> ProjectRow:
        return self.store.create(project, actor)

    def mobilities(self, number: str) -> list[MobilityRow]:
        """The dossiers whose record names the project, oldest start first."""
        rows, _total = self.dossiers.store.listing(limit=None)
        mine = [r for r in rows if str(r.record.get("project") or "").upper() == number]
        return sorted(mine, key=lambda r: (str(r.record.get("start_date")), r.reference))

    def assembled(self, number: str) -> tuple[ProjectRow, list[Dossier]]:
        """The project and its mobilities' dossiers as they stand."""
        project = self.store.get(number)
        return project, [self.dossiers.assemble(r.id) for r in self.mobilities(project.number)]

    def ledger(self, number: str) -> tuple[ProjectRow, Ledger]:
        project, dossiers = self.assembled(number)
        regions = self.region_of()
        entries = [
            entry_of(d, project, regions.get(d.mobility.receiving.country)) for d in dossiers
        ]
        return project, ledger(project, entries)

    def report(self, number: str, year: int | None, lang: str) -> bytes:
        """The project's yearly report (``year`` None: all of it) as XLSX, in ``lang``."""
        project, book = self.ledger(number)
        code = formatting.as_lang(lang) or "en"
        activities = {
            "teaching": say("teaching"),
            "training": say("training"),
            "studies": say("studies"),
            "traineeship": say("traineeship"),
        }
        return report.yearly(
            project,
            book,
            year,
            report.headings(code),
            lambda c: formatting.country(c, code) if c else "",
            lambda a: str(localized(activities.get(a, a), code)),
        )

    def import_feedback(
        self, number: str, data: bytes, filename: str, actor: Actor
    ) -> dict[str, Any]:
        """The Module's error log read onto the project's dossiers (by Mobility activity ID)."""
        project = self.store.get(number)
        lines = feedback.read_log(data, filename, project.number)
        by_reference = {r.reference.casefold(): r.id for r in self.mobilities(project.number)}
        unknown = []
        for line in lines:
            line["mobility_id"] = by_reference.get(line["activity_id"].casefold())
            if line["mobility_id"] is None:
                unknown.append(line["activity_id"])
        self.store.replace_feedback(project.number, lines, actor)
        return {
            "lines": len(lines),
            "mobilities": len({x["mobility_id"] for x in lines if x["mobility_id"]}),
            "unknown": sorted(set(unknown)),
        }

    def over_budget(self, number: object) -> dict[str, Any] | None:
        """The figures of a project its mobilities take past its budget; None when within it
        (or for no project)."""
        if not isinstance(number, str) or self.store.find(number) is None:
            return None
        project, book = self.ledger(number.strip().upper())
        remaining = book.total.remaining
        if remaining is None or remaining >= 0:
            return None
        return {
            "number": project.number,
            "budget": book.total.budget,
            "committed": book.total.committed,
            "over": -remaining,
        }

    def budget_effect(self, mobilities: list[Mobility]) -> list[dict[str, Any]]:
        """The projects that new ``mobilities`` (with their planned grants) would take past
        their budgets: number, remaining now, adding, and remaining after."""
        adding: dict[str, Decimal] = {}
        for mobility in mobilities:
            number = (mobility.model_extra or {}).get("project")
            if not isinstance(number, str) or self.store.find(number) is None:
                continue
            try:
                total = self.dossiers.grants.calculate(mobility).total
            except DocserviceError:
                continue
            key = number.strip().upper()
            adding[key] = adding.get(key, Decimal(0)) + total
        out = []
        for number, extra in sorted(adding.items()):
            _project, book = self.ledger(number)
            left = book.total.remaining or Decimal(0)
            if extra > left:
                out.append({"number": number, "left": left, "adding": extra, "after": left - extra})
        return out

    def beneficiary_module(
        self, number: str, fmt: str, template: tuple[bytes, str] | None = None
    ) -> tuple[bytes, bm.Outcome]:
        """The project's mobilities as the Module's import file, and what was left out."""
        project, dossiers = self.assembled(number)
        return bm.export(dossiers, project, self.profile, fmt, template)

    def to_json(self, number: str) -> dict[str, Any]:
        project, book = self.ledger(number)
        return {**project_json(project), "ledger": book.to_dict()}


def project_json(project: ProjectRow) -> dict[str, Any]:
    return {
        "number": project.number,
        "action": project.action,
        "call_year": project.call_year,
        "start_date": project.start_date.isoformat(),
        "end_date": project.end_date.isoformat(),
        "budget": float(project.budget),
        "lines": dict(project.lines),
        "policy": dict(project.policy),
    }
