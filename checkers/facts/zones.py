"""Machine-readable zones found on a page's pixels and read with the zone's own characters.

A zone is two or three lines of OCR-B across most of a document's width: made into one bar by
joining the characters of each line and the lines to each other, it is a long, low rectangle
that nothing else on a passport or identity page makes. It is looked for the way the page lies,
then turned a quarter, a half and three quarters (a booklet photographed on its side), on a copy
scaled to a fixed width (a small web image is scaled up, a large scan down); only the band found
is read, with tesseract limited to A–Z, 0–9 and ``<``, so the zone is read with its own
character set every time. Where a line reader is given (``checkers.facts.lines``: PaddleOCR's
recogniser, trained on photographed text), it reads the band once too: tesseract, even held to
the zone's characters, takes ``0`` for ``O`` and loses its count of widely set characters, where
the line reader does not, so its characters come first where the two differ that way.

OCR reads a filler as a K, an E or ``<K``, and drops or adds fillers in a long run of them, so a
zone's name field is not taken from OCR alone. The zone is set in a fixed pitch: each place's
picture is cut out, the picture repeated most often that has a filler's chevron shape is the
zone's own filler, and every place is a filler or a letter by its likeness to it. The readings'
runs of letters are then put in the places of letters, each in the run of its own length, and
the readings vote place by place.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np

from checkers import mrz
from checkers.facts.images import straighten, turn
from checkers.facts.model import Image
from checkers.facts.ocr import OcrEngine, Tesseract
from checkers.facts.zone_places import Fillers, zone_fillers
from checkers.facts.zone_votes import held, voting

WORK_WIDTH = 1200  # pixels the page is looked at across
ZONE_OCR = Tesseract(
    languages="eng",
    psm=6,
    options=("tessedit_char_whitelist=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<",),
)


def _bands(
    gray: np.ndarray, narrowest: float = 0.45
) -> tuple[list[tuple[tuple[int, int, int, int], bool]], list[float]]:
    """Long, low bars of dark characters at least ``narrowest`` of the page's width: candidate
    zones as (x, y, w, h), each with whether it has a zone's two or three lines; those first,
    then the widest. And the angles of such bars lying some degrees off level."""
    h, w = gray.shape
    blackhat = cv2.morphologyEx(
        gray, cv2.MORPH_BLACKHAT, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 7))
    )
    # scaled to 0-255 in place: a page looked at closely is 8 million pixels, and a new
    # float array of that size for each step cost more than the steps
    gradient = cv2.Sobel(blackhat, cv2.CV_32F, 1, 0, ksize=-1)
    np.absolute(gradient, out=gradient)
    low, high, _, _ = cv2.minMaxLoc(gradient)
    np.subtract(gradient, low, out=gradient)
    np.divide(gradient, max(high - low, 1.0), out=gradient)
    np.multiply(gradient, 255, out=gradient)
    joined = cv2.morphologyEx(
        gradient.astype(np.uint8),
        cv2.MORPH_CLOSE,
        cv2.getStructuringElement(cv2.MORPH_RECT, (25, 5)),
    )
    _, bars = cv2.threshold(joined, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    bars = cv2.morphologyEx(
        bars, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (35, 21))
    )
    bars = cv2.erode(bars, np.ones((3, 3), np.uint8), iterations=2)
    contours, _ = cv2.findContours(bars, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    lines = []
    blocks: list[tuple[int, int, int, int]] = []
    tilted: list[float] = []
    for contour in contours:
        x, y, bw, bh = cv2.boundingRect(contour)
        if bw >= narrowest * w and bw >= 8 * bh and bh >= 0.008 * h:
            lines.append((x, y, bw, bh))
        elif (angle := _tilt(contour, narrowest * w, 0.008 * h)) is not None:
            tilted.append(angle)
        elif bw >= narrowest * w and bw >= 3 * bh:
            blocks.append((x, y, bw, bh))  # a zone's lines run together into one block
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
    joined_bands += [(0, block) for block in blocks]
    # two or three lines first (a zone's), then the widest
    ranked = sorted(joined_bands, key=lambda g: (g[0] not in (2, 3), -g[1][2]))
    return [(band, lines in (2, 3)) for lines, band in ranked], tilted


TILTED = 3.0  # degrees off level from which a long, low bar is levelled before it is read


def _tilt(contour: np.ndarray, longest: float, lowest: float) -> float | None:
    """The angle of a long, low bar that lies a few degrees off level (a phone photo), or
    nothing: the degrees to turn the page by to level it."""
    (_x, _y), (width, height), angle = cv2.minAreaRect(contour)
    if width < height:
        width, height, angle = height, width, angle - 90
    if angle > 45:
        angle -= 180
    elif angle < -45:
        angle += 180
    if width >= longest and width >= 8 * height and height >= lowest and TILTED <= abs(angle) <= 45:
        return float(angle)
    return None


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


BAND_HEIGHT = 288  # pixels the band is shown to the line reader at: its lines some 90 tall


def _line_reading(crop: np.ndarray, lines: OcrEngine) -> str:
    """The band as the line reader reads it, one line of text for each line it finds."""
    scale = max(0.5, min(4.0, BAND_HEIGHT / max(crop.shape[0], 1)))
    view = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    found: dict[int, list[str]] = {}
    for word in lines.words(np.asarray(view, np.uint8), dpi=300):
        found.setdefault(word.line, []).append(word.text)
    return "\n".join("".join(ws) for _, ws in sorted(found.items()))


def _read_band(
    image: np.ndarray,
    band: tuple[int, int, int, int],
    ocr: OcrEngine,
    lines: OcrEngine | None = None,
) -> mrz.Mrz | None:
    """The band read in several views, and once by the line reader where one is given and the
    first views show a zone's lines; the reading they agree on character by character (the
    line reader's characters first: ``voting``), or else the one whose check digits hold
    best."""
    x, y, bw, bh = band
    pad_x, pad_y = int(0.04 * bw), int(0.35 * bh)
    h, w = image.shape[:2]
    crop = image[
        max(0, y - pad_y) : min(h, y + bh + pad_y), max(0, x - pad_x) : min(w, x + bw + pad_x)
    ]
    crop, _angle = straighten(np.asarray(crop, np.uint8))  # a zone a degree off level
    texts: list[str] = []
    lead: str | None = None
    single: mrz.Mrz | None = None
    shapes: Fillers | None = None  # worked out when the readings are first voted

    def keep(text: str) -> None:
        nonlocal single
        zone = mrz.find(text)
        if zone is not None and (single is None or held(zone) > held(single)):
            single = zone

    for number, (per_character, black_and_white) in enumerate(VIEWS):
        read: dict[int, list[str]] = {}
        for word in ocr.words(_view(crop, per_character, black_and_white), dpi=300):
            read.setdefault(word.line, []).append(word.text)
        texts.append("\n".join("".join(ws) for _, ws in sorted(read.items())))
        keep(texts[-1])
        if number == 1:
            if single is None and not any(mrz.rows(t) for t in texts):
                return None  # no zone's lines at all: not worth more views
            if lines is not None:
                lead = _line_reading(crop, lines)
                keep(lead)
        if number >= 2:
            shapes = shapes if shapes is not None else zone_fillers(crop)
            voted, settled = voting(texts, shapes, lead)
            if voted is not None and voted.valid and settled:
                return voted
    voted, _settled = voting(texts, shapes if shapes is not None else zone_fillers(crop), lead)
    if voted is not None and (single is None or held(voted) >= held(single)):
        return voted
    if single is not None and lead is not None:
        return replace(single, name_agreed=False)  # one reading's: the other not asked
    return single


@dataclass(frozen=True)
class ZoneReading:
    zone: mrz.Mrz | None  # the zone read, the best of its readings
    seen: bool  # a band of two or three lines like a zone's is on the page


def read_zone(
    image: Image, ocr: OcrEngine = ZONE_OCR, lines: OcrEngine | None = None
) -> ZoneReading:
    """The page's zone, whichever way the page lies: the reading whose check digits hold best,
    and whether a zone-like band was there at all (read or not). Bands are looked for on the
    page as it lies and turned a quarter (a band upside down is the same band), each read the
    right way up and upside down; across WORK_WIDTH pixels, then, for a zone that is a small
    part of the page (an identity card on an A4 scan, both sides of a card side by side),
    across twice as many; and on the page levelled where a long, low bar lies some degrees
    off level (a phone photo)."""
    found = _Found(lines=lines)
    for quarter in (0, 90):
        turned = turn(image, quarter)
        tilts = found.look(turned, ocr, closer=True)
        if found.done:
            break
        for angle in sorted(set(round(a) for a in tilts))[:2]:
            found.look(_level(turned, angle), ocr, closer=False)
            if found.done:
                break
        if found.done:
            break
    return ZoneReading(found.best, found.seen or found.best is not None)


@dataclass
class _Found:
    """The best zone read so far, and whether a zone-like band was seen."""

    best: mrz.Mrz | None = None
    seen: bool = False
    lines: OcrEngine | None = None  # a second reader of the band's lines, if any

    @property
    def done(self) -> bool:
        return self.best is not None and self.best.valid

    def look(self, page: np.ndarray, ocr: OcrEngine, *, closer: bool) -> list[float]:
        """Read the page's bands (looked at across WORK_WIDTH, and closer if asked) until a
        zone's check digits hold; the angles of bars found lying off level."""
        height, across = page.shape[:2]
        read: list[tuple[int, int, int, int]] = []
        tilts: list[float] = []
        gray = cv2.cvtColor(page, cv2.COLOR_RGB2GRAY)  # made grey once, then scaled
        for width in (WORK_WIDTH, 2 * WORK_WIDTH) if closer else (WORK_WIDTH,):
            scale = width / across
            shrink = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
            small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=shrink)
            looked_closer = width > WORK_WIDTH
            bands, tilted = _bands(small, 0.25 if looked_closer else 0.45)
            if not looked_closer:
                tilts += tilted
            for band, like_a_zone in bands[:2]:
                if looked_closer and not like_a_zone:
                    continue  # looked at closer, only a band of a zone's two or three lines
                self.seen = self.seen or like_a_zone
                x, y, bw, bh = (int(v / scale) for v in band)
                if any(_same_place((x, y, bw, bh), other) for other in read):
                    continue
                read.append((x, y, bw, bh))
                upside_down = (across - x - bw, height - y - bh, bw, bh)
                for half, box in ((0, (x, y, bw, bh)), (180, upside_down)):
                    zone = _read_band(turn(page, half), box, ocr, self.lines)
                    if zone is not None and (self.best is None or held(zone) > held(self.best)):
                        self.best = zone
                    if self.done:
                        return tilts
        return tilts


def _level(page: np.ndarray, degrees: float) -> np.ndarray:
    """The page turned by ``degrees`` on a canvas large enough to keep its corners."""
    h, w = page.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    width, height = int(h * sin + w * cos), int(h * cos + w * sin)
    matrix[0, 2] += width / 2 - w / 2
    matrix[1, 2] += height / 2 - h / 2
    levelled = cv2.warpAffine(page, matrix, (width, height), borderValue=(255, 255, 255))
    return np.asarray(levelled, np.uint8)


def _same_place(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    """Two bands that are mostly one, read once: each is mostly the other. A band found
    within a larger one (a zone's lines inside the frame drawn round them) is read again."""
    across = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    down = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return across > 0 and down > 0 and across * down >= 0.6 * max(a[2] * a[3], b[2] * b[3])
