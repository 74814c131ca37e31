"""An acceptance letter given at application, checked as every upload is: the
``acceptance_letter`` checker in a child process, against the application's planned mobility."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from docservice.checking.files import check_stream
from docservice.grants.engine import GrantEngine
from docservice.mobility import parse_mobility
from docservice.settings import Settings


def letter_check(
    stream: IO[bytes], filename: str, settings: Settings, grants: GrantEngine
) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """What :meth:`Selection.check_letter` runs: the ``acceptance_letter`` checker on an
    uploaded file, against an application's planned mobility."""

    def check(record: dict[str, Any]) -> dict[str, Any]:
        mobility = parse_mobility(record, estimate=True)
        report, _png = check_stream(
            "acceptance_letter", stream, filename, mobility, settings, grants
        )
        return report

    return check
