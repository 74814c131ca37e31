"""A project's yearly report, as a workbook for the office and the National Agency: the
figures of the year (mobilities starting in it), then by host country, by activity, and each
mobility, in the reader's language."""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from docservice.errors import say
from docservice.projects.ledger import Entry, Ledger
from docservice.storage.models import ProjectRow

Words = Callable[[str], str]  # a heading's key → the reader's words


def headings(lang: str) -> Words:
    """The report's headings in ``lang`` (through the translators' catalogue)."""
    from docservice.catalogue import localized

    said = {
        "summary": say("Summary"),
        "project": say("Project"),
        "action": say("Action"),
        "year": say("Year"),
        "all_years": say("all years"),
        "budget": say("Budget"),
        "mobilities": say("Mobilities"),
        "days": say("Days"),
        "committed": say("Committed"),
        "paid": say("Paid"),
        "remaining": say("Remaining"),
        "by_country": say("By host country"),
        "by_activity": say("By activity"),
        "country": say("Host country"),
        "activity": say("Activity"),
        "mobility_list": say("Mobilities, one by one"),
        "reference": say("Mobility reference"),
        "participant": say("Participant"),
        "start": say("First day"),
    }
    return lambda key: str(localized(said[key], lang))


def _grouped(entries: list[Entry], attribute: str) -> list[list[Any]]:
    groups: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        groups[getattr(entry, attribute)].append(entry)
    return [
        [
            key,
            len(items),
            sum(e.days for e in items),
            float(sum((e.committed for e in items), Decimal(0))),
            float(sum((e.paid for e in items), Decimal(0))),
        ]
        for key, items in sorted(groups.items(), key=lambda pair: -len(pair[1]))
    ]


def yearly(
    project: ProjectRow,
    book: Ledger,
    year: int | None,
    words: Words,
    country_name: Callable[[str], str],
    activity_name: Callable[[str], str],
) -> bytes:
    """The report's workbook; ``year`` None: every year of the project."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    entries = [e for e in book.entries if year is None or e.start_date.startswith(str(year))]
    bold = Font(bold=True)
    wb = Workbook()
    summary = wb.active
    summary.title = words("summary")[:31]
    committed = float(sum((e.committed for e in entries), Decimal(0)))
    paid = float(sum((e.paid for e in entries), Decimal(0)))
    for label, value in (
        (words("project"), project.number),
        (words("action"), project.action),
        (words("year"), year if year is not None else words("all_years")),
        (words("budget"), float(project.budget)),
        (words("mobilities"), len(entries)),
        (words("days"), sum(e.days for e in entries)),
        (words("committed"), committed),
        (words("paid"), paid),
        (words("remaining"), float(book.total.remaining or 0)),
    ):
        summary.append([label, value])
        summary.cell(summary.max_row, 1).font = bold
    heads = [words(k) for k in ("mobilities", "days", "committed", "paid")]
    for title, attribute, name in (
        (words("by_country"), "country", country_name),
        (words("by_activity"), "activity", activity_name),
    ):
        sheet = wb.create_sheet(title[:31])
        sheet.append([words(attribute), *heads])
        for row in _grouped(entries, attribute):
            sheet.append([name(row[0]), *row[1:]])
    listing = wb.create_sheet(words("mobility_list")[:31])
    listing.append(
        [
            words(k)
            for k in (
                "reference",
                "participant",
                "country",
                "activity",
                "start",
                "days",
                "committed",
                "paid",
            )
        ]
    )
    for e in entries:
        listing.append(
            [
                e.reference,
                e.participant,
                country_name(e.country),
                activity_name(e.activity),
                e.start_date,
                e.days,
                float(e.committed),
                float(e.paid),
            ]
        )
    for sheet in wb.worksheets[1:]:
        for cell in sheet[1]:
            cell.font = bold
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
