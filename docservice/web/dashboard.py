"""The office dashboard's rows: every dossier with its checklist at a glance, filtered and
searched, and the counts of what is waiting.

An office handles hundreds of mobilities a year, so the dossiers are filtered in memory after two
queries (the rows, then the uploads and decisions of the page's dossiers); no filter needs the
database to understand the record's JSON.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from checkers.text import fold
from docservice.dossier import checklist, view
from docservice.dossier.store import DossierStore
from docservice.errors import InvalidRecord
from docservice.mobility import parse_mobility

FILTERS = ("call_year", "action", "activity", "country", "state")
PAGE = 50
# Statuses that wait for an officer; a failed document waits for the participant first.
NEEDS_OFFICER = (checklist.REVIEW,)


@dataclass
class Row:
    id: str
    reference: str
    participant: str
    activity: str
    action: str
    call_year: str
    country: str
    host: str
    start_date: str
    end_date: str
    state: str
    items: list[tuple[checklist.Item, str]]  # each checklist item and its status

    @property
    def needs_officer(self) -> list[checklist.Item]:
        return [item for item, status in self.items if status in NEEDS_OFFICER]

    @property
    def failed(self) -> list[checklist.Item]:
        return [item for item, status in self.items if status == checklist.FAILED]


@dataclass
class Dashboard:
    rows: list[Row]
    total: int
    page: int
    pages: int
    options: dict[str, list[str]]
    counts: dict[str, int] = field(default_factory=dict)


def _text(record: dict[str, Any], *path: str) -> str:
    value: Any = record
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return "" if value is None else str(value)


def build(store: DossierStore, filters: dict[str, str], query: str, page: int) -> Dashboard:
    everything, _total = store.listing(limit=None)
    options: dict[str, set[str]] = {key: set() for key in FILTERS}
    chosen = []
    wanted = fold(query) if query else ""
    for row in everything:
        record = row.record
        values = {
            "call_year": _text(record, "call_year"),
            "action": _text(record, "action"),
            "activity": _text(record, "activity"),
            "country": _text(record, "receiving", "country"),
            "state": row.state,
        }
        for key, value in values.items():
            if value:
                options[key].add(value)
        if any(filters.get(key) and values[key] != filters[key] for key in FILTERS):
            continue
        if wanted:
            name = " ".join(_text(record, "participant", key) for key in ("given_names", "surname"))
            if wanted not in fold(f"{row.reference} {name}"):
                continue
        chosen.append(row)
    pages = max(1, -(-len(chosen) // PAGE))
    page = min(max(page, 1), pages)
    shown = chosen[(page - 1) * PAGE : page * PAGE]
    every_row = {row.id: row for row in rows_of(store, everything)}
    rows = [every_row[row.id] for row in shown]
    waiting = Counter(
        status
        for row in every_row.values()
        for _item, status in row.items
        if status in (checklist.REVIEW, checklist.FAILED)
    )
    counts = Counter(row.state for row in everything)
    return Dashboard(
        rows=rows,
        total=len(chosen),
        page=page,
        pages=pages,
        options={key: sorted(values) for key, values in options.items()},
        counts={"all": len(everything), **counts, **waiting},
    )


def rows_of(store: DossierStore, shown: list[Any]) -> list[Row]:
    """Each dossier of ``shown`` (rows of the store) with its checklist's statuses."""
    uploads, decisions = store.current_many([row.id for row in shown])
    rows = []
    for row in shown:
        try:
            items = checklist.items_for(parse_mobility(row.record))
        except InvalidRecord:
            items = []
        current = uploads[row.id]
        statuses = [
            (
                item,
                view.item_status(
                    current.get(item.kind),
                    decisions.get(current[item.kind].id) if item.kind in current else None,
                ),
            )
            for item in items
        ]
        record = row.record
        rows.append(
            Row(
                id=row.id,
                reference=row.reference,
                participant=" ".join(
                    _text(record, "participant", key) for key in ("given_names", "surname")
                ).strip(),
                activity=_text(record, "activity"),
                action=_text(record, "action"),
                call_year=_text(record, "call_year"),
                country=_text(record, "receiving", "country"),
                host=_text(record, "receiving", "institution"),
                start_date=_text(record, "start_date"),
                end_date=_text(record, "end_date"),
                state=row.state,
                items=statuses,
            )
        )
    return rows
