"""PDF pages: the text layer with positions (pdfplumber) and the page as pixels (pypdfium2)."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from functools import partial

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from checkers.errors import OverLimit, UnreadableDocument
from checkers.facts.model import Image, Word

TEXT_DPI = 150  # pages whose text layer is read: pixels only for the marks
OCR_DPI = 300  # pages read by OCR
MIN_TEXT_CHARS = 25
# The PDF standard's largest page (ISO 32000: 14 400 units, 200 inches): anything larger is no
# page of a document, and would take gigabytes to render
MAX_PAGE_SIDE_PT = 14_400.0
# A rendered page's pixels and longer side: a page that would be larger at the asked resolution
# (a scan saved at 72 dpi measures a metre) is rendered at a lower one. An A3 page at 300 dpi
# is 17 million pixels, an A4 one 8.7 million.
MAX_RENDER_PIXELS = 16_000_000
MAX_RENDER_SIDE = 5_000


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


def render_scale(width_pt: float, height_pt: float, dpi: int) -> float:
    """Pixels a point for a page rendered at ``dpi``, less for a page so large it would pass
    ``MAX_RENDER_PIXELS`` or ``MAX_RENDER_SIDE``."""
    width_pt, height_pt = max(width_pt, 1.0), max(height_pt, 1.0)
    by_area = math.sqrt(MAX_RENDER_PIXELS / (width_pt * height_pt))
    return min(dpi / 72, MAX_RENDER_SIDE / max(width_pt, height_pt), by_area)


def _measured(data: bytes, filename: str, max_pages: int) -> None:
    """The page count and every page's size, from the PDF's structure alone (pdfium), refused
    past their limits before a page's content is parsed or rendered."""
    what = filename or "The PDF"
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableDocument(
            f"{what} cannot be opened as a PDF ({exc}); export it again, or scan the paper "
            "document."
        ) from None
    try:
        count = len(document)
        if count > max_pages:
            raise OverLimit(
                f"{what} has {count} pages; at most {max_pages} are read. Send only the pages "
                "of this document.",
                "pages",
            )
        if count == 0:
            raise UnreadableDocument(f"{what} has no pages; send the document again.")
        for index in range(count):
            try:
                width, height = document[index].get_size()
            except pdfium.PdfiumError as exc:
                raise UnreadableDocument(
                    f"Page {index + 1} of {what} cannot be read: the PDF's structure is "
                    f"damaged ({exc}). Export it again, or scan the paper document."
                ) from None
            if max(width, height) > MAX_PAGE_SIDE_PT:
                raise OverLimit(
                    f"Page {index + 1} of {what} measures {width / 72 * 2.54 / 100:.1f} × "
                    f"{height / 72 * 2.54 / 100:.1f} m, larger than any PDF page may be (5.08 m); "
                    "export the document again at its paper size.",
                    "page_size",
                )
    finally:
        document.close()


def read_pdf(data: bytes, filename: str, max_pages: int) -> list[PdfPage]:
    _measured(data, filename, max_pages)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = []
            for index, page in enumerate(pdf.pages, start=1):
                words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
                usable = _usable(words)
                pages.append(
                    PdfPage(
                        index,
                        _lines(words, render_scale(page.width, page.height, TEXT_DPI))
                        if usable
                        else [],
                        float(page.width),
                        float(page.height),
                    )
                )
            return pages
    except (MemoryError, OverLimit):
        raise
    except Exception as exc:  # a damaged structure: a loop in its page tree, a bad stream
        raise UnreadableDocument(
            f"{filename or 'The file'} cannot be opened as a PDF: its structure is damaged "
            f"({type(exc).__name__}). Export it again, or scan the paper document."
        ) from None


def render(data: bytes, number: int, dpi: int) -> Image:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableDocument(f"The PDF cannot be rendered ({exc}).") from None
    try:
        page = document[number - 1]
        width, height = page.get_size()
        # three channels in RGB order, rows packed, in memory Python owns: the array is the
        # renderer's own buffer, not a copy of it (a page at 300 dpi is 26 MB)
        bitmap = page.render(
            scale=render_scale(width, height, dpi),
            force_bitmap_format=pdfium_c.FPDFBitmap_BGR,
            rev_byteorder=True,
            bitmap_maker=partial(pdfium.PdfBitmap.new_foreign, force_packed=True),
        )
        image = np.asarray(bitmap.to_numpy(), dtype=np.uint8)
        if bitmap.mode != "RGB" or not image.flags["C_CONTIGUOUS"]:
            image = np.ascontiguousarray(image[:, :, 2::-1] if bitmap.mode != "RGB" else image)
        return image
    finally:
        document.close()
