"""Several files sent for one document become one PDF, checked as one set: boarding passes as
separate PDFs or phone photos, the pages of a letter photographed one by one. Each PDF's pages
are kept as they are (pypdf); each photo becomes a page of its own (Pillow), at a resolution
that makes it an A4-sized page, so it is read as the scan it is."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from checkers.facts import MAX_FILE_BYTES
from docservice.errors import InputError, UnreadableInput, say

MAX_FILES = 12
A4_LONG_SIDE_INCHES = 11.69


@dataclass(frozen=True)
class Sent:
    data: bytes
    filename: str


def _kind(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")):
        return "image"
    return None


def combined(files: list[Sent]) -> Sent:
    """One file as it is; several as one PDF, in the order sent. An input error names the file
    that cannot be used."""
    files = [f for f in files if f.data]
    if len(files) == 1:
        return files[0]
    if not files:
        raise UnreadableInput(say("The file is empty; send the document (PDF, JPEG or PNG)."))
    if len(files) > MAX_FILES:
        raise InputError(
            say("Send at most %(most)d files for one document at once.", most=MAX_FILES)
        )
    if sum(len(f.data) for f in files) > MAX_FILE_BYTES:
        raise InputError(
            say(
                "The files are larger than %(mb)d MB together; send smaller scans.",
                mb=MAX_FILE_BYTES // 2**20,
            )
        )
    writer = PdfWriter()
    for sent in files:
        kind = _kind(sent.data)
        try:
            if kind == "pdf":
                writer.append(PdfReader(io.BytesIO(sent.data)))
            elif kind == "image":
                writer.append(PdfReader(io.BytesIO(_image_page(sent.data))))
            else:
                raise ValueError("not a PDF, JPEG or PNG")
        except (PyPdfError, UnidentifiedImageError, ValueError, OSError):
            raise UnreadableInput(
                say(
                    "%(file)s is not a PDF / JPEG / PNG file that can be read; scan or export "
                    "the document to PDF and upload that.",
                    file=sent.filename or say("The file"),
                )
            ) from None
    out = io.BytesIO()
    writer.write(out)
    return Sent(out.getvalue(), " + ".join(f.filename or "?" for f in files)[:250])


def _image_page(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as opened:
        upright = ImageOps.exif_transpose(opened).convert("RGB")  # a phone photo stands upright
        dpi = max(upright.size) / A4_LONG_SIDE_INCHES
        page = io.BytesIO()
        upright.save(page, "PDF", resolution=max(72.0, dpi))
        return page.getvalue()
