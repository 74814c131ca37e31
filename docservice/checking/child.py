"""Run one check in a child process, with limits on its memory, CPU time and wall time: the
one way checks run, for the API, the command line and the background workers alike.

A scan that makes OCR run for ever, a PDF that inflates to gigabytes, or a file that crashes a
native library must not hang, swell or kill the server: the check runs in a process of its own
(forked from a server process that has the checkers imported already, so a check starts in
milliseconds) whose data memory and CPU time the kernel caps (``setrlimit``; the OCR processes
it starts inherit the caps); the parent waits for its answer (renewing a worker's lease) and
kills it past its time. Before a page is rendered or an image decoded the checkers refuse a
file past their own limits (size, pages, page size, pixels). The child gets the file's path and
the record, and sends back the report as JSON data, or what stopped it.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import multiprocessing
import resource
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from checkers.facts import heap
from checkers.report import for_the_office
from checkers.travel import TravelRule

log = logging.getLogger(__name__)

PASSED, FAILED, REVIEW = "passed", "failed", "review"
_STATUS = {"pass": PASSED, "fail": FAILED, "review": REVIEW}
_context: Any = None


@dataclass(frozen=True)
class Outcome:
    """What a background check records."""

    status: str
    report: dict[str, Any] | None
    error: str | None = None
    evidence: bytes | None = None  # the evidence drawn on the pages, PNG


@dataclass(frozen=True)
class Limits:
    """How long and how much memory one check may take (``DOCSERVICE_CHECK_TIMEOUT``,
    ``DOCSERVICE_CHECK_MEMORY_MB``)."""

    timeout_s: float = 300.0
    memory_mb: int = 512

    @classmethod
    def of(cls, settings: Any) -> Limits:
        return cls(float(settings.check_timeout), int(settings.check_memory_mb))


OK, UNREADABLE, OVER_LIMIT, ENGINE, MEMORY, TIMEOUT, DIED, CRASH = (
    "ok", "unreadable", "over_limit", "engine", "memory", "timeout", "died", "crash",
)  # fmt: skip


@dataclass(frozen=True)
class Answer:
    """How a check ended: ``what`` is one of ok, unreadable, over_limit (a limit of the
    checkers), engine (OCR or the renderer failed), memory, timeout, died (killed by the
    system: most often its memory cap, in native code), crash (a fault of ours)."""

    what: str
    message: str = ""
    report: dict[str, Any] | None = None
    evidence: bytes | None = None
    peak_mb: float | None = None  # the child's own peak resident memory, when it answered


def _mp() -> Any:
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(["checkers", "checkers.annotate", "docservice.mobility"])
    return _context


def _status(field: str) -> int:
    """A figure of this process from /proc/self/status (VmData, VmHWM, …), in bytes; 0 where
    the system does not say."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _data_now() -> int:
    """The data this process holds already (its heap and private mappings), in bytes."""
    return _status("VmData")


def release_memory() -> None:
    """Give the system back what this process freed (a command line that loaded the gazetteer
    to plan a check, before it waits for the check): garbage collected, then the C library's
    heap trimmed."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # another C library: its own habits
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _cap(limits: Limits) -> None:
    """The kernel's caps on this process and the processes it starts: the data it may add to
    what it holds on starting (the heap and every private mapping: what a decoded image or an
    inflated stream takes), its address space more loosely (libraries map much they never
    use), its CPU seconds."""
    data = _data_now() + limits.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_DATA, (data, data))
    space = 2 * data + 2**30
    resource.setrlimit(resource.RLIMIT_AS, (space, space))
    cpu = int(limits.timeout_s) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))


def _peak() -> float:
    return _status("VmHWM") / 2**20


def _child(
    conn: Connection,
    kind: str,
    path: str,
    filename: str,
    record: dict[str, Any],
    travel: TravelRule | None,
    limits: Limits,
    with_picture: bool,
) -> None:
    import checkers
    from checkers.annotate import annotate
    from docservice.mobility import parse_mobility

    try:
        _cap(limits)
        heap.give_back_large_blocks()
        data = Path(path).read_bytes()
        mobility = parse_mobility(record)
        report, facts = checkers.check(kind, data, mobility, filename=filename, travel=travel)
        picture = annotate(report, facts) if with_picture else None
        conn.send((OK, (report.to_dict(), picture), _peak()))
    except checkers.OverLimit as exc:
        conn.send((OVER_LIMIT, exc.message, _peak()))
    except checkers.UnreadableDocument as exc:
        conn.send((UNREADABLE, exc.message, _peak()))
    except checkers.EngineFailure as exc:
        conn.send((ENGINE, exc.message, _peak()))
    except MemoryError:
        conn.send((MEMORY, "", None))
    except Exception as exc:  # reported to the caller, which records it; never a silent pass
        conn.send((CRASH, f"{exc.__class__.__name__}: {exc}", _peak()))
    finally:
        conn.close()


def execute(
    kind: str,
    path: Path,
    filename: str,
    record: dict[str, Any],
    travel: TravelRule | None,
    *,
    limits: Limits,
    with_picture: bool = True,
    heartbeat: Callable[[], bool] = lambda: True,
    beat_every_s: float = 5.0,
    fork: bool = False,
) -> Answer | None:
    """How the check of the file at ``path`` ended, or None when ``heartbeat`` says the work
    was taken away (another worker has it, or a newer upload superseded it). ``fork`` starts
    the check by forking this process itself: for a one-off command with one thread and the
    checkers imported, where a fork server would import them again (a server with threads
    keeps the fork server: forking a threaded process is not safe)."""
    start = multiprocessing.get_context("fork") if fork else _mp()
    receive, send = start.Pipe(duplex=False)
    child = start.Process(
        target=_child,
        args=(send, kind, str(path), filename, record, travel, limits, with_picture),
        name=f"check-{kind}",
        daemon=True,
    )
    child.start()
    send.close()
    deadline = time.monotonic() + limits.timeout_s
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return Answer(TIMEOUT)
            if receive.poll(min(beat_every_s, left)):
                try:
                    what, value, peak = receive.recv()
                except EOFError:
                    child.join(5)
                    return _stopped(child.exitcode)
                break
            if not child.is_alive() and not receive.poll(0):
                return _stopped(child.exitcode)
            if not heartbeat():
                return None
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receive.close()
    if what == OK:
        report, evidence = value
        return Answer(OK, report=report, evidence=evidence, peak_mb=peak)
    return Answer(what, value, peak_mb=peak)


def _stopped(exitcode: int | None) -> Answer:
    if exitcode == -signal.SIGXCPU:
        return Answer(TIMEOUT)
    return Answer(DIED, f"exit code {exitcode}")


def limit_said(answer: Answer, limits: Limits) -> str:
    """What stopped a check past one of its limits, said for a person."""
    if answer.what in (UNREADABLE, OVER_LIMIT):
        return answer.message
    if answer.what == TIMEOUT:
        return (
            f"The check did not finish within {limits.timeout_s:g} s, the time one check may "
            "take; an officer should look at the document."
        )
    return (
        f"Reading the document took more than {limits.memory_mb} MB of memory, what one check "
        f"may take ({answer.message or 'out of memory'}); send a smaller scan (300 dpi, only "
        "this document's pages)."
    )


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


def background(
    kind: str,
    path: Path,
    filename: str,
    record: dict[str, Any],
    travel: TravelRule | None,
    *,
    limits: Limits,
    heartbeat: Callable[[], bool] = lambda: True,
    beat_every_s: float = 5.0,
) -> Outcome | None:
    """A background check's outcome, or None when ``heartbeat`` says the work was taken away.
    A file that cannot be read, or is past a limit, fails with the reason (the participant
    sends another); a check that ran out of time, or whose engine failed, goes to an officer."""
    answer = execute(
        kind,
        path,
        filename,
        record,
        travel,
        limits=limits,
        heartbeat=heartbeat,
        beat_every_s=beat_every_s,
    )
    if answer is None:
        return None
    if answer.what == OK and answer.report is not None:
        status = _STATUS[answer.report["verdict"]]
        if status == FAILED and for_the_office(answer.report.get("checks") or []):
            status = REVIEW  # an early return: the office decides, nothing for the participant
        return Outcome(status, answer.report, evidence=answer.evidence)
    if answer.what in (UNREADABLE, OVER_LIMIT, MEMORY, DIED):
        if answer.what == DIED:
            log.warning("the %s check was stopped: %s", kind, answer.message)
        return Outcome(FAILED, unreadable_report(kind, limit_said(answer, limits)))
    if answer.what == TIMEOUT:
        return Outcome(REVIEW, None, limit_said(answer, limits))
    if answer.what == ENGINE:
        log.error("the %s check's engine failed: %s", kind, answer.message)
        return Outcome(
            REVIEW, None, f"The document could not be read by the engine: {answer.message}"
        )
    log.error("the %s check crashed: %s", kind, answer.message)
    return Outcome(
        REVIEW, None, f"The check failed unexpectedly ({answer.message}); an officer should look."
    )
