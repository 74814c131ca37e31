"""The Beneficiary Module's import error log, read back onto the dossiers: each line names a
Mobility activity ID and what the Module said of it. A log is read whole (its headers found on
any of its first rows, in the Module's words or their aliases); a log naming another project is
refused, and IDs no dossier of the project has are listed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docservice.errors import InputError, say
from docservice.projects.bm import header_key
from docservice.tabular import MAX_ROWS, sheet_rows

ID_NAMES = {header_key(n) for n in ("Mobility activity ID", "Mobility ID", "Activity ID")}
MESSAGE_NAMES = {
    header_key(n)
    for n in (
        "Error message",
        "Error",
        "Message",
        "Description",
        "Error description",
        "Validation message",
        "Comment",
    )
}
STATUS_NAMES = {header_key(n) for n in ("Status", "Severity", "Type", "Level")}
PROJECT_NAMES = {header_key(n) for n in ("Grant Agreement No.", "Project Number", "Project Code")}


@dataclass
class Said:
    """What the log said: lines by Mobility activity ID, and the IDs no dossier has."""

    lines: list[dict[str, str]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def _header(rows: list[list[Any]]) -> tuple[int, list[str]]:
    """The log's header row: the first of its first rows naming an ID and a message column."""
    for at, row in enumerate(rows[:10]):
        names = [header_key(c) for c in row]
        if any(n in ID_NAMES for n in names) and any(n in MESSAGE_NAMES for n in names):
            return at, names
    raise InputError(
        say(
            "The file is not the Beneficiary Module's error log: none of its first rows "
            "names a Mobility activity ID column and a message column."
        )
    )


def read_log(data: bytes, filename: str, project: str) -> list[dict[str, Any]]:
    """Each line of the log as ``{activity_id, status, message}``."""
    rows = [list(r) for r in sheet_rows(data, filename, "the Module's error log")]
    at, names = _header(rows)
    idx = {
        "id": next(n for n, c in enumerate(names) if c in ID_NAMES),
        "message": next(n for n, c in enumerate(names) if c in MESSAGE_NAMES),
        "status": next((n for n, c in enumerate(names) if c in STATUS_NAMES), None),
        "project": next((n for n, c in enumerate(names) if c in PROJECT_NAMES), None),
    }
    out: list[dict[str, Any]] = []
    for row in rows[at + 1 :][:MAX_ROWS]:

        def cell(key: str, row: list[Any] = row) -> str:
            n = idx[key]
            return str(row[n]).strip() if n is not None and n < len(row) and row[n] else ""

        if not cell("id"):
            continue
        named = cell("project").upper()
        if named and named != project:
            raise InputError(
                say(
                    "The log is for project %(named)s, not %(project)s; import it on that "
                    "project's page.",
                    named=named,
                    project=project,
                )
            )
        status = cell("status").lower() or "error"
        out.append({"activity_id": cell("id"), "status": status[:20], "message": cell("message")})
    return out
