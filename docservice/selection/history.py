"""Who took part before: docservice's own dossiers (a mobility that was carried out) and the
participations an office imports for earlier years or a call records (a no-show). The ranking
reads "first time", "fewer before" and no-shows from here as well as from the sheet; where the
record knows more than the sheet said, it counts, and the entry says why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from checkers.text import fold
from docservice.dossier.records import SETTLED
from docservice.errors import InputError, Phrase, UnreadableInput, say
from docservice.selection.applications import Application, SheetProblems, problem, summary
from docservice.storage.models import MobilityRow, ParticipationRow
from docservice.tabular import MAX_ROWS, cell_value, sheet_rows

FAMILY = {"KA131": "KA131", "KA103": "KA131", "KA171": "KA171", "KA107": "KA171"}
OUTCOMES = ("took_part", "no_show")
HISTORY_COLUMNS = ("given_names", "surname", "call_year", "action", "outcome", "host_country")


def person_key(given_names: str, surname: str) -> str:
    return fold(f"{given_names} {surname}")


@dataclass(frozen=True)
class Past:
    call_year: int
    action: str
    outcome: str
    host_country: str | None
    source: str


def _from_dossier(record: dict[str, Any], state: str, today: dt.date) -> Past | None:
    """A dossier counts as a mobility carried out once its return is settled, or once its
    prefinancing is paid and its end date has passed."""
    end = record.get("end_date")
    ended = isinstance(end, str) and end < today.isoformat()
    if state not in SETTLED and not (state == "prefinancing_paid" and ended):
        return None
    return Past(
        int(record.get("call_year") or str(record.get("start_date", "0000"))[:4]),
        str(record.get("action", "")),
        "took_part",
        (record.get("receiving") or {}).get("country"),
        "dossier",
    )


def history_of(
    sessions: sessionmaker[Session],
    applications: Iterable[Application],
    today: dt.date,
    exclude_mobilities: set[str],
) -> dict[str, list[Past]]:
    """Each applicant's earlier mobilities and no-shows, by person key."""
    wanted = {person_key(a.given_names, a.surname) for a in applications}
    found: dict[str, list[Past]] = {}
    with sessions() as session:
        for row in session.scalars(select(MobilityRow)):
            if row.id in exclude_mobilities:
                continue
            person = row.record.get("participant") or {}
            key = person_key(str(person.get("given_names", "")), str(person.get("surname", "")))
            if key in wanted:
                past = _from_dossier(row.record, row.state, today)
                if past is not None:
                    found.setdefault(key, []).append(past)
        for p in session.scalars(
            select(ParticipationRow).where(ParticipationRow.person_key.in_(sorted(wanted)))
        ):
            found.setdefault(p.person_key, []).append(
                Past(p.call_year, p.action, p.outcome, p.host_country, p.source)
            )
    return found


def with_history(
    app: Application, pasts: list[Past], action: str, same_action: bool
) -> Application:
    """The application with what the record knows: more earlier mobilities than the sheet
    says, and a no-show it did not claim."""
    family = FAMILY.get(action, action)
    counted = [p for p in pasts if not same_action or FAMILY.get(p.action, p.action) == family]
    took_part = [p for p in counted if p.outcome == "took_part"]
    notes = list(app.history)
    previous, claims = app.previous_mobilities, set(app.claims)
    if len(took_part) > previous:
        listing = ", ".join(
            f"{p.call_year} {p.action}" + (f" {p.host_country}" if p.host_country else "")
            for p in sorted(took_part, key=lambda p: p.call_year)
        )
        notes.append(
            say(
                "docservice's record holds %(count)d earlier mobilities (%(listing)s); the "
                "sheet said %(said)d",
                count=len(took_part),
                listing=listing,
                said=previous,
            )
        )
        previous = len(took_part)
    no_shows = [p for p in counted if p.outcome == "no_show"]
    if no_shows and "no_show" not in claims:
        claims.add("no_show")
        notes.append(
            say(
                "a no-show without force majeure is on record (%(year)d call)",
                year=no_shows[0].call_year,
            )
        )
    return app.changed(previous_mobilities=previous, claims=frozenset(claims), history=tuple(notes))


def read_history(data: bytes, filename: str) -> list[ParticipationRow]:
    """Earlier years' participations from a sheet (given_names, surname, call_year, action,
    outcome, host_country), every wrong cell named; nothing is kept from a sheet with one."""
    raw = sheet_rows(data, filename, "earlier participations")
    try:
        header = [str(h or "").strip().lstrip("\ufeff").lower() for h in next(raw)]
    except StopIteration:
        raise UnreadableInput(f"{filename} is empty.") from None
    missing = [
        problem(None, c, say("column is missing")) for c in HISTORY_COLUMNS[:4] if c not in header
    ]
    if missing:
        raise SheetProblems(
            summary(missing),
            details=missing,
            hint=f"The first row names the columns: {', '.join(HISTORY_COLUMNS)}.",
        )
    rows: list[ParticipationRow] = []
    problems: list[dict[str, Any]] = []
    for number, values in enumerate(raw, start=2):
        cells = {k: cell_value(k, v) for k, v in zip(header, values, strict=False) if k}
        text = {k: str(v).strip() if v is not None else "" for k, v in cells.items()}
        if not any(text.values()):
            continue
        if len(rows) >= MAX_ROWS:
            raise InputError(f"{filename} has more than {MAX_ROWS} rows; split it.")
        wrong = _wrong_cells(text)
        if wrong:
            problems.extend(problem(number, column, message) for column, message in wrong)
            continue
        country = text.get("host_country", "").upper() or None
        rows.append(
            ParticipationRow(
                person_key=person_key(text["given_names"], text["surname"]),
                given_names=text["given_names"],
                surname=text["surname"],
                call_year=int(text["call_year"].removesuffix(".0")),
                action=text["action"].upper(),
                outcome=text.get("outcome") or "took_part",
                host_country=country,
                source=f"sheet {filename}"[:120],
            )
        )
    if problems:
        raise SheetProblems(summary(problems), details=problems)
    return rows


def _wrong_cells(text: dict[str, str]) -> list[tuple[str, Phrase]]:
    wrong = [(c, say("is required")) for c in ("given_names", "surname") if not text.get(c)]
    year = text.get("call_year", "").removesuffix(".0")
    if not year.isdigit() or not 2000 <= int(year) <= 2100:
        wrong.append(("call_year", say("must be a year such as 2023")))
    if text.get("action", "").upper() not in FAMILY:
        wrong.append(("action", say("must be KA131, KA171, KA103 or KA107")))
    if text.get("outcome") and text["outcome"] not in OUTCOMES:
        wrong.append(("outcome", say("must be took_part or no_show")))
    country = text.get("host_country", "")
    if country and len(country) != 2:
        wrong.append(("host_country", say("must be an ISO 3166-1 alpha-2 code such as DE")))
    return wrong
