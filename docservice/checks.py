"""Run a checker on an uploaded file: the service's side of the pure ``checkers`` library."""

from __future__ import annotations

import base64
from typing import Any

import checkers
from checkers.annotate import annotate
from docservice.errors import EngineUnavailable, InputError, UnreadableInput
from docservice.grants.engine import GrantEngine
from docservice.mobility import Mobility

MAX_FILE_BYTES = 30 * 1024 * 1024


def run_check(
    kind: str,
    data: bytes,
    mobility: Mobility,
    *,
    filename: str = "",
    with_picture: bool = False,
    grants: GrantEngine | None = None,
) -> tuple[dict[str, Any], bytes | None]:
    """The report of interface §4 (and the evidence picture as PNG when asked). ``grants`` gives
    the gazetteer and the office's policy for the journey rule of the travel documents."""
    if kind not in checkers.KINDS:
        raise InputError(
            f"There is no document kind {kind!r}; the kinds are {', '.join(checkers.KINDS)}."
        )
    if not data:
        raise UnreadableInput("The file is empty; send the document (PDF, JPEG or PNG).")
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            f"The file is larger than {MAX_FILE_BYTES // 2**20} MB; send a smaller scan."
        )
    try:
        travel = (grants or GrantEngine.from_paths()).travel_rule(mobility)
        report, facts = checkers.check(kind, data, mobility, filename=filename, travel=travel)
    except checkers.UnreadableDocument as exc:
        raise UnreadableInput(exc.message) from None
    except checkers.EngineFailure as exc:
        raise EngineUnavailable(f"The document could not be read: {exc.message}") from None
    picture = annotate(report, facts) if with_picture else None
    return report.to_dict(), picture


def picture_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
