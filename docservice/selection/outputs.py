"""A call's lists as people take them away: JSON for the API, a sheet (XLSX or CSV) and a PDF
for the office, and the anonymised list for publication (application numbers, lists, ranks and
scores only: no name, no department, no reason that could name someone)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docservice import formatting
from docservice.catalogue import localized
from docservice.errors import Number, Phrase, from_data, say
from docservice.selection import words
from docservice.selection.ranking import LISTS, Entry
from docservice.storage.models import CallRow, SelectionStepRow
from docservice.tabular import table_bytes

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


def list_name(standing: str) -> Phrase:
    names = {
        "main": say("Main list"),
        "reserve": say("Reserve list"),
        "dropped": say("Dropped out"),
        "withdrawn": say("Withdrew"),
        "ineligible": say("Not eligible"),
    }
    return names[standing]


def parts_text(entry: Entry, lang: str) -> str:
    shown = []
    for number, (key, value) in enumerate(entry.parts.items()):
        sign = "" if number == 0 or value < 0 else "+"
        shown.append(f"{localized(words.part(key), lang)} {sign}{localized(Number(value), lang)}")
    return ", ".join(shown)


def entry_json(entry: Entry, lang: str | None) -> dict[str, Any]:
    """An entry as interface §6 names it, its words in ``lang`` when asked."""
    data = entry.to_dict()
    if lang:
        data["reason"] = str(localized(entry.reason, lang))
        data["notes"] = [str(localized(n, lang)) for n in entry.notes]
    data["department"] = entry.application.department
    return data


def call_json(call: CallRow, steps: list[SelectionStepRow], applications: int) -> dict[str, Any]:
    return {
        "id": call.id,
        "name": call.name,
        "action": call.action,
        "call_year": call.call_year,
        "rules": call.rules_name,
        "quota": call.quota,
        "places": call.places or {},
        "budget": float(call.budget) if call.budget is not None else None,
        "applications_close": call.applications_close.isoformat()
        if call.applications_close
        else None,
        "letters_due": call.letters_due.isoformat() if call.letters_due else None,
        "project": call.project,
        "plan": call.plan,
        "partners": len(call.partners or []),
        "applications": applications,
        "steps": [
            {
                "kind": s.kind,
                "at": s.at.isoformat(),
                "actor": s.actor,
                "summary": str(from_data(s.summary)),
                **{k: v for k, v in s.detail.items() if k != "note"},
            }
            for s in steps
        ],
    }


def _heads(lang: str, public: bool) -> dict[str, str]:
    heads: dict[str, Phrase] = {
        "list": say("List"),
        "rank": say("Rank"),
        "application_id": say("Application"),
        "score": say("Score"),
    }
    if not public:
        heads |= {
            "name": say("Name"),
            "department": say("Department"),
            "host_country": say("Host country"),
            "parts": say("Points"),
            "reason": say("Reason"),
        }
    return {key: str(localized(value, lang)) for key, value in heads.items()}


def table_rows(entries: list[Entry], lang: str, public: bool = False) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for entry in entries:
        if public and entry.standing == "withdrawn":
            continue
        row: dict[str, Any] = {
            "list": str(localized(list_name(entry.standing), lang)),
            "rank": entry.rank,
            "application_id": entry.id,
            "score": entry.score,
        }
        if not public:
            notes = [str(localized(n, lang)) for n in entry.notes]
            row |= {
                "name": entry.application.name,
                "department": entry.application.department or "",
                "host_country": formatting.country(
                    entry.application.host_country, formatting.as_lang(lang) or "en"
                ),
                "parts": parts_text(entry, lang),
                "reason": "; ".join([str(localized(entry.reason, lang)), *notes]),
            }
        rows.append(row)
    return rows


def table(entries: list[Entry], fmt: str, lang: str, public: bool = False) -> bytes:
    return table_bytes(table_rows(entries, lang, public), fmt, _heads(lang, public))


def _font_dir() -> Path | None:
    return next((d for d in FONT_DIRS if (d / "DejaVuSans.ttf").is_file()), None)


def pdf(
    call: CallRow, entries: list[Entry], lang: str, public: bool = False, subtitle: str = ""
) -> bytes:
    """The lists as a PDF to sign and file (or, ``public``, to publish)."""
    import logging

    from fpdf import FPDF

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # a line per glyph subset

    heads = _heads(lang, public)
    rows = table_rows(entries, lang, public)
    document = FPDF(orientation="L" if not public else "P", format="A4")
    fonts = _font_dir()
    family = "Helvetica"
    if fonts is not None:
        document.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
        document.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
        family = "DejaVu"
    document.set_title(call.name)
    document.add_page()
    document.set_font(family, "B", 13)
    document.multi_cell(0, 7, call.name, new_x="LMARGIN", new_y="NEXT")
    document.set_font(family, "", 9)
    if subtitle:
        document.multi_cell(0, 5, subtitle, new_x="LMARGIN", new_y="NEXT")
    document.ln(2)
    widths = (
        {"list": 30, "rank": 12, "application_id": 40, "score": 16}
        if public
        else {
            "list": 26,
            "rank": 10,
            "application_id": 28,
            "score": 13,
            "name": 38,
            "department": 30,
            "host_country": 24,
            "parts": 52,
            "reason": 56,
        }
    )
    with document.table(
        col_widths=tuple(widths.values()), text_align="LEFT", line_height=4.5
    ) as sheet:
        head = sheet.row()
        for key in widths:
            head.cell(heads[key])
        for item in rows:
            line = sheet.row()
            for key in widths:
                value = item.get(key)
                line.cell(
                    ""
                    if value is None
                    else str(localized(Number(value), lang))
                    if key == "score"
                    else str(value)
                )
    out = io.BytesIO()
    document.output(out)
    return out.getvalue()


def subtitle(rules_title: str, steps: list[SelectionStepRow], lang: str) -> str:
    """The rule set and the day the lists last changed, under the PDF's title."""
    if not steps:
        return rules_title
    day = formatting.date(steps[-1].at.date(), formatting.as_lang(lang) or "en")
    return f"{rules_title} · {day}"


def counts(entries: list[Entry]) -> dict[str, int]:
    return {name: sum(1 for e in entries if e.standing == name) for name in LISTS}
