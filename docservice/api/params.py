"""Query parameters read within bounds: a whole number out of its range is an input error that
names the range, never a number too large for the database."""

from __future__ import annotations

import re

from flask import request

from docservice.errors import MalformedRequest
from docservice.formatting import LANGS, Lang

WHOLE = re.compile(r"[+-]?\d{1,20}")  # "+-5" is no number, and past 20 digits none is in range
LARGEST = 2**53  # more than any id, offset or count here; far below the database's limit


def query_int(name: str, default: int | None, low: int = 0, high: int = LARGEST) -> int | None:
    """``?name=`` as a whole number from ``low`` to ``high``; ``default`` when it is absent."""
    value = request.args.get(name)
    if value is None:
        return default
    text = value.strip()
    if not WHOLE.fullmatch(text) or not low <= int(text) <= high:
        raise MalformedRequest(
            f"{name} is a whole number from {low} to {high}, not {value!r}.", code="invalid_input"
        )
    return int(text)


def lang_arg(value: str | None) -> Lang | None:
    if value in (None, ""):
        return None
    for known in LANGS:
        if value == known:
            return known
    raise MalformedRequest(
        f"lang must be one of {', '.join(LANGS)}, not {value!r}.", code="invalid_input"
    )


TRUE_WORDS, FALSE_WORDS = ("true", "1", "yes", "on"), ("false", "0", "no", "off", "")


def form_flag(name: str) -> bool:
    """A multipart or form field ``name`` as yes or no (absent: no)."""
    value = request.form.get(name, "").strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise MalformedRequest(f"{name} is true or false, not {value!r}.", code="invalid_input")


def uploaded(field: str = "file", what: str = "the file") -> tuple[bytes, str]:
    """A multipart file field's bytes (within the upload limit) and its file name."""
    from docservice.checking import MAX_FILE_BYTES

    upload = request.files.get(field)
    if upload is None or not upload.filename:
        raise MalformedRequest(
            f"Send {what} as the multipart field {field!r}.", code="unreadable_input"
        )
    data = upload.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise MalformedRequest(f"{what.capitalize()} is larger than {MAX_FILE_BYTES // 2**20} MB.")
    return data, upload.filename
