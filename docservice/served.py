"""Uploaded files served back, safely: the type comes from the file's own first bytes, never
from the name it was sent with, and only a PDF, JPEG or PNG is shown in the browser; anything
else is a download of unknown type. A file named ``agreement.html`` that starts
``%PDF-1.4<html>`` is served as a PDF, and a page of HTML never runs from the office's own
address."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from flask import Response, send_file

from docservice.tabular import TABLE_TYPES, table_bytes

SHOWN = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
SUFFIXES = {"pdf": ".pdf", "jpeg": ".jpg", "png": ".png"}


def detected(head: bytes) -> str | None:
    """The kind of file its first bytes say it is: pdf, jpeg, png, or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    return None


def send_upload(path: Path, filename: str, *, inline: bool = False) -> Response:
    """The stored upload at ``path`` as a response. ``inline``: shown in the browser, when it
    is a PDF or an image; otherwise, and for any other content, an attachment."""
    with path.open("rb") as stream:
        kind = detected(stream.read(16))
    name = Path(filename or "document").stem or "document"
    if kind is None:
        response = send_file(
            path,
            mimetype="application/octet-stream",
            as_attachment=True,
            download_name=f"{name}.bin",
        )
    else:
        response = send_file(
            path,
            mimetype=SHOWN[kind],
            as_attachment=not inline,
            download_name=name + SUFFIXES[kind],
        )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers.setdefault("Content-Security-Policy", "default-src 'none'; sandbox")
    return response


def send_bytes(data: bytes, mimetype: str, name: str) -> Response:
    """A file made for the reader (a sheet, a PDF) as a download named ``name``."""
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name)


def send_table(
    rows: list[dict[str, Any]], fmt: str, stem: str, headings: dict[str, str] | None = None
) -> Response:
    """Rows as a CSV or XLSX download named ``stem``."""
    return send_bytes(table_bytes(rows, fmt, headings), TABLE_TYPES[fmt], f"{stem}.{fmt}")
