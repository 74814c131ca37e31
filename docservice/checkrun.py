"""Run one check in a child process, with a time limit.

A scan that makes OCR run for ever, or a PDF that crashes a native library, must not hang or kill
the worker: the check runs in a process of its own (forked from a server process that has the
checkers imported already, so a check starts in milliseconds), the worker waits for its answer
while renewing its lease, and a check past its time is killed and becomes ``review`` with the
reason. The child gets the file's path and the record, and sends back the report as JSON data.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from checkers.report import for_the_office
from checkers.travel import TravelRule

log = logging.getLogger(__name__)

PASSED, FAILED, REVIEW = "passed", "failed", "review"
_STATUS = {"pass": PASSED, "fail": FAILED, "review": REVIEW}
_context: Any = None


@dataclass(frozen=True)
class Outcome:
    status: str
    report: dict[str, Any] | None
    error: str | None = None
    evidence: bytes | None = None  # the evidence drawn on the pages, PNG


def _mp() -> Any:
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(["checkers", "checkers.annotate", "docservice.mobility"])
    return _context


def _child(
    conn: Connection,
    kind: str,
    path: str,
    filename: str,
    record: dict[str, Any],
    travel: TravelRule | None,
) -> None:
    import checkers
    from checkers.annotate import annotate
    from docservice.mobility import parse_mobility

    try:
        data = Path(path).read_bytes()
        mobility = parse_mobility(record)
        report, facts = checkers.check(kind, data, mobility, filename=filename, travel=travel)
        conn.send(("ok", (report.to_dict(), annotate(report, facts))))
    except checkers.UnreadableDocument as exc:
        conn.send(("unreadable", exc.message))
    except checkers.EngineFailure as exc:
        conn.send(("engine", exc.message))
    except Exception as exc:  # reported to the worker, which records it; never a silent pass
        conn.send(("crash", f"{exc.__class__.__name__}: {exc}"))
    finally:
        conn.close()


def unreadable_report(kind: str, message: str) -> dict[str, Any]:
    """The report of a file no checker could read: a finding about the document."""
    return {
        "kind": kind,
        "verdict": "fail",
        "checks": [
            {
                "id": "readable",
                "status": "fail",
                "message": message,
                "hint": "Upload the document again as a PDF, JPEG or PNG.",
                "evidence": [],
            }
        ],
        "fields": {},
    }


def run_check(
    kind: str,
    path: Path,
    filename: str,
    record: dict[str, Any],
    travel: TravelRule | None,
    *,
    timeout_s: float,
    heartbeat: Callable[[], bool] = lambda: True,
    beat_every_s: float = 5.0,
) -> Outcome | None:
    """The outcome of the check, or None when ``heartbeat`` says the work was taken away
    (another worker has it, or a newer upload superseded it)."""
    receive, send = _mp().Pipe(duplex=False)
    child = _mp().Process(
        target=_child,
        args=(send, kind, str(path), filename, record, travel),
        name=f"check-{kind}",
        daemon=True,
    )
    child.start()
    send.close()
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return Outcome(
                    REVIEW,
                    None,
                    f"The check did not finish within {timeout_s:g} s and was stopped; an "
                    "officer should look at the document.",
                )
            if receive.poll(min(beat_every_s, left)):
                try:
                    what, value = receive.recv()
                except EOFError:
                    child.join(5)
                    return Outcome(
                        REVIEW,
                        None,
                        f"The check stopped without an answer (exit code {child.exitcode}); "
                        "an officer should look at the document.",
                    )
                break
            if not child.is_alive() and not receive.poll(0):
                return Outcome(
                    REVIEW,
                    None,
                    f"The check stopped without an answer (exit code {child.exitcode}); an "
                    "officer should look at the document.",
                )
            if not heartbeat():
                return None
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receive.close()
    if what == "ok":
        report, evidence = value
        status = _STATUS[report["verdict"]]
        if status == FAILED and for_the_office(report.get("checks") or []):
            status = REVIEW  # an early return: the office decides, nothing for the participant
        return Outcome(status, report, evidence=evidence)
    if what == "unreadable":
        return Outcome(FAILED, unreadable_report(kind, value))
    if what == "engine":
        log.error("the %s check's engine failed: %s", kind, value)
        return Outcome(REVIEW, None, f"The document could not be read by the engine: {value}")
    log.error("the %s check crashed: %s", kind, value)
    return Outcome(
        REVIEW, None, f"The check failed unexpectedly ({value}); an officer should look."
    )
