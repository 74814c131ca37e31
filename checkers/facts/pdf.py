"""PDF pages: the text layer with positions (pdfplumber) and the page as pixels (pypdfium2)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from checkers.errors import UnreadableDocument
from checkers.facts.model import Image, Word

TEXT_DPI = 150  # pages whose text layer is read: pixels only for the marks
OCR_DPI = 300  # pages read by OCR
MIN_TEXT_CHARS = 25


@dataclass
class PdfPage:
    number: int
    words: list[Word]  # in pixels at TEXT_DPI; empty when the text layer is unusable
    width_pt: float
    height_pt: float


def _usable(words: list[dict[str, object]]) -> bool:
    text = "".join(str(w["text"]) for w in words)
    if len(text) < MIN_TEXT_CHARS:
        return False
    return (
        text.count("(cid:") * 6 < len(text) * 0.1
        and sum(c.isalpha() for c in text) > len(text) * 0.4
    )


def _lines(words: list[dict[str, object]], scale: float) -> list[Word]:
    """Words with line numbers: a word joins the line whose middle is within half its height."""
    out: list[Word] = []
    ordered = sorted(words, key=lambda w: (float(w["top"]), float(w["x0"])))  # type: ignore[arg-type]
    line, last_mid, last_height = 0, None, 0.0
    for w in ordered:
        top, bottom = float(w["top"]), float(w["bottom"])  # type: ignore[arg-type]
        mid, height = (top + bottom) / 2, bottom - top
        if last_mid is None or abs(mid - last_mid) > max(height, last_height) / 2:
            line += 1
            last_mid, last_height = mid, height
        x0, x1 = float(w["x0"]), float(w["x1"])  # type: ignore[arg-type]
        out.append(
            Word(str(w["text"]), (x0 * scale, top * scale, x1 * scale, bottom * scale), 100.0, line)
        )
    return out


def read_pdf(data: bytes, filename: str, max_pages: int) -> list[PdfPage]:
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > max_pages:
                raise UnreadableDocument(
                    f"{filename or 'The PDF'} has {len(pdf.pages)} pages; at most {max_pages} "
                    "are read. Send only the pages of this document."
                )
            pages = []
            for index, page in enumerate(pdf.pages, start=1):
                words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
                usable = _usable(words)
                pages.append(
                    PdfPage(
                        index,
                        _lines(words, TEXT_DPI / 72) if usable else [],
                        float(page.width),
                        float(page.height),
                    )
                )
            return pages
    except UnreadableDocument:
        raise
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise UnreadableDocument(
            f"{filename or 'The file'} cannot be opened as a PDF ({type(exc).__name__}); export "
            "it again, or scan the paper document."
        ) from None


def render(data: bytes, number: int, dpi: int) -> Image:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableDocument(f"The PDF cannot be rendered ({exc}).") from None
    try:
        bitmap = document[number - 1].render(scale=dpi / 72)
        image = np.asarray(bitmap.to_numpy()[:, :, :3], dtype=np.uint8)
        if bitmap.mode in ("BGRA", "BGRX", "BGR"):
            image = np.ascontiguousarray(image[:, :, ::-1])
        return image
    finally:
        document.close()
