"""Run a checker on an uploaded file: the service's side of the pure ``checkers`` library, for
the synchronous API and the command line. The check runs the one way every check runs
(``child.execute``: a child process under memory, CPU and time limits), so a hostile file
costs the server nothing but that child."""

from __future__ import annotations

import base64
import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import checkers
from checkers.facts import MAX_FILE_BYTES
from checkers.travel import TravelRule
from docservice.checking import child
from docservice.errors import (
    CheckCrashed,
    CheckTimedOut,
    EngineUnavailable,
    NotFound,
    TooLarge,
    UnreadableInput,
)
from docservice.grants.engine import GrantEngine
from docservice.mobility import Mobility
from docservice.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["MAX_FILE_BYTES", "check_file", "check_stream", "picture_uri", "spooled"]
CHUNK = 1 << 20


@contextmanager
def spooled(stream: IO[bytes], folder: Path) -> Iterator[Path]:
    """An upload copied to a file of its own in ``folder`` a chunk at a time (the server never
    holds it whole), refused past ``MAX_FILE_BYTES``; the file is deleted afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, prefix="check-", delete=True) as out:
        copied = 0
        while chunk := stream.read(CHUNK):
            copied += len(chunk)
            if copied > MAX_FILE_BYTES:
                raise TooLarge(
                    f"The file is larger than {MAX_FILE_BYTES // 2**20} MB; send a smaller scan "
                    "(300 dpi, JPEG, only this document's pages)."
                )
            out.write(chunk)
        out.flush()
        yield Path(out.name)


def check_file(
    kind: str,
    path: Path,
    mobility: Mobility,
    *,
    filename: str = "",
    with_picture: bool = False,
    travel: TravelRule | None = None,
    limits: child.Limits | None = None,
    fork: bool = False,
) -> tuple[dict[str, Any], bytes | None]:
    """The report of interface §4 on the file at ``path`` (and the evidence picture as PNG when
    asked). ``travel`` is the journey rule of the travel documents (``GrantEngine.travel_rule``:
    the gazetteer's cities and the office's policy; by default the shipped ones). A file that
    cannot be read or is past a limit is an input error (400, 413 or 422; exit 3) saying which
    and what to do."""
    if kind not in checkers.KINDS:
        raise NotFound(
            f"There is no document kind {kind!r}; the kinds are {', '.join(checkers.KINDS)}.",
            code="unknown_kind",
        )
    size = path.stat().st_size
    if not size:
        raise UnreadableInput("The file is empty; send the document (PDF, JPEG or PNG).")
    if size > MAX_FILE_BYTES:
        raise TooLarge(
            f"The file is larger than {MAX_FILE_BYTES // 2**20} MB; send a smaller scan "
            "(300 dpi, JPEG, only this document's pages)."
        )
    limits = limits or child.Limits()
    travel = travel or GrantEngine.from_paths().travel_rule(mobility)
    record = mobility.model_dump(mode="json")
    answer = child.execute(
        kind, path, filename, record, travel, limits=limits, with_picture=with_picture, fork=fork
    )
    assert answer is not None  # no heartbeat here to take the work away
    if answer.what == child.OK and answer.report is not None:
        return answer.report, answer.evidence
    said = child.limit_said(answer, limits)
    if answer.what == child.UNREADABLE:
        raise UnreadableInput(said)
    if answer.what in (child.OVER_LIMIT, child.MEMORY, child.DIED):
        raise TooLarge(said)
    if answer.what == child.TIMEOUT:
        raise CheckTimedOut(
            f"The check did not finish within {limits.timeout_s:g} s, the time one check may "
            "take; send a smaller or sharper scan, or upload it to the dossier, where an "
            "officer looks at what could not be checked in time."
        )
    if answer.what == child.ENGINE:
        raise EngineUnavailable(f"The document could not be read: {answer.message}")
    log.error("the %s check crashed: %s", kind, answer.message)
    raise CheckCrashed(
        f"The check failed unexpectedly ({answer.message}); the administrator should look at "
        "the service's log."
    )


def picture_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def check_stream(
    kind: str,
    stream: IO[bytes],
    filename: str,
    mobility: Mobility,
    settings: Settings,
    grants: GrantEngine,
    *,
    with_picture: bool = False,
) -> tuple[dict[str, Any], bytes | None]:
    """:func:`check_file` on an upload as it arrives: spooled to the data folder a chunk at a
    time, checked under the service's limits against its own journey rule, then deleted."""
    with spooled(stream, settings.data_dir / "tmp") as path:
        return check_file(
            kind,
            path,
            mobility,
            filename=filename,
            with_picture=with_picture,
            travel=grants.travel_rule(mobility),
            limits=child.Limits.of(settings),
        )
