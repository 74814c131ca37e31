"""Mobility records from a CSV or XLSX sheet: one row per mobility, the record's keys as columns.

Nested keys are written with a dot (``participant.surname``, ``receiving.city``). Offices export
from Excel, so the sheet may be UTF-8 (with or without BOM) or Windows Turkish (cp1254), separated
by commas or semicolons; dates may be ISO (2025-03-10), Turkish (10.03.2025) or real Excel dates;
yes/no may be written evet/hayır. Empty cells are absent keys.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from docservice import safezip
from docservice.errors import InputError, UnreadableInput
from docservice.mobility import Mobility, parse_mobility

MAX_ROWS = 5000
_TRUE = {"true", "yes", "y", "1", "evet", "e", "x"}
_FALSE = {"false", "no", "n", "0", "hayır", "hayir", "h", ""}
_BOOLEAN_KEYS = {"green_travel", "zero_grant"}
_DATE_KEYS = {"start_date", "end_date"}
_INTEGER_KEYS = {"call_year", "travel_days"}
_NUMBER_KEYS = {"teaching_hours", "ects_completed", "lat", "lon"}
_INTEGER = re.compile(r"^[+-]?\d{1,9}$")
_NUMBER = re.compile(r"^[+-]?\d{1,9}([.,]\d{1,9})?$")
_DOTTED_DATE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


@dataclass(frozen=True)
class Row:
    """One sheet row: its number as the office sees it (the header is row 1), and either a
    valid record or what is wrong with it."""

    number: int
    mobility: Mobility | None
    error: str | None
    reference: str | None
    # the row's cells as a record (only the keys it fills), and what is wrong, key by key
    record: dict[str, Any] = field(default_factory=dict)
    problems: list[dict[str, Any]] = field(default_factory=list)
    mobility_id: str | None = None  # the dossier the row was made from, if any


def cell_value(key: str, value: Any) -> Any:
    """A cell (or a form's field) as the record's value for ``key``."""
    leaf = key.rsplit(".", 1)[-1]
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and leaf in _INTEGER_KEYS:
        return int(value)
    if not isinstance(value, str):
        return value
    text = value.strip()
    # a sheet's cells are text: numbers are read as numbers here (a Turkish sheet writes 12,5),
    # and anything else is left for the record's validation to name
    if leaf in _INTEGER_KEYS and _INTEGER.match(text):
        return int(text)
    if leaf in _NUMBER_KEYS and _NUMBER.match(text):
        return float(text.replace(",", "."))
    if leaf == "iban":  # written in groups of four, as banks print it: kept as one word
        return "".join(text.split()).upper()
    if leaf in _BOOLEAN_KEYS:
        low = text.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        return text  # the record's validation names the key
    if leaf in _DATE_KEYS:
        match = _DOTTED_DATE.match(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day).isoformat()
            except ValueError:
                return text
    return text


def _nest(header: list[str], values: list[Any]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for key, value in zip(header, values, strict=False):
        if not key or value is None or (isinstance(value, str) and not value.strip()):
            continue
        parts = key.split(".")
        target = record
        for part in parts[:-1]:
            target = target.setdefault(part, {})
            if not isinstance(target, dict):
                break
        else:
            target[parts[-1]] = cell_value(key, value)
    return record


def _header(raw: list[Any]) -> list[str]:
    header = [str(h or "").strip().lstrip("\ufeff").lower() for h in raw]
    if "reference" not in header:
        raise UnreadableInput(
            "The sheet's first row must name the columns with the record's keys (reference, "
            "action, activity, participant.given_names, participant.surname, sending.institution, "
            "…); no 'reference' column was found."
        )
    return header


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1254"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableInput("The CSV file is neither UTF-8 nor Windows Turkish (cp1254) text.")


MAX_CELL_CHARS = 10_000  # a cell of a mobility sheet is a name, a date, a code


def _csv_rows(data: bytes) -> Iterator[list[Any]]:
    text = _decode(data)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            reason = (
                f"a cell is longer than {csv.field_size_limit()} characters, or a quotation "
                "mark opens a cell and is never closed"
                if "field limit" in str(exc)
                else str(exc)
            )
            raise InputError(
                f"Row {reader.line_num} of the CSV file cannot be read: {reason}. Fix that row, "
                "or save the sheet again as CSV."
            ) from None
        longest = max((len(cell) for cell in row), default=0)
        if longest > MAX_CELL_CHARS:
            raise InputError(
                f"Row {reader.line_num} of the CSV file has a cell of {longest} characters; a "
                f"cell may hold at most {MAX_CELL_CHARS}. Fix that row."
            )
        yield row


def _xlsx_rows(data: bytes) -> Iterator[list[Any]]:
    from openpyxl import load_workbook

    # its parts' sizes checked before openpyxl reads any (openpyxl parses XML with entities
    # off, through defusedxml or lxml's safe parser)
    try:
        safezip.open_zip(data, "The Excel workbook").close()
    except UnreadableInput:
        raise UnreadableInput(
            "The file is not a readable Excel workbook (not a ZIP archive); save it as .xlsx "
            "or export it as CSV."
        ) from None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise UnreadableInput(
            f"The file is not a readable Excel workbook ({type(exc).__name__}); save it as .xlsx "
            "or export it as CSV."
        ) from None
    sheet = workbook.worksheets[0]
    for row in sheet.iter_rows(values_only=True):
        yield list(row)
    workbook.close()


def sheet_rows(data: bytes, filename: str, what: str = "mobility records") -> Iterator[list[Any]]:
    """The rows of a CSV or XLSX sheet, each a list of its cells, the header first."""
    name = filename.lower()
    if name.endswith(".xlsx") or data.startswith(b"PK\x03\x04"):
        return _xlsx_rows(data)
    if name.endswith((".csv", ".txt")) or "." not in name:
        return _csv_rows(data)
    raise UnreadableInput(f"{filename}: give a .csv or .xlsx file of {what}.")


def read_rows(data: bytes, filename: str) -> list[Row]:
    """Every data row of the sheet, valid or not, in order."""
    raw = sheet_rows(data, filename)
    try:
        header = _header(next(raw))
    except StopIteration:
        raise UnreadableInput(f"{filename} is empty.") from None
    rows: list[Row] = []
    for number, values in enumerate(raw, start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        if len(rows) >= MAX_ROWS:
            raise InputError(f"{filename} has more than {MAX_ROWS} rows; split it.")
        record = _nest(header, values)
        reference = record.get("reference") if isinstance(record.get("reference"), str) else None
        try:
            rows.append(Row(number, parse_mobility(record), None, reference, record))
        except InputError as exc:
            problems = exc.details or [{"key": "(record)", "message": exc.message}]
            rows.append(Row(number, None, exc.message, reference, record, problems))
    if not rows:
        raise UnreadableInput(f"{filename} has a header but no mobility rows.")
    return rows


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """A cell we write, safe to open in Excel or LibreOffice: text that starts like a formula
    (``=``, ``+``, ``-``, ``@``, a tab or a carriage return: a name such as
    ``=HYPERLINK(…)``) gets a leading apostrophe, so it shows as the text it is and never runs
    (OWASP's advice on CSV injection)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


TABLE_FORMATS = ("csv", "xlsx")
TABLE_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def table_bytes(
    rows: list[dict[str, Any]], fmt: str, headings: dict[str, str] | None = None
) -> bytes:
    """Rows (dicts with the same keys) as a CSV or XLSX sheet, the keys (or their ``headings``)
    on the first line. The CSV has a BOM and semicolons, as Excel in Türkiye opens it; text
    that looks like a formula is written as text."""
    keys = list(rows[0]) if rows else list(headings or {})
    header = [(headings or {}).get(k, k) for k in keys]

    def cell(value: Any) -> Any:
        if value is None:
            return ""
        return spreadsheet_text(value) if isinstance(value, str) else value

    body = [[cell(row.get(k)) for k in keys] for row in rows]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(body)
        return ("\ufeff" + out.getvalue()).encode("utf-8")
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(header)
    for line in body:
        sheet.append(line)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()
