"""The one way a check runs: in a child process under the kernel's limits (``child``), for the
background workers (``background``), the synchronous API and the command line (``check_file``,
with uploads spooled to a file a chunk at a time)."""

from __future__ import annotations

from docservice.checking.child import (
    DIED,
    ENGINE,
    FAILED,
    MEMORY,
    OK,
    OVER_LIMIT,
    PASSED,
    REVIEW,
    TIMEOUT,
    UNREADABLE,
    Answer,
    Limits,
    Outcome,
    background,
    execute,
    limit_said,
    release_memory,
)
from docservice.checking.files import (
    MAX_FILE_BYTES,
    check_file,
    check_stream,
    picture_uri,
    spooled,
)

__all__ = [
    "DIED",
    "ENGINE",
    "FAILED",
    "MAX_FILE_BYTES",
    "MEMORY",
    "OK",
    "OVER_LIMIT",
    "PASSED",
    "REVIEW",
    "TIMEOUT",
    "UNREADABLE",
    "Answer",
    "Limits",
    "Outcome",
    "background",
    "check_file",
    "check_stream",
    "execute",
    "limit_said",
    "picture_uri",
    "release_memory",
    "spooled",
]
