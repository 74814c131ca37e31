"""A project's mobilities as the Beneficiary Module's mobility import file.

The columns and what fills them are data (``bm-columns.toml``, naming its source). The Module's
template changes with its releases, so an office may give the file it exported from the Module:
its headers are found (whatever the row, a row of hints under them skipped), the columns known
by their header or an alias are filled, a row of the same Mobility activity ID is updated, the
others are kept, and new mobilities are added under them. Before anything is written, each
mobility is held to the Module's own import rules; one that would be refused is left out and
named with why, and a column the Module needs that a dossier cannot fill is named per row."""

from __future__ import annotations

import csv
import io
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from docservice.dossier.view import Dossier
from docservice.errors import InputError, Phrase, say
from docservice.generation.institution import InstitutionProfile
from docservice.mobility import MAX_GREEN_TRAVEL_DAYS, MAX_TRAVEL_DAYS
from docservice.storage.models import ProjectRow
from docservice.tabular import sheet_rows, spreadsheet_text

MAPPING = Path(__file__).parent / "bm-columns.toml"
ACTIVITY_TYPES = {
    "teaching": "Staff mobility for teaching",
    "training": "Staff mobility for training",
    "studies": "Student mobility for studies",
    "traineeship": "Student mobility for traineeships",
}
STAFF_DAYS = (2, 60)  # the Module refuses a staff mobility outside these days


@dataclass(frozen=True)
class Column:
    header: str
    value: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    def names(self) -> set[str]:
        return {header_key(self.header), *(header_key(a) for a in self.aliases)}


@dataclass(frozen=True)
class Mapping:
    columns: tuple[Column, ...]
    date_format: str
    data_type: str
    source: str


@cache
def mapping() -> Mapping:
    data = tomllib.loads(MAPPING.read_text(encoding="utf-8"))
    columns = tuple(
        Column(c["header"], c["value"], tuple(c.get("aliases", ())), bool(c.get("required")))
        for c in data["columns"]
    )
    return Mapping(columns, data["date_format"], data["data_type"], data["source"])


def header_key(header: object) -> str:
    """A header compared without case, spaces or the template's '*' for mandatory."""
    return " ".join(str(header or "").replace("*", " ").casefold().split())


@dataclass
class Outcome:
    """What an export did: rows written, mobilities left out and why, values it could not
    fill, and the template's columns it does not know."""

    written: list[str] = field(default_factory=list)
    left_out: list[dict[str, Any]] = field(default_factory=list)
    missing: list[dict[str, Any]] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "written": self.written,
            "left_out": [
                {**item, "problems": [str(p) for p in item["problems"]]} for item in self.left_out
            ],
            "missing": self.missing,
            "unknown_columns": self.unknown_columns,
        }


def values(d: Dossier, project: ProjectRow, profile: InstitutionProfile) -> dict[str, Any]:
    """Every value the mapping can name, for one dossier."""
    m = d.mobility
    fmt = mapping().date_format
    record = d.row.record
    planned = d.planned
    staff = planned.staff if planned is not None else None
    total = d.final["total"] if d.final is not None else (planned.total if planned else None)
    funded = staff.funded_days if staff is not None else m.calendar_days + m.travel_days
    return {
        "data_type": mapping().data_type,
        "project": project.number,
        "reference": m.reference,
        "activity_type": ACTIVITY_TYPES.get(m.activity.value, m.activity.value),
        "first_name": m.participant.given_names,
        "last_name": m.participant.surname,
        "email": m.participant.email,
        "nationality": m.participant.nationality,
        "sending_oid": (record.get("sending") or {}).get("oid") or profile.oid,
        "sending_country": m.sending.country,
        "sending_city": m.sending.city,
        "receiving_oid": (record.get("receiving") or {}).get("oid"),
        "receiving_country": m.receiving.country,
        "receiving_city": m.receiving.city,
        "start_date": m.start_date.strftime(fmt),
        "end_date": m.end_date.strftime(fmt),
        "travel_days": m.travel_days,
        "green_travel": "Yes" if m.green_travel else "No",
        "funded_days": funded,
        "distance_band": planned.band.label if planned is not None and planned.band else None,
        "zero_grant": "Yes" if m.zero_grant else "No",
        "teaching_hours": m.teaching_hours,
        "total": float(total) if total is not None else None,
    }


def refused(d: Dossier, project: ProjectRow, seen: set[str]) -> list[Phrase]:
    """What the Module's import rules would refuse in this mobility."""
    m = d.mobility
    out: list[Phrase] = []
    limit = MAX_GREEN_TRAVEL_DAYS if m.green_travel else MAX_TRAVEL_DAYS
    if not 0 <= m.travel_days <= limit:
        out.append(say("travel days must be 0 to %(limit)d", limit=limit))
    if m.is_staff and not STAFF_DAYS[0] <= m.calendar_days <= STAFF_DAYS[1]:
        out.append(
            say(
                "a staff mobility lasts %(low)d to %(high)d days, not %(days)d",
                low=STAFF_DAYS[0],
                high=STAFF_DAYS[1],
                days=m.calendar_days,
            )
        )
    if m.start_date < project.start_date or m.end_date > project.end_date:
        out.append(say("its dates are outside the project's"))
    same_code = (
        m.sending.erasmus_code
        and m.receiving.erasmus_code
        and "".join(m.sending.erasmus_code.split()).upper()
        == "".join(m.receiving.erasmus_code.split()).upper()
    )
    if same_code or m.sending.institution.casefold() == m.receiving.institution.casefold():
        out.append(say("the sending and the receiving organisation are the same"))
    if m.reference.casefold() in seen:
        out.append(say("its Mobility activity ID is given twice"))
    seen.add(m.reference.casefold())
    return out


def _rows(
    dossiers: list[Dossier], project: ProjectRow, profile: InstitutionProfile, outcome: Outcome
) -> list[dict[str, Any]]:
    seen: set[str] = set()
    out = []
    for d in dossiers:
        problems = refused(d, project, seen)
        if problems:
            outcome.left_out.append(
                {"reference": d.row.reference, "mobility_id": d.row.id, "problems": problems}
            )
            continue
        row = values(d, project, profile)
        empty = [
            c.header for c in mapping().columns if c.required and row.get(c.value) in (None, "")
        ]
        if empty:
            outcome.missing.append(
                {"reference": d.row.reference, "mobility_id": d.row.id, "columns": empty}
            )
        outcome.written.append(d.row.reference)
        out.append(row)
    return out


def export(
    dossiers: list[Dossier],
    project: ProjectRow,
    profile: InstitutionProfile,
    fmt: str,
    template: tuple[bytes, str] | None = None,
) -> tuple[bytes, Outcome]:
    """The import file (``xlsx`` or ``csv``), from the shipped columns or the office's
    ``template`` (its bytes and file name), and what was done."""
    outcome = Outcome()
    rows = _rows(dossiers, project, profile, outcome)
    if template is not None:
        return _fill(template, rows, outcome, fmt), outcome
    headers = [c.header for c in mapping().columns]
    table = [[row.get(c.value) for c in mapping().columns] for row in rows]
    return _write(headers, table, fmt), outcome


def _delimiter(data: bytes, filename: str) -> str:
    """A CSV template's own separator (the Module's, or Excel's in Türkiye)."""
    if not filename.lower().endswith(".csv"):
        return ","
    first = data[:4096].decode("utf-8", errors="replace").split("\n", 1)[0]
    return max(",;\t", key=first.count)


def _write(headers: list[str], table: list[list[Any]], fmt: str, delimiter: str = ",") -> bytes:
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(headers)
        for line in table:
            writer.writerow(
                [
                    "" if v is None else spreadsheet_text(v) if isinstance(v, str) else v
                    for v in line
                ]
            )
        return ("\ufeff" + out.getvalue()).encode("utf-8")
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for line in table:
        sheet.append([spreadsheet_text(v) if isinstance(v, str) else v for v in line])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def _header_row(rows: list[list[Any]]) -> int:
    """Where the template's headers are: the first of its first rows naming two known columns."""
    known = set().union(*(c.names() for c in mapping().columns))
    for number, row in enumerate(rows[:10]):
        if sum(1 for cell in row if header_key(cell) in known) >= 2:
            return number
    raise InputError(
        say(
            "The file is not a Beneficiary Module import template: none of its first rows "
            "names the Module's columns (Grant Agreement No., Mobility activity ID, …). Export "
            "the template from the project's Mobility activity import-export page."
        )
    )


def _fill(
    template: tuple[bytes, str], rows: list[dict[str, Any]], outcome: Outcome, fmt: str
) -> bytes:
    data, filename = template
    existing = [list(r) for r in sheet_rows(data, filename, "the Module's template")]
    at = _header_row(existing)
    headers = existing[at]
    by_name = {name: c for c in mapping().columns for name in c.names()}
    slots = {n: by_name.get(header_key(h)) for n, h in enumerate(headers)}
    outcome.unknown_columns = [
        str(h) for n, h in enumerate(headers) if h not in (None, "") and slots[n] is None
    ]
    body = existing[at + 1 :]
    # a row of hints under the headers ("*", "DICT", "DD-MM-YYYY") is kept as it is
    hints = body[:1] if body and _is_hint(body[0]) else []
    data_rows = [r + [None] * (len(headers) - len(r)) for r in body[len(hints) :]]
    id_slot = next((n for n, c in slots.items() if c is not None and c.value == "reference"), None)
    place = {
        str(r[id_slot]).strip().casefold(): r
        for r in data_rows
        if id_slot is not None and r[id_slot] not in (None, "")
    }
    for row in rows:
        target = place.get(str(row["reference"]).casefold())
        if target is None:
            target = [None] * len(headers)
            data_rows.append(target)
        for n, column in slots.items():
            if column is not None and row.get(column.value) not in (None, ""):
                target[n] = row[column.value]
    # the rows above the headers (a title the Module wrote) stay where they were
    table = [*existing[:at], headers, *hints, *data_rows]
    return _write([str(c or "") for c in table[0]], table[1:], fmt, _delimiter(data, filename))


def _is_hint(row: list[Any]) -> bool:
    cells = [str(c).strip() for c in row if c not in (None, "")]
    return bool(cells) and all(
        c == "*" or c.upper() in ("DICT", "YES/NO") or "DD-MM-YYYY" in c.upper() for c in cells
    )
