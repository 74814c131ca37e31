"""The office dashboard's rows: every dossier with its checklist at a glance, filtered and
searched, and the counts of what is waiting.

An office handles hundreds of mobilities a year, so the dossiers are filtered and sorted in
memory after two queries (the rows, then the uploads and decisions); no filter needs the
database to understand the record's JSON. Each row carries its planned grant (the rate tables
are cached: a thousand grants take a few milliseconds).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from checkers.text import fold
from docservice.dossier import checklist, view
from docservice.dossier.store import DossierStore
from docservice.errors import DocserviceError, InvalidRecord
from docservice.grants.engine import GrantEngine
from docservice.mobility import parse_mobility

FILTERS = ("call_year", "action", "activity", "country", "state")
PAGE = 50
# The columns a list may be sorted by; newest first when none is chosen.
SORTS = ("participant", "host", "start", "state", "grant")
STATE_ORDER = view.STATES  # a dossier's states in the order it goes through them
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
    grant: Decimal | None = None  # the planned grant, when it can be computed

    def progress(self, phase: str) -> tuple[int, int]:
        """How many of the phase's required documents are complete, of how many."""
        return checklist.progress(
            [item for item, _s in self.items], {i.kind: s for i, s in self.items}, phase
        )

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


def _sort_key(sort: str) -> Any:
    if sort == "participant":
        return lambda row: fold(row.participant)
    if sort == "host":
        return lambda row: (fold(row.host), row.start_date)
    if sort == "start":
        return lambda row: (row.start_date, fold(row.participant))
    if sort == "state":
        return lambda row: (
            STATE_ORDER.index(row.state) if row.state in STATE_ORDER else len(STATE_ORDER)
        )
    return lambda row: (row.grant is None, row.grant or Decimal(0))


def build(
    store: DossierStore,
    filters: dict[str, str],
    query: str,
    page: int,
    *,
    grants: GrantEngine | None = None,
    sort: str = "",
    descending: bool = False,
    everything_chosen: bool = False,
) -> Dashboard:
    """The page ``page`` of the dossiers the filters and the query choose, sorted by ``sort``;
    ``everything_chosen``: every chosen row on one page (an export)."""
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
    every_row = {row.id: row for row in rows_of(store, everything, grants)}
    ordered = [every_row[row.id] for row in chosen]
    if sort in SORTS:
        ordered.sort(key=_sort_key(sort), reverse=descending)
    size = max(len(ordered), 1) if everything_chosen else PAGE
    pages = max(1, -(-len(ordered) // size))
    page = min(max(page, 1), pages)
    rows = ordered[(page - 1) * size : page * size]
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


def rows_of(store: DossierStore, shown: list[Any], grants: GrantEngine | None = None) -> list[Row]:
    """Each dossier of ``shown`` (rows of the store) with its checklist's statuses."""
    uploads, decisions = store.current_many([row.id for row in shown])
    rows = []
    for row in shown:
        try:
            mobility = parse_mobility(row.record)
        except InvalidRecord:
            mobility = None
        items = checklist.items_for(mobility) if mobility is not None else []
        grant = None
        if grants is not None and mobility is not None:
            try:
                grant = grants.calculate(mobility).total
            except DocserviceError:  # a city or a table the grant cannot be computed without
                grant = None
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
                grant=grant,
            )
        )
    return rows
