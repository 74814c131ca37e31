"""The selection workflow the API, the pages and the command line share: a call is created
with its rule set, its applications imported (whole or not at all) with the partner list and
letters given at application, then ranked; the acceptance-letter deadline and withdrawals are
recorded steps, each keeping the lists as they stood; the main list becomes dossiers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import replace
from typing import Any

from docservice.dossier.records import Actor
from docservice.dossier.store import DossierStore
from docservice.errors import Conflict, InputError, MalformedRequest, Phrase, from_data, say
from docservice.generation.institution import InstitutionProfile
from docservice.grants.engine import GrantEngine
from docservice.selection import history, planning
from docservice.selection.applications import (
    PLANNING,
    Application,
    collect,
    parse_application,
    read_applications,
)
from docservice.selection.call_input import CallIn, call_values
from docservice.selection.calls import CallStore, application_of
from docservice.selection.partners import Partners, code_key, name_key, read_partners
from docservice.selection.ranking import Entry, rank
from docservice.selection.rules import SHIPPED_DIR, RuleSet, load_rules, parse_rules
from docservice.selection.steps import StepResult, letter_step, withdraw
from docservice.storage.models import CallRow, ParticipationRow, SelectionStepRow


class Selection:
    def __init__(
        self,
        store: CallStore,
        dossiers: DossierStore,
        grants: GrantEngine,
        profile: InstitutionProfile,
        region_of: Callable[[], dict[str, str]],
        today: Callable[[], dt.date],
    ) -> None:
        self.store = store
        self.dossiers = dossiers
        self.grants = grants
        self.profile = profile
        self.region_of = region_of
        self.today = today

    # -- calls -------------------------------------------------------------------------------
    def create(self, call: CallIn, actor: Actor, rules_text: str | None = None) -> CallRow:
        """A new call; its rule set is a shipped one by name, or the office's own file."""
        if rules_text is None:
            rules = load_rules(call.rules)
            path = SHIPPED_DIR / f"{rules.name}.toml"
            rules_text = path.read_text(encoding="utf-8") if path.is_file() else ""
        else:
            rules = parse_rules(rules_text, "(uploaded)", InputError)
            call = call.model_copy(update={"rules": rules.name})
        return self.store.create(call_values(call, rules_text), actor)

    def rules(self, call: CallRow) -> RuleSet:
        rules = parse_rules(call.rules_text, call.rules_name).with_quota(call.quota)
        own = call.places or {}
        if own.get("country") or own.get("region"):
            places = rules.places.model_copy(
                update={k: v for k, v in own.items() if k in ("country", "region") and v}
            )
            rules = rules.model_copy(update={"places": places})
        return rules

    def partners(self, call: CallRow) -> Partners | None:
        if not call.partners:
            return None
        codes = frozenset(p[5:] for p in call.partners if p.startswith("code:"))
        names = frozenset(p[5:] for p in call.partners if p.startswith("name:"))
        return Partners(codes, names)

    def set_partners(self, call_id: str, data: bytes, filename: str, actor: Actor) -> int:
        found = read_partners(data, filename)
        stored = [f"code:{code_key(c)}" for c in sorted(found.codes)] + [
            f"name:{name_key(n)}" for n in sorted(found.names)
        ]
        self.store.update(call_id, {"partners": stored}, actor)
        return len(stored)

    # -- applications ------------------------------------------------------------------------
    def ranked(self, call_id: str) -> bool:
        return self.store.latest(call_id) is not None

    def _still_open(self, call_id: str) -> None:
        """Applications may change only until the call is ranked."""
        if self.ranked(call_id):
            raise Conflict(
                say(
                    "This call is ranked already; its applications can no longer change. "
                    "Record a withdrawal, or make a new call."
                )
            )

    def import_applications(
        self, call_id: str, data: bytes, filename: str, actor: Actor, *, dry_run: bool = False
    ) -> dict[str, Any]:
        """Every application of the sheet, or none (each wrong cell named by row and column);
        a sheet may add to the applications and correct them until the call is ranked."""
        self.store.get(call_id)
        return self._import(call_id, read_applications(data, filename), filename, actor, dry_run)

    def import_records(
        self, call_id: str, records: list[dict[str, Any]], actor: Actor, *, dry_run: bool = False
    ) -> dict[str, Any]:
        """Applications sent as JSON objects with the sheet's columns as keys; "row" in a
        problem is the object's place in the list, from 1."""
        self.store.get(call_id)
        apps = collect(enumerate(records, start=1), "The list")
        if not apps:
            raise InputError(say("The list of applications is empty."))
        return self._import(call_id, apps, "api", actor, dry_run)

    def _import(
        self,
        call_id: str,
        applications: list[Application],
        source: str,
        actor: Actor,
        dry_run: bool,
    ) -> dict[str, Any]:
        self._still_open(call_id)
        known = {row.application_id: row.data for row in self.store.applications(call_id)}
        plan: dict[str, Any] = {
            "new": [a.application_id for a in applications if a.application_id not in known],
            "updated": [
                a.application_id
                for a in applications
                if a.application_id in known and known[a.application_id] != a.to_dict()
            ],
            "total": len(applications),
        }
        if not dry_run:
            counts = self.store.store_applications(call_id, applications, actor, source)
            plan["unchanged"] = counts["unchanged"]
        else:
            plan["unchanged"] = len(applications) - len(plan["new"]) - len(plan["updated"])
        return {"dry_run": dry_run, **plan}

    def add_application(self, call_id: str, cells: dict[str, Any], actor: Actor) -> Application:
        """One application entered in the page (or sent as JSON): every wrong field named;
        an id the call holds already is refused rather than overwritten."""
        self.store.get(call_id)
        self._still_open(call_id)
        app = parse_application(cells)
        known = {row.application_id for row in self.store.applications(call_id)}
        if app.application_id in known:
            raise Conflict(
                say(
                    "The call has an application %(id)s already; give another number, or "
                    "correct that one.",
                    id=app.application_id,
                )
            )
        self.store.store_applications(call_id, [app], actor, "form")
        return app

    def update_application(
        self, call_id: str, application_id: str, changes: dict[str, Any], actor: Actor
    ) -> Application:
        """Change what a selected candidate's mobility needs (host, city, dates, e-mail); what
        the ranking read may change only before the call is ranked."""
        row = self.store.application(call_id, application_id)
        if self.ranked(call_id) and set(changes) - set(PLANNING):
            raise Conflict(
                say(
                    "This call is ranked already: only the host, its city, the dates and the "
                    "e-mail address of an application can change."
                )
            )
        cells = {**row.data, **changes, "application_id": application_id}
        app = parse_application(cells)
        self.store.store_applications(call_id, [app], actor, "page")
        return app

    def check_letter(
        self,
        call_id: str,
        application_id: str,
        check: Callable[[dict[str, Any]], dict[str, Any]],
        actor: Actor,
    ) -> dict[str, Any]:
        """Check an acceptance letter given at application (``check`` runs the
        ``acceptance_letter`` checker against the application's planned mobility); its
        digital-skills and AI findings decide those points."""
        call = self.store.get(call_id)
        if self.ranked(call_id):
            raise Conflict(
                say("This call is ranked already; a letter at application came too late.")
            )
        app = application_of(self.store.application(call_id, application_id))
        record = planning.record_for(call, app, self.profile, reference=app.application_id)
        record["receiving"].setdefault("city", planning.capital(app.host_country) or "?")
        record["receiving"].setdefault("institution", record["receiving"]["city"])
        report = check(record)
        statuses = {c["id"]: c["status"] for c in report.get("checks", [])}
        fields = dict(report.get("fields") or {})
        letter = {
            "verdict": report.get("verdict"),
            "checks": statuses,
            "fields": {
                "digital_skills": fields.get("digital_skills"),
                "artificial_intelligence": fields.get("artificial_intelligence"),
                "for_applicant": statuses.get("participant_name") != "fail",
                "host_institution": fields.get("host_institution"),
            },
        }
        self.store.set_letter(call_id, application_id, letter, actor)
        return letter

    # -- ranking and its steps ---------------------------------------------------------------
    def applications(self, call: CallRow) -> list[Application]:
        """The call's applications as the ranking reads them: with the partner list, the
        letter given at application and what the participation history knows."""
        rows = self.store.applications(call.id)
        apps = [application_of(row) for row in rows]
        partners = self.partners(call)
        if partners is not None:
            apps = [replace(a, partner=partners.knows(a)) for a in apps]
        own = {row.mobility_id for row in rows if row.mobility_id}
        pasts = history.history_of(self.store.sessions, apps, self.today(), own)
        same = self.rules(call).history.same_action
        return [
            history.with_history(
                a, pasts.get(history.person_key(a.given_names, a.surname), []), call.action, same
            )
            for a in apps
        ]

    def ranking(self, call_id: str) -> list[Entry] | None:
        """The lists as the latest step left them; None before the call is ranked."""
        step = self.store.latest(call_id)
        if step is None:
            return None
        apps = {a.application_id: a for a in self.applications(self.store.get(call_id))}
        return [
            Entry.from_data(data, apps[data["application_id"]])
            for data in step.entries
            if data["application_id"] in apps
        ]

    def rank(self, call_id: str, actor: Actor) -> SelectionStepRow:
        call = self.store.get(call_id)
        steps = self.store.steps(call_id)
        if any(s.kind != "ranked" for s in steps):
            raise Conflict(
                say(
                    "This call's lists have moved on since the ranking (the letter deadline, a "
                    "withdrawal or dossiers); it cannot be ranked again."
                )
            )
        apps = self.applications(call)
        if not apps:
            raise InputError(say("This call has no applications yet; import the sheet first."))
        rules = self.rules(call)
        entries = rank(apps, rules, region_of=self.region_of())
        counts = {
            name: sum(1 for e in entries if e.standing == name)
            for name in ("main", "reserve", "ineligible")
        }
        summary = say(
            "ranked %(total)d applications: %(main)d main, %(reserve)d reserve, %(ineligible)d "
            "not eligible",
            total=len(entries),
            **counts,
        )
        return self.store.record_step(call_id, "ranked", summary, entries, actor, **counts)

    def _current(self, call_id: str) -> tuple[CallRow, list[Entry]]:
        call = self.store.get(call_id)
        entries = self.ranking(call_id)
        if entries is None:
            raise Conflict(say("This call is not ranked yet; rank it first."))
        return call, entries

    def _record(
        self, call_id: str, kind: str, result: StepResult, actor: Actor, **detail: Any
    ) -> SelectionStepRow:
        summary = result.summary or say("done")
        return self.store.record_step(
            call_id,
            kind,
            summary,
            result.entries,
            actor,
            rule=result.rule,
            moved_up=result.moved_up,
            dropped=result.dropped,
            **detail,
        )

    def letters(self, call_id: str, delivered: Collection[str], actor: Actor) -> SelectionStepRow:
        """Record the acceptance-letter deadline: ``delivered`` names who sent one in time."""
        call, entries = self._current(call_id)
        result = letter_step(entries, set(delivered), self.rules(call), region_of=self.region_of())
        return self._record(call_id, "letters", result, actor, delivered=sorted(delivered))

    def withdraw(
        self, call_id: str, application_id: str, no_show: bool, note: str, actor: Actor
    ) -> SelectionStepRow:
        """A candidate withdraws (``no_show``: without force majeure, after being selected,
        which later calls count as a no-show)."""
        if len(note) > 2000:
            raise MalformedRequest(say("The note is longer than 2000 characters."))
        call, entries = self._current(call_id)
        result = withdraw(entries, application_id, self.rules(call), region_of=self.region_of())
        if no_show:
            app = next(e.application for e in entries if e.id == application_id)
            self.store.add_participations(
                [
                    ParticipationRow(
                        person_key=history.person_key(app.given_names, app.surname),
                        given_names=app.given_names,
                        surname=app.surname,
                        call_year=call.call_year,
                        action=call.action,
                        outcome="no_show",
                        host_country=app.host_country,
                        source=f"call {call.id}",
                    )
                ],
                actor,
                f"call {call.id}",
            )
        return self._record(
            call_id, "withdrawal", result, actor, application=application_id, no_show=no_show,
            note=note,
        )  # fmt: skip

    # -- outputs -----------------------------------------------------------------------------
    def budget(self, call_id: str) -> dict[str, Any]:
        call, entries = self._current(call_id)
        return planning.budget_fit(call, entries, self.profile, self.grants)

    def make_dossiers(self, call_id: str, actor: Actor) -> dict[str, Any]:
        """A dossier for every main candidate who has none yet; a candidate whose application
        misses the host, its city or the dates is named with what is missing."""
        call, entries = self._current(call_id)
        rows = {row.application_id: row for row in self.store.applications(call_id)}
        made: list[dict[str, str]] = []
        waiting: list[dict[str, Any]] = []
        for entry in entries:
            row = rows.get(entry.id)
            if entry.standing != "main" or row is None or row.mobility_id:
                continue
            missing = planning.missing_for_dossier(entry.application)
            if missing:
                waiting.append({"application_id": entry.id, "missing": missing})
                continue
            mobility = planning.dossier_mobility(call, entry.application, self.profile)
            try:
                dossier = self.dossiers.create(mobility, actor)
            except Conflict as exc:  # a dossier with this reference exists already
                waiting.append({"application_id": entry.id, "missing": [], "error": exc.message})
                continue
            self.store.link_dossier(call_id, entry.id, dossier.id)
            made.append({"application_id": entry.id, "mobility_id": dossier.id})
        if made:
            self.store.record_step(
                call_id,
                "dossiers",
                say("%(count)d dossiers made from the main list", count=len(made)),
                entries,
                actor,
                made=[m["application_id"] for m in made],
            )
        return {"made": made, "waiting": waiting}


def step_summary(step: SelectionStepRow) -> Phrase:
    summary = from_data(step.summary)
    return summary if isinstance(summary, Phrase) else say(str(summary))
