"""Two-dimensional symbols on a page (PDF417, Aztec, QR, DataMatrix), decoded by zxing-cpp.

A page is first tried as the facts already hold it. A page where nothing is found is looked at
again with more pixels (a PDF rendered at a higher resolution, a small photo scaled up), with even
lighting for photos, and at small counter-rotations: zxing-cpp finds Aztec and QR at any angle
but not a skewed PDF417, whose rows then cut across each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import cv2
import numpy as np
import zxingcpp

from checkers.facts.images import even_lighting
from checkers.facts.model import Box, DocumentFacts, Image, PageFacts
from checkers.facts.pdf import render

FORMATS = (
    zxingcpp.BarcodeFormat.PDF417,
    zxingcpp.BarcodeFormat.Aztec,
    zxingcpp.BarcodeFormat.QRCode,
    zxingcpp.BarcodeFormat.DataMatrix,
)
Formats = tuple[zxingcpp.BarcodeFormat, ...]
SECOND_LOOK_DPI = 400
MAX_PIXELS = 40_000_000  # a page larger than this is not rendered again at a higher resolution
SMALL_IMAGE = 2000  # a photo or screenshot whose longer side is shorter is scaled up
COUNTER_ROTATIONS = (-4.0, 4.0, -8.0, 8.0, -13.0, 13.0, -20.0, 20.0)


@dataclass(frozen=True)
class Symbol:
    page: int  # 1-based
    format: str  # "PDF417", "Aztec", "QRCode", "DataMatrix"
    text: str
    box: Box  # fractions of the page (0–1), upright


def _gray(image: Image) -> np.ndarray:
    return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image


def _rotate(gray: np.ndarray, degrees: float) -> np.ndarray:
    h, w = gray.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def _decode(gray: np.ndarray, formats: Formats = FORMATS) -> list[tuple[str, str, Box]]:
    h, w = gray.shape[:2]
    found = []
    for barcode in zxingcpp.read_barcodes(
        np.ascontiguousarray(gray), formats=zxingcpp.BarcodeFormats(list(formats))
    ):
        if not barcode.valid or not barcode.text:
            continue
        p = barcode.position
        xs = [p.top_left.x, p.top_right.x, p.bottom_left.x, p.bottom_right.x]
        ys = [p.top_left.y, p.top_right.y, p.bottom_left.y, p.bottom_right.y]
        box = (
            max(0.0, min(xs) / w),
            max(0.0, min(ys) / h),
            min(1.0, max(xs) / w),
            min(1.0, max(ys) / h),
        )
        found.append((barcode.format.name, barcode.text, box))
    return found


def _views(page: PageFacts, data: bytes, is_pdf: bool) -> Iterator[np.ndarray]:
    """Ever costlier views of the page for a second look, each made only when asked for."""
    if is_pdf and page.dpi:
        scale = SECOND_LOOK_DPI / page.dpi
        if scale > 1.3 and page.width * page.height * scale * scale <= MAX_PIXELS:
            yield _gray(render(data, page.number, SECOND_LOOK_DPI))
            return
    longest = max(page.width, page.height)
    if longest < SMALL_IMAGE:
        factor = SMALL_IMAGE / longest
        yield cv2.resize(
            _gray(page.image), None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC
        )
    if not is_pdf:
        yield _gray(even_lighting(page.image))


def read_page(
    page: PageFacts,
    data: bytes = b"",
    *,
    is_pdf: bool = False,
    enough: Callable[[list[Symbol]], bool] | None = None,
) -> list[Symbol]:
    """The symbols on one page. Costlier looks are taken while ``enough`` (by default: any
    symbol at all) says symbols are missing, e.g. a flight printed without its barcode read."""
    done = enough or bool
    found: list[Symbol] = []

    def add(view: np.ndarray, formats: Formats = FORMATS) -> bool:
        for fmt, text, box in _decode(view, formats):
            if all(s.text != text for s in found):
                found.append(Symbol(page.number, fmt, text, box))
        return done(found)

    gray = _gray(page.image)
    if add(gray):
        return found
    looked = [gray]
    for view in _views(page, data, is_pdf):
        looked.append(view)
        if add(view):
            return found
    # A skewed PDF417: zxing-cpp reads it only once its rows run level again.
    for degrees in COUNTER_ROTATIONS:
        if add(_rotate(looked[-1], degrees), (zxingcpp.BarcodeFormat.PDF417,)):
            break
    return found


def read_symbols(
    facts: DocumentFacts, enough: Callable[[PageFacts, list[Symbol]], bool] | None = None
) -> list[Symbol]:
    """Every symbol in the document, page by page (``enough`` as for :func:`read_page`)."""
    out: list[Symbol] = []
    for page in facts.pages:
        done = (lambda found, page=page: enough(page, found)) if enough else None
        out.extend(read_page(page, facts.data, is_pdf=facts.is_pdf, enough=done))
    return out
