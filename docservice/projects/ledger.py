"""A project's ledger (interface §7): its budget; what its mobilities commit (each one's
planned grant, or its final grant once the return documents settle it); what was paid to the
participants (less what came back); what is still to recover; and what remains, in total and
per budget line. Worked from the dossiers as they stand, never stored."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from docservice.dossier.view import Dossier
from docservice.projects.model import line_of
from docservice.storage.models import ProjectRow

ZERO = Decimal(0)
CENT = Decimal("0.01")


@dataclass
class Figures:
    budget: Decimal | None = None
    committed: Decimal = ZERO
    paid: Decimal = ZERO
    to_recover: Decimal = ZERO
    mobilities: int = 0

    @property
    def remaining(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.committed

    def add(self, committed: Decimal, paid: Decimal, to_recover: Decimal) -> None:
        self.committed += committed
        self.paid += paid
        self.to_recover += to_recover
        self.mobilities += 1

    def to_dict(self) -> dict[str, Any]:
        def money(value: Decimal | None) -> float | None:
            return None if value is None else float(value.quantize(CENT))

        return {
            "budget": money(self.budget),
            "committed": money(self.committed),
            "paid": money(self.paid),
            "to_recover": money(self.to_recover),
            "remaining": money(self.remaining),
            "mobilities": self.mobilities,
        }


@dataclass(frozen=True)
class Entry:
    """One mobility's part of the ledger."""

    mobility_id: str
    reference: str
    participant: str
    country: str
    activity: str
    start_date: str
    days: int  # funded days (staff: activity and travel), or the stay's days (students)
    committed: Decimal
    final: bool  # the committed amount is the final grant
    paid: Decimal
    to_recover: Decimal
    lines: tuple[str, ...]


def entry_of(d: Dossier, project: ProjectRow, region: str | None) -> Entry:
    record = d.row.record
    final = d.final is not None
    committed = (
        Decimal(str(d.final["total"]))
        if d.final is not None
        else (d.planned.total if d.planned is not None else ZERO)
    )
    to_recover = Decimal(str(d.final.get("to_recover") or 0)) if d.final is not None else ZERO
    participant = record.get("participant") or {}
    return Entry(
        mobility_id=d.row.id,
        reference=d.row.reference,
        participant=" ".join(
            str(participant.get(key, "")) for key in ("given_names", "surname")
        ).strip(),
        country=str((record.get("receiving") or {}).get("country") or ""),
        activity=str(record.get("activity") or ""),
        start_date=str(record.get("start_date") or ""),
        days=(
            d.planned.staff.funded_days
            if d.planned is not None and d.planned.staff is not None
            else d.mobility.calendar_days + d.mobility.travel_days
        ),
        committed=committed,
        final=final,
        paid=d.paid.net,
        to_recover=max(to_recover, ZERO),
        lines=tuple(key for key in project.lines if line_of(key, record, region)),
    )


@dataclass
class Ledger:
    total: Figures
    lines: dict[str, Figures] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.total.to_dict(),
            "lines": {key: figures.to_dict() for key, figures in self.lines.items()},
        }

    def by(self, attribute: str) -> dict[str, Decimal]:
        """Committed amounts grouped by an entry's attribute (country, activity)."""
        sums: dict[str, Decimal] = defaultdict(Decimal)
        for entry in self.entries:
            sums[getattr(entry, attribute)] += entry.committed
        return dict(sorted(sums.items(), key=lambda pair: -pair[1]))

    def over_time(self) -> list[tuple[str, Decimal]]:
        """Committed amounts added up month by month of the mobilities' starts."""
        months: dict[str, Decimal] = defaultdict(Decimal)
        for entry in self.entries:
            months[entry.start_date[:7]] += entry.committed
        running, out = ZERO, []
        for month in sorted(months):
            running += months[month]
            out.append((month, running))
        return out


def ledger(project: ProjectRow, entries: Iterable[Entry]) -> Ledger:
    book = Ledger(
        Figures(budget=Decimal(project.budget)),
        {key: Figures(budget=Decimal(str(amount))) for key, amount in project.lines.items()},
    )
    for entry in entries:
        book.entries.append(entry)
        book.total.add(entry.committed, entry.paid, entry.to_recover)
        for key in entry.lines:
            book.lines[key].add(entry.committed, entry.paid, entry.to_recover)
    return book
