"""Machine-readable zones found on a page's pixels and read with the zone's own characters.

A zone is two or three lines of OCR-B across most of a document's width: made into one bar by
joining the characters of each line and the lines to each other, it is a long, low rectangle
that nothing else on a passport or identity page makes. It is looked for the way the page lies,
then turned a quarter, a half and three quarters (a booklet photographed on its side), on a copy
scaled to a fixed width (a small web image is scaled up, a large scan down); only the band found
is read, with tesseract limited to A–Z, 0–9 and ``<``, so the zone is read with its own
character set every time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import cv2
import numpy as np

from checkers import mrz
from checkers.facts.images import straighten, turn
from checkers.facts.model import Image
from checkers.facts.ocr import OcrEngine, Tesseract

WORK_WIDTH = 1200  # pixels the page is looked at across
ZONE_OCR = Tesseract(
    languages="eng",
    psm=6,
    options=("tessedit_char_whitelist=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<",),
)


def _bands(gray: np.ndarray) -> list[tuple[tuple[int, int, int, int], bool]]:
    """Long, low bars of dark characters: candidate zones as (x, y, w, h), each with whether
    it has a zone's two or three lines; those first, then the widest."""
    h, w = gray.shape
    blackhat = cv2.morphologyEx(
        gray, cv2.MORPH_BLACKHAT, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 7))
    )
    gradient = np.absolute(cv2.Sobel(blackhat, cv2.CV_32F, 1, 0, ksize=-1))
    low, high = float(gradient.min()), float(gradient.max())
    gradient = ((gradient - low) / max(high - low, 1.0) * 255).astype(np.uint8)
    joined = cv2.morphologyEx(
        gradient, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (25, 5))
    )
    _, bars = cv2.threshold(joined, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    bars = cv2.morphologyEx(
        bars, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (35, 21))
    )
    bars = cv2.erode(bars, np.ones((3, 3), np.uint8), iterations=2)
    contours, _ = cv2.findContours(bars, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    lines = []
    for contour in contours:
        x, y, bw, bh = cv2.boundingRect(contour)
        if bw >= 0.45 * w and bw >= 8 * bh and bh >= 0.008 * h:
            lines.append((x, y, bw, bh))
    # a zone's lines, one under the other, of one width: one band
    lines.sort(key=lambda b: b[1])
    bands: list[list[tuple[int, int, int, int]]] = []
    for line in lines:
        if bands:
            last = bands[-1][-1]
            overlap = min(last[0] + last[2], line[0] + line[2]) - max(last[0], line[0])
            if (
                overlap >= 0.8 * min(last[2], line[2])
                and line[1] - (last[1] + last[3]) <= 3 * last[3]
            ):
                bands[-1].append(line)
                continue
        bands.append([line])
    joined_bands = []
    for group in bands:
        x0 = min(b[0] for b in group)
        y0 = min(b[1] for b in group)
        x1 = max(b[0] + b[2] for b in group)
        y1 = max(b[1] + b[3] for b in group)
        joined_bands.append((len(group), (x0, y0, x1 - x0, y1 - y0)))
    # two or three lines first (a zone's), then the widest
    ranked = sorted(joined_bands, key=lambda g: (g[0] not in (2, 3), -g[1][2]))
    return [(band, lines in (2, 3)) for lines, band in ranked]


# How the band is shown to tesseract: letters of some 26, 32 and 44 pixels across, in grey and
# made black and white. Each reading drops or mistakes a few characters (a filler read as K);
# they rarely agree on a mistake.
VIEWS = ((32, False), (26, True), (44, False), (32, True), (26, False), (44, True))


def _view(crop: np.ndarray, per_character: int, black_and_white: bool) -> np.ndarray:
    # a zone is 44, 36 or 30 characters across: its width says how large its letters are
    scale = max(0.5, min(4.0, 44 * per_character / max(crop.shape[1], 1)))
    resized = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    if black_and_white:
        gray = cv2.cvtColor(resized, cv2.COLOR_RGB2GRAY)
        _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
        resized = cv2.cvtColor(ink, cv2.COLOR_GRAY2RGB)
    return np.asarray(resized, np.uint8)


def _voted(texts: list[str]) -> mrz.Mrz | None:
    """The zone the readings agree on, character by character: for each shape, the lines of
    the right length, the character most of them read at each place."""
    best: mrz.Mrz | None = None
    for (count, width), _kind in mrz.SHAPES.items():
        readings = []
        for text in texts:
            rows = mrz.zone_rows(text, width)
            if len(rows) == count:
                readings.append(rows)
        if len(readings) < 2:
            continue
        lines = [
            "".join(
                Counter(r[line][i] for r in readings).most_common(1)[0][0] for i in range(width)
            )
            for line in range(count)
        ]
        try:
            zone = mrz.parse(lines, autocorrect=True)
        except mrz.MrzError:
            continue
        if best is None or _held(zone) > _held(best):
            best = zone
    return best


def _read_band(
    image: np.ndarray, band: tuple[int, int, int, int], ocr: OcrEngine
) -> mrz.Mrz | None:
    """The band read in several views; the reading the views agree on character by character,
    or else the one whose check digits hold best."""
    x, y, bw, bh = band
    pad_x, pad_y = int(0.04 * bw), int(0.35 * bh)
    h, w = image.shape[:2]
    crop = image[
        max(0, y - pad_y) : min(h, y + bh + pad_y), max(0, x - pad_x) : min(w, x + bw + pad_x)
    ]
    crop, _angle = straighten(np.asarray(crop, np.uint8))  # a zone a degree off level
    texts: list[str] = []
    single: mrz.Mrz | None = None
    for number, (per_character, black_and_white) in enumerate(VIEWS):
        lines: dict[int, list[str]] = {}
        for word in ocr.words(_view(crop, per_character, black_and_white), dpi=300):
            lines.setdefault(word.line, []).append(word.text)
        texts.append("\n".join("".join(ws) for _, ws in sorted(lines.items())))
        zone = mrz.find(texts[-1])
        if zone is not None and (single is None or _held(zone) > _held(single)):
            single = zone
        if number >= 2 and (voted := _voted(texts)) is not None and voted.valid:
            return voted
        if number == 1 and single is None:
            return None  # no zone's lines at all: not worth more views
    voted = _voted(texts)
    if voted is not None and (single is None or _held(voted) >= _held(single)):
        return voted
    return single


def _held(zone: mrz.Mrz) -> int:
    return sum(zone.checks.values())


@dataclass(frozen=True)
class ZoneReading:
    zone: mrz.Mrz | None  # the zone read, the best of its readings
    seen: bool  # a band of two or three lines like a zone's is on the page


def read_zone(image: Image, ocr: OcrEngine = ZONE_OCR) -> ZoneReading:
    """The page's zone, whichever way the page lies: the reading whose check digits hold best,
    and whether a zone-like band was there at all (read or not)."""
    best: mrz.Mrz | None = None
    seen = False
    for quarter in (0, 90, 270, 180):
        turned = turn(image, quarter)
        scale = WORK_WIDTH / turned.shape[1]
        shrink = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
        small = cv2.resize(turned, None, fx=scale, fy=scale, interpolation=shrink)
        gray = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
        for band, like_a_zone in _bands(gray)[:2]:
            seen = seen or like_a_zone
            x, y, bw, bh = (int(v / scale) for v in band)
            zone = _read_band(turned, (x, y, bw, bh), ocr)
            if zone is not None and (best is None or _held(zone) > _held(best)):
                best = zone
            if best is not None and best.valid:
                return ZoneReading(best, True)
    return ZoneReading(best, seen or best is not None)
