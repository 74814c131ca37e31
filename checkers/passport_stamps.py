"""Passport pages with border stamps (domain §6): exit from Türkiye on or before the start and
entry back on or after the end, within the office's travel window.

Stamps are found as blobs of ink on the page (any colour: ink is saturated or dark, the
guilloche behind it pale), each blob is turned upright by the angle of its outline (a stamp may
sit at up to ±30°) and read by tesseract on its own. Its date is read in every short form stamps
use, its direction from the words on it (ÇIKIŞ/EXIT, GİRİŞ/ENTRY, …) and its country from the
Turkish wording or a Schengen country code. An identity page's machine-readable zone is read,
its check digits validated and its name compared with the participant's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field, replace

import cv2
import numpy as np
from rapidfuzz.distance import Levenshtein

from checkers import mrz
from checkers.crossings import ENTRY, EXIT, Crossing, journey_checks, journey_dates
from checkers.dates import compact_dates_in, normalize
from checkers.facts.model import Box, DocumentFacts, Image, PageFacts
from checkers.facts.ocr import OcrEngine, Tesseract
from checkers.facts.zones import read_zone
from checkers.mobility import MobilityLike
from checkers.names import tokens
from checkers.report import Check, Evidence, Report, Status
from checkers.text import fold, strip_marks
from checkers.travel import TravelRule, in_window

KIND = "passport_stamps"
STAMP_SIDE = 600  # pixels the longer side of a stamp is scaled to before it is read
MIN_SIDE, MAX_SIDE = 0.08, 0.7  # a stamp's longer side, as a share of the page's width
LINE_SIDE = 0.03  # the least a line of a stamp's text measures, as a share of the page's width
INK_CONTRAST = 50  # how much darker than its paper a pixel of ink is (0–255)
COLOURED = 60  # the saturation (0–255) of a stamp's ink that makes it a colour, not black
FADED_CONTRAST = 22  # the least a faded letter of a stamp found by its stronger ink may be
DIRECTION_WORDS = {
    EXIT: ("cikis", "exit", "departure", "ausreise", "sortie", "salida", "uscita", "utresa"),
    ENTRY: ("giris", "entry", "arrival", "einreise", "entree", "entrada", "ingresso", "inresa"),
}
TURKISH_WORDS = re.compile(r"\b(cikis|giris)\b")
TURKISH = re.compile(r"\b(t c|tc|turkiye|turkey|havalimani|kapikule|hudut)\b")
SCHENGEN_CODES = {
    "D": "DE", "A": "AT", "F": "FR", "I": "IT", "E": "ES", "P": "PT", "NL": "NL", "B": "BE",
    "L": "LU", "DK": "DK", "S": "SE", "FIN": "FI", "N": "NO", "IS": "IS", "CH": "CH", "GR": "GR",
    "CZ": "CZ", "SK": "SK", "PL": "PL", "H": "HU", "SLO": "SI", "HR": "HR", "EST": "EE",
    "LV": "LV", "LT": "LT", "M": "MT", "BG": "BG", "RO": "RO",
}  # fmt: skip


@dataclass(frozen=True)
class Ink:
    """One stamp's ink among overlapping stamps: a band of hue (OpenCV's 0–180), or the dark
    unsaturated ink of a black stamp."""

    hue: tuple[int, int] | None

    def mask(self, hsv: np.ndarray) -> np.ndarray:
        sat, val = hsv[:, :, 1], hsv[:, :, 2]
        if self.hue is None:
            return np.asarray((sat <= 70) & (val < 110))
        low, high = self.hue
        hue = hsv[:, :, 0]
        inside = (hue >= low) & (hue < high) if low < high else (hue >= low) | (hue < high)
        return np.asarray((sat > 70) & (val < 235) & inside)


def _inks(hsv: np.ndarray, inside: np.ndarray) -> list[Ink]:
    """The inks of a blob: hue bands each holding a good share of its coloured ink, and black.
    One ink (the usual case) gives an empty list: nothing to separate."""
    sat, val = hsv[:, :, 1], hsv[:, :, 2]
    coloured = (sat > 70) & (val < 235) & inside
    black = (sat <= 70) & (val < 110) & inside
    total = int(coloured.sum() + black.sum())
    if total == 0:
        return []
    counts, _ = np.histogram(hsv[:, :, 0][coloured], bins=18, range=(0, 180))
    found: list[Ink] = []
    for index in range(18):
        left, right = counts[(index - 1) % 18], counts[(index + 1) % 18]
        if counts[index] >= 0.12 * total and counts[index] >= left and counts[index] > right:
            low, high = (index - 2) * 10 % 180, (index + 3) * 10 % 180
            found.append(Ink((low, high)))
    if black.sum() >= 0.12 * total:
        found.append(Ink(None))
    return found if len(found) >= 2 else []


@dataclass(frozen=True)
class Blob:
    page: PageFacts
    box: Box  # pixels of the page image
    angle: float  # degrees that turn its lines level, -35 to 35
    darkness: np.ndarray = field(repr=False, compare=False)  # how dark its ink is (_crop)
    ink: Ink | None = None  # one ink of several stamps that overlap; None: all the ink there


@dataclass(frozen=True)
class StampReading:
    blob: Blob
    text: str
    date: dt.date | None
    direction: str | None
    country: str | None
    guessed: bool = False  # the date rests on a guess at a worn digit (see fix_dates)
    host_said: bool = False  # the direction was told by the host country's stamp that day
    arrow: str | None = None  # the direction an arrow on the stamp shows

    def crossing(self) -> Crossing:
        return Crossing(
            self.date,
            self.direction,
            self.country,
            None,
            Evidence(self.blob.page.number, self.blob.page.fraction(self.blob.box), self.text),
        )


def ink_contrast(image: Image) -> np.ndarray:
    """How much darker than the paper around it each pixel is, in its darkest colour channel:
    ink of any colour stands out, the pale guilloche of a visa page and a photo's uneven light
    do not (the paper is measured locally, on a small copy: it changes slowly)."""
    darkest = image.min(axis=2)
    h, w = darkest.shape
    small = cv2.resize(darkest, (max(1, w // 8), max(1, h // 8)), interpolation=cv2.INTER_AREA)
    side = max(3, small.shape[1] // 25) | 1
    paper = cv2.dilate(small, np.ones((side, side), np.uint8))  # the brightest nearby
    paper = cv2.GaussianBlur(paper, (0, 0), sigmaX=side / 2)
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR)
    return np.asarray(cv2.subtract(paper, darkest), dtype=np.uint8)


@dataclass
class _Piece:
    """A cluster of ink on the page: a whole stamp, or one line of a stamp drawn without a
    frame."""

    x: int
    y: int
    w: int
    h: int
    component: np.ndarray  # bool, h × w
    angle: float
    slender: bool  # a line of text, not a block

    def near(self, other: _Piece) -> bool:
        """Lines of one frameless stamp: level alike, one under the other, a line apart."""
        gap = 0.5 * min(self.h, other.h, self.w, other.w)
        apart_x = max(self.x, other.x) - min(self.x + self.w, other.x + other.w)
        apart_y = max(self.y, other.y) - min(self.y + self.h, other.y + other.h)
        return apart_x <= gap and apart_y <= gap and abs(self.angle - other.angle) <= 6

    def joined(self, other: _Piece) -> _Piece:
        x, y = min(self.x, other.x), min(self.y, other.y)
        w = max(self.x + self.w, other.x + other.w) - x
        h = max(self.y + self.h, other.y + other.h) - y
        both = np.zeros((h, w), bool)
        for piece in (self, other):
            both[piece.y - y : piece.y - y + piece.h, piece.x - x : piece.x - x + piece.w] |= (
                piece.component
            )
        return _Piece(x, y, w, h, both, self.angle, slender=False)


def _pieces(closed: np.ndarray, mask: np.ndarray, width: int) -> list[_Piece]:
    count, labels, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    pieces = []
    for index in range(1, count):
        x, y, w, h, _area = (int(v) for v in stats[index])
        if max(w, h) < LINE_SIDE * width or max(w, h) > MAX_SIDE * width:
            continue
        component = labels[y : y + h, x : x + w] == index
        ink = component & (mask[y : y + h, x : x + w] > 0)
        (_, _), sides, _ = cv2.minAreaRect(cv2.findNonZero(component.astype(np.uint8)))
        slender = min(sides) < 0.45 * max(sides)
        pieces.append(_Piece(x, y, w, h, component, text_angle(ink), slender))
    # the lines of a stamp without a frame, one piece each, make one stamp
    merged = True
    while merged:
        merged = False
        for i, first in enumerate(pieces):
            partner = next(
                (o for o in pieces[i + 1 :] if (first.slender or o.slender) and first.near(o)),
                None,
            )
            if partner is not None:
                pieces.remove(partner)
                pieces[i] = first.joined(partner)
                merged = True
                break
    return pieces


def find_blobs(page: PageFacts) -> list[Blob]:
    """Blobs of ink the size of a stamp: pixels clearly darker than their paper, joined across
    the gaps between a stamp's letters and the dashes of its frame (and the lines of a stamp
    that has none)."""
    contrast = ink_contrast(page.image)
    mask = cv2.morphologyEx(
        np.where(contrast > INK_CONTRAST, 255, 0).astype(np.uint8),
        cv2.MORPH_OPEN,
        np.ones((2, 2), np.uint8),
    )
    join = max(5, page.width // 70)
    closed = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (join, join)))
    hsv = cv2.cvtColor(page.image, cv2.COLOR_RGB2HSV)
    blobs = []
    for piece in _pieces(closed, mask, page.width):
        x, y, w, h = piece.x, piece.y, piece.w, piece.h
        longer = max(w, h) / page.width
        if not MIN_SIDE <= longer <= MAX_SIDE or min(w, h) < 0.25 * max(w, h):
            continue  # a speck of the pattern, a line of print, or the page's edge
        region = _hull(piece.component)
        # its ink: the frame's and that of words inside it that do not touch the frame
        inside = region & (mask[y : y + h, x : x + w] > 0)
        if inside.sum() < 0.02 * w * h:
            continue
        box = (float(x), float(y), float(x + w), float(y + h))
        inks = _inks(hsv[y : y + h, x : x + w], inside)
        if not inks:
            crop = _crop(page.image, contrast, box, region, inside)
            blobs.append(Blob(page, box, text_angle(_lettering(inside, region)), crop))
        for layer in inks:  # stamps in different inks that overlap: each read alone
            colour = layer.mask(hsv[y : y + h, x : x + w])
            own = colour & inside
            if own.sum() >= 50:
                near = cv2.dilate(colour.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
                crop = _crop(page.image, contrast, box, region & near, own)
                angle = text_angle(_lettering(own, region))
                blobs.append(Blob(page, box, angle, crop, ink=layer))
    # The words inside an oval or round frame that they do not touch are part of that stamp
    return [
        b
        for b in blobs
        if not any(o is not b and o.box != b.box and _inside(b.box, o.box) for o in blobs)
    ]


def _inside(inner: Box, outer: Box) -> bool:
    return (
        inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )  # fmt: skip


def _hull(component: np.ndarray) -> np.ndarray:
    """The component filled out to its convex outline: a stamp's faded letters lie inside."""
    points = cv2.findNonZero(component.astype(np.uint8))
    filled = np.zeros(component.shape, np.uint8)
    cv2.fillConvexPoly(filled, cv2.convexHull(points), 1)
    return filled > 0


def _lettering(ink: np.ndarray, region: np.ndarray) -> np.ndarray:
    """The ink inside a stamp's frame: its outline, a ring or an oval, would tell its own
    angle rather than that of the lines of text."""
    height, width = region.shape
    margin = max(3, int(0.12 * min(height, width))) | 1
    inner = cv2.erode(region.astype(np.uint8), np.ones((margin, margin), np.uint8)) > 0
    lettering = ink & inner
    return lettering if lettering.sum() >= 0.25 * ink.sum() else ink


def text_angle(ink: np.ndarray, limit: float = 35.0) -> float:
    """The turn that makes a stamp's lines level (its text and its frame's sides): the angle
    whose rows of ink are most sharply separated, on a small copy."""
    scale = min(1.0, 240 / max(ink.shape))
    small = cv2.resize(ink.astype(np.uint8) * 255, None, fx=scale, fy=scale)
    h, w = small.shape
    side = int(np.hypot(h, w)) + 2
    canvas = np.zeros((side, side), np.uint8)
    canvas[(side - h) // 2 : (side - h) // 2 + h, (side - w) // 2 : (side - w) // 2 + w] = small
    centre = (side / 2, side / 2)

    def sharpness(angle: float) -> float:
        turned = cv2.warpAffine(canvas, cv2.getRotationMatrix2D(centre, angle, 1.0), (side, side))
        rows = turned.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(rows)).sum())

    coarse = max(np.arange(-limit, limit + 0.1, 2.5), key=sharpness)
    return float(max(np.arange(coarse - 2.0, coarse + 2.1, 0.5), key=sharpness))


def _crop(
    image: Image, contrast: np.ndarray, box: Box, region: np.ndarray, own: np.ndarray
) -> np.ndarray:
    """How dark the stamp's own ink is at each pixel, with some paper around it. A stamp in a
    colour keeps only pixels of that colour, so a grey pattern or a stroke of another colour
    drawn across it falls away; only what lies in the stamp's own outline counts, so a
    neighbour's edge is not read with it."""
    x0, y0, x1, y1 = (int(v) for v in box)
    pad = int(0.06 * max(x1 - x0, y1 - y0))
    h, w = contrast.shape
    top, left = max(0, y0 - pad), max(0, x0 - pad)
    bottom, right = min(h, y1 + pad), min(w, x1 + pad)
    inside = np.zeros((bottom - top, right - left), bool)
    strong = np.zeros_like(inside)
    inside[y0 - top : y1 - top, x0 - left : x1 - left] = region
    strong[y0 - top : y1 - top, x0 - left : x1 - left] = own
    darkness = contrast[top:bottom, left:right]
    hsv = cv2.cvtColor(image[top:bottom, left:right], cv2.COLOR_RGB2HSV)
    keep = inside
    saturation = float(np.median(hsv[:, :, 1][strong])) if strong.any() else 0.0
    if saturation >= COLOURED:
        hue = hsv[:, :, 0].astype(np.int16)
        centre = int(np.median(hue[strong]))
        apart = np.minimum(np.abs(hue - centre), 180 - np.abs(hue - centre))
        keep = keep & (hsv[:, :, 1] >= 0.25 * saturation) & (apart <= 25)
    return np.asarray(np.where(keep, darkness, 0), dtype=np.uint8)


@dataclass(frozen=True)
class View:
    """One way to show a stamp to tesseract: its ink made black above a threshold (low, so a
    faded letter inside the outline still counts; or higher, for a smudged one), or in shades
    of grey, at a size."""

    threshold: int | None  # None: shades of grey
    side: int  # pixels of the longer side

    def render(self, ink: np.ndarray) -> np.ndarray:
        if self.threshold is None:
            shade = 255 - np.clip((ink.astype(np.float32) - 12) * (255 / 60), 0, 255)
        else:
            shade = np.where(ink > self.threshold, 0, 255)
        shade = shade.astype(np.uint8)
        scale = self.side / max(shade.shape)
        smaller = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
        return np.asarray(cv2.resize(shade, None, fx=scale, fy=scale, interpolation=smaller))


def _upright(crop: np.ndarray, degrees: float) -> np.ndarray:
    """The stamp turned by ``degrees``, on white, as tesseract takes it."""
    h, w = crop.shape[:2]
    side = int(np.hypot(h, w))
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    matrix[0, 2] += (side - w) / 2
    matrix[1, 2] += (side - h) / 2
    turned = cv2.warpAffine(crop, matrix, (side, side), borderValue=255)
    return np.asarray(cv2.cvtColor(turned, cv2.COLOR_GRAY2RGB), dtype=np.uint8)


FRAME_BAND = 0.07  # a stamp's frame lies this share of its shorter side inside its outline


def _without_frame(upright: Image) -> Image:
    """The stamp's lettering alone, as tesseract reads it best: the pieces of ink that lie
    mostly in the band along the outline of its ink, where its frame runs (solid, dashed,
    double, an oval's sides), made white, and the white around cut off. A letter that touches
    the band stays whole. Tesseract takes a frame's sides for letters (``|``) and its top and
    bottom for lines of text, and then misplaces the lines between."""
    ink = (upright[:, :, 0] < 128).astype(np.uint8)
    found = cv2.findNonZero(ink)
    if found is None:
        return upright
    x, y, w, h = cv2.boundingRect(found)
    band = int(FRAME_BAND * min(w, h))
    if min(w, h) <= 4 * band:
        return upright
    inner = np.zeros_like(ink, dtype=bool)
    inner[y + band : y + h - band, x + band : x + w - band] = True
    count, labels = cv2.connectedComponents(ink, connectivity=8)
    whole = np.bincount(labels.ravel(), minlength=count)
    within = np.bincount(labels[inner], minlength=count)
    frame = within < 0.4 * whole
    frame[0] = False  # the paper
    out = np.where(frame[labels][:, :, None], np.uint8(255), upright)
    pad = 2 * band
    return np.asarray(out[max(0, y - pad) : y + h + pad, max(0, x - pad) : x + w + pad])


def _plausible(day: dt.date, m: MobilityLike) -> bool:
    return abs((day - m.start_date).days) <= 3 * 366


# Words only a Turkish border stamp carries, with how many letters a worn stamp may lose
TURKISH_NAMES = {
    "turkiye": 1, "cumhuriyeti": 2, "havalimani": 2, "kapikule": 1, "istanbul": 1,
    "esenboga": 1, "sabiha": 1, "gokcen": 1, "hudut": 0,
}  # fmt: skip


def _country(folded: str, text: str) -> str | None:
    if TURKISH.search(folded):
        return "TR"
    for word in folded.split():
        for name, slack in TURKISH_NAMES.items():
            if len(word) >= 5 and Levenshtein.distance(word, name) <= slack:
                return "TR"
            # words run together: "TÜRKİYELCUMHURİYETİ"
            if len(name) >= 7 and len(word) > len(name) + 2 and name[:-1] in word:
                return "TR"
    # a Schengen stamp begins a line with its country's code: "D FRANKFURT"
    for token in re.findall(r"^\W*([A-Z]{1,3})\s+[A-ZÄÖÜ]{3,}", text, flags=re.M):
        if token in SCHENGEN_CODES:
            return SCHENGEN_CODES[token]
    return None


def _names_host(folded: str, text: str, m: MobilityLike) -> bool:
    """The stamp names the host city (one letter may be worn in a name of six or more), or
    bears the host country's border code of two letters or more as a word of its own (``HR``
    in a ring of stars): it is the host country's. One letter alone (``D``) is too often a
    speck read as a letter to tell a country by itself."""
    city = fold(m.receiving.city)
    slack = 1 if len(city) >= 6 else 0
    if len(city) >= 4 and (
        re.search(rf"\b{re.escape(city)}\b", folded)
        or any(Levenshtein.distance(word, city) <= slack for word in folded.split())
    ):
        return True
    codes = [c for c, iso in SCHENGEN_CODES.items() if iso == m.receiving.country and len(c) > 1]
    return any(re.search(rf"(?<![A-Za-z]){code}(?![A-Za-z])", text) for code in codes)


DIGITISH = "0-9OoQDIlL|SZBG"
# Three-letter months as stamps print them (English, Turkish, German, French), and the letters
# OCR takes for one another in a worn stamp: "AUC" is AUG, "0CT" is OCT
MONTHS3 = {
    "JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6, "JUL": 7, "AUG": 8, "SEP": 9,
    "OCT": 10, "NOV": 11, "DEC": 12, "OCA": 1, "SUB": 2, "NIS": 4, "HAZ": 6, "TEM": 7, "AGU": 8,
    "EYL": 9, "EKI": 10, "KAS": 11, "ARA": 12, "MAI": 5, "OKT": 10, "DEZ": 12, "MRZ": 3,
    "FEV": 2, "AVR": 4, "JUI": 7, "AOU": 8,
}  # fmt: skip
LETTER_SLIPS = {
    frozenset(p)
    for p in ("CG", "G6", "O0", "QO", "DO", "I1", "L1", "IL", "UV", "S5", "B8", "Z2", "EF", "PR",
              "NM", "HN", "TI", "YV", "A4", "JI", "C0", "KX")
}  # fmt: skip
# each part of a date holds at least one digit read as one ("| 28-04-25" is a frame, then a day)
_PART = rf"(?=[{DIGITISH}]*\d)[{DIGITISH}]"
NUMBER_DATE = re.compile(
    rf"(?<![A-Za-z0-9])({_PART}{{1,4}})\s?[.\-/·,:'’ ]\s?({_PART}{{1,2}})\s?"
    rf"[.\-/·,:'’ ]\s?({_PART}{{2,4}})(?![A-Za-z0-9])"
)
MONTH_DATE = re.compile(
    rf"(?<![A-Za-z0-9])([{DIGITISH}]{{1,2}})[\s.\-/·]{{0,2}}([A-Z0-9]{{3,4}}?)[\s.\-/·]{{0,2}}"
    rf"([{DIGITISH}]{{2,4}})(?![A-Za-z0-9])"
)


def stamp_month(word: str) -> str | None:
    """The month a stamp's three letters name, allowing one letter that OCR mistook for
    another it looks like."""
    word = strip_marks(word).upper()
    if word in MONTHS3:
        return word
    if len(word) == 4:  # a speck read as a letter inside the month: NO0V
        shorter = {word[:i] + word[i + 1 :] for i in range(4)} & MONTHS3.keys()
        return shorter.pop() if len(shorter) == 1 else None
    close = [
        name
        for name in MONTHS3
        if sum(a != b for a, b in zip(word, name, strict=True)) == 1
        and all(
            a == b or frozenset((a, b)) in LETTER_SLIPS for a, b in zip(word, name, strict=True)
        )
    ]
    return close[0] if len(close) == 1 else None


# Letters that are a digit's own shape in a stamp's type (O and 0, l and 1): read in a digit's
# place they are that digit. Other letters (S, Z, B, G) and digits read where none fits (a worn
# or dotted zero read as 6, 8 or 9) are put right too, but each such repair is uncertain.
SAME_SHAPE = str.maketrans("OoQDIlL|", "00001111")
LOOKALIKE = str.maketrans("SZBG", "5286")
ZERO_SLIPS = "689"


@dataclass
class _Repair:
    uncertain: int = 0

    def digits(self, group: str) -> str:
        same = group.translate(SAME_SHAPE)
        out = same.translate(LOOKALIKE)
        self.uncertain += sum(a != b for a, b in zip(same, out, strict=True))
        return out

    def place(self, digits: str, highest: int) -> str:
        """The tens of a day over 31 or a month over 12, read as 6, 8 or 9: a worn or dotted
        zero. Certain where no other digit that fits looks like what was read (a month's tens
        are 0 or 1; a 6 or 9 is no 1, 2 or 3), a guess where one does (a day's 8 may be a 3)."""
        if len(digits) == 2 and int(digits) > highest and digits[0] in ZERO_SLIPS:
            if highest == 31 and digits[0] == "8":
                self.uncertain += 1
            return "0" + digits[1]
        return digits

    def year(self, digits: str) -> str:
        """A year of this century read as 2625 or 2925: no other digit makes a year a stamp of
        this journey can bear, so this repair is certain."""
        if len(digits) == 4 and digits[0] == "2" and digits[1] in ZERO_SLIPS:
            return "20" + digits[2:]
        return digits


def fix_dates(text: str, *, guess: bool = True) -> str:
    """Dates as OCR reads a stamp's worn print, put right by their shape: ``O9MAR25`` is
    ``09MAR25``, ``08AUC25`` is ``08AUG25``, ``1O.O3.2O25`` is ``10.03.2025``, ``28-04·25``
    is ``28.04.25`` and ``2625-09-27`` is ``2025-09-27``. Only a date's digit and month places
    change. Letters of a digit's own shape (O, l) and zeros read where only a zero fits are
    certain; a date that needs any other repair (an S that may be a worn 5 or 9, a day's tens
    read as 8, which may be a 3) is a guess,
    put right only with ``guess`` and never enough to pass (see ``_interpret``)."""

    def month_date(g: re.Match[str]) -> str:
        month = stamp_month(g.group(2))
        if month is None or not any(ch.isdigit() for ch in g.group(1) + g.group(3)):
            return g.group(0)
        fix = _Repair()
        day = fix.place(fix.digits(g.group(1)).zfill(2), 31)
        year = fix.year(fix.digits(g.group(3)))
        if fix.uncertain and not guess:
            return g.group(0)
        return f"{day}{month}{year}"

    def number_date(g: re.Match[str]) -> str:
        parts = g.groups()
        fix = _Repair()
        first, second, third = (fix.digits(p) for p in parts)
        if len(first) == 4:  # 2025-04-28
            fixed = f"{fix.year(first)}-{fix.place(second.zfill(2), 12)}-"
            fixed += fix.place(third.zfill(2), 31)
        else:
            fixed = f"{fix.place(first, 31)}.{fix.place(second, 12)}.{fix.year(third)}"
        return g.group(0) if fix.uncertain and not guess else fixed

    return NUMBER_DATE.sub(number_date, MONTH_DATE.sub(month_date, text))


def direction_words(plain: str) -> list[tuple[str, int]]:
    """The words of direction in a stamp's text with where they stand: written out, or worn by
    one letter in a word of five letters or more (``GİRİS``, ``ÇIKlŞ``) where that letter fits
    one word of one direction only."""
    found = []
    for token in re.finditer(r"[a-z]{4,}", plain):
        word = token.group(0)
        near = {
            direction
            for direction, names in DIRECTION_WORDS.items()
            for name in names
            if word == name or (len(name) >= 5 and Levenshtein.distance(word, name) <= 1)
        }
        if len(near) == 1:
            found.append((near.pop(), token.start()))
    return found


def _interpret(blob: Blob, text: str, m: MobilityLike) -> list[StampReading]:
    """What one blob says: a reading per date on it (stamps overlap), each with the direction
    word nearest to it. A blob without a date still gives its direction, if any."""
    # Letters read in a date's digit places are put right and trusted; a digit read where no
    # digit fits (a worn zero read as 6) is a guess, never enough for a pass
    trusted = {d for d, _ in compact_dates_in(fix_dates(text, guess=False), m.start_date)}
    text = fix_dates(text)
    plain = normalize(text)  # lower case without diacritics, position for position
    country = _country(fold(text), text)
    if country is None and TURKISH_WORDS.search(plain):
        country = "TR"  # ÇIKIŞ and GİRİŞ are the Turkish border's words
    if country is None and _names_host(fold(text), text, m):
        country = m.receiving.country
    whole = " ".join(text.split())
    dates = [(d, span) for d, span in compact_dates_in(text, m.start_date) if _plausible(d, m)]
    words = direction_words(plain)
    if not dates:
        kinds = {k for k, _ in words}
        direction = kinds.pop() if len(kinds) == 1 else None
        return [StampReading(blob, whole, None, direction, country)]
    out = []
    for day, span in dates:
        line = plain.count("\n", 0, span[0])

        def nearness(
            word: tuple[str, int], line: int = line, end: int = span[1]
        ) -> tuple[float, bool]:
            # on the date's line or the next, after it rather than before
            return (abs(plain.count("\n", 0, word[1]) - line - 0.5), word[1] < end)

        near = sorted(words, key=nearness)
        if len(dates) == 1:
            kinds = {k for k, _ in words}
            direction = kinds.pop() if len(kinds) == 1 else None
        else:
            direction = near[0][0] if near else None
        out.append(StampReading(blob, whole, day, direction, country, day not in trusted))
    return out


def _score(readings: list[StampReading]) -> int:
    return sum(
        (100 if r.date else 0)
        + (40 if r.direction else 0)
        + (20 if r.country else 0)
        - (30 if r.guessed else 0)
        for r in readings
    ) + max((len(r.text) // 10 for r in readings), default=0)


MOSAIC_GAP = 80  # white pixels between two stamps read in one call


def _ocr_texts(ocr: OcrEngine, images: list[Image]) -> list[str]:
    """What each image says, read in one tesseract call: the images stacked one under another
    with white between (starting tesseract and loading its languages costs more than reading a
    stamp), each word given back to the image it stands in."""
    if not images:
        return []
    width = max(image.shape[1] for image in images)
    tops, rows, y = [], [], 0
    for image in images:
        padded = np.full((image.shape[0] + MOSAIC_GAP, width, 3), 255, np.uint8)
        padded[: image.shape[0], : image.shape[1]] = image
        tops.append(y)
        rows.append(padded)
        y += padded.shape[0]
    mosaic = np.vstack(rows)
    lines: list[dict[int, list[tuple[float, str]]]] = [{} for _ in images]
    for word in ocr.words(mosaic, dpi=300):
        if word.confidence < 20:
            continue
        middle = (word.box[1] + word.box[3]) / 2
        index = max(i for i, top in enumerate(tops) if top <= middle) if middle >= 0 else 0
        # a line of one image: tesseract's line, split where the image changes
        lines[index].setdefault(word.line, []).append((word.box[0], word.text))
    return [
        "\n".join(" ".join(t for _, t in sorted(ws)) for _, ws in sorted(found.items()))
        for found in lines
    ]


def _attempts(ocr: OcrEngine) -> list[tuple[View, float, OcrEngine]]:
    """How stamps are read, most telling first, as (view, turn beyond its lines' angle,
    engine): level, as one block and as scattered words (a stamp's lines are short and
    uneven), in black and in grey, large and small, then a little turned either way."""
    sparse = replace(ocr, psm=11) if isinstance(ocr, Tesseract) else ocr
    faded, firm = View(FADED_CONTRAST, STAMP_SIDE), View(35, 450)
    return [
        (faded, 0.0, ocr),
        (faded, 0.0, sparse),
        (View(None, STAMP_SIDE), 0.0, ocr),
        (View(FADED_CONTRAST, 450), 0.0, ocr),
        (firm, 0.0, sparse),
        (faded, 2.0, ocr),
        (faded, -2.0, ocr),
    ]


def _most(values: list[str | None]) -> str | None:
    """The value most readings agree on; None where two tie or nothing was read."""
    counted = Counter(v for v in values if v)
    ranked = counted.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _agreed(blob: Blob, seen: list[list[StampReading]]) -> StampReading | None:
    """One stamp's reading from all the readings of it: the date read most often (a date read
    once, only when no other was read), the direction and country most of them say."""
    single = [r for rs in seen if len(rs) == 1 for r in rs]
    dates = Counter(r.date for r in single if r.date)
    if not single:
        return None
    ranked = dates.most_common(2)
    date = None
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        date = ranked[0][0]
    guessed = date is not None and all(r.guessed for r in single if r.date == date)
    direction = _most([r.direction for r in single])
    country = _most([r.country for r in single])
    text = max((r.text for r in single if r.date == date), key=len, default=single[0].text)
    return StampReading(blob, text, date, direction, country, guessed)


def _settled(reading: StampReading | None, seen: list[list[StampReading]]) -> bool:
    """Read well enough to stop: another country's stamp once its date is read (it says
    nothing about the Turkish border); one whose country is not known once its date is read
    twice alike; Türkiye's once its direction is read too."""
    if reading is None or reading.date is None or reading.guessed:
        return False
    if reading.country is not None and reading.country != "TR":
        return True
    twice = sum(1 for rs in seen for r in rs if r.date == reading.date) >= 2
    return twice and (reading.direction is not None or reading.country is None)


def read_stamps(blobs: list[Blob], m: MobilityLike, ocr: OcrEngine) -> list[StampReading]:
    """Every stamp read in a few views until the views agree on what it says, all stamps of a
    round in one call; the direction of a stamp that gives it by an arrow alone is read from
    the arrow."""
    seen: list[list[list[StampReading]]] = [[] for _ in blobs]
    arrows = [arrow_of(blob) for blob in blobs]
    for number, (view, turn, engine) in enumerate(_attempts(ocr)):
        todo = [i for i in range(len(blobs)) if number == 0 or not _done(blobs[i], seen[i])]
        if not todo:
            break
        images = [
            _without_frame(_upright(view.render(blobs[i].darkness), blobs[i].angle + turn))
            for i in todo
        ]
        for i, text in zip(todo, _ocr_texts(engine, images), strict=True):
            seen[i].append(_interpret(blobs[i], text, m))
    return [
        r
        for blob, tries, arrow in zip(blobs, seen, arrows, strict=True)
        for r in _result(blob, tries, arrow)
    ]


def _done(blob: Blob, seen: list[list[StampReading]]) -> bool:
    if max(len(rs) for rs in seen) > 1:
        return False  # stamps on top of one another: each date read with its own words
    return _settled(_agreed(blob, seen), seen)


def _result(blob: Blob, seen: list[list[StampReading]], arrow: str | None) -> list[StampReading]:
    if max(len(rs) for rs in seen) > 1:
        return max(seen, key=_score)
    agreed = _agreed(blob, seen)
    if agreed is None:
        return max(seen, key=_score)
    if arrow is not None and agreed.country != "TR":
        agreed = replace(agreed, direction=agreed.direction or arrow, arrow=arrow)
    return [agreed]


def _pointing(lowest: np.ndarray, highest: np.ndarray) -> str | None:
    """Where a shape points, from the ink's lowest and highest rows column by column (-1
    where a column has none): a level shaft of even height (whole, or worn into dashes), then
    a head that rises at once to several times the shaft's height about the shaft's line and
    narrows steadily to its tip ("right" or "left"). Letters, digits run together and the
    dashes of a frame are none."""
    width = len(lowest)
    for side in ("right", "left"):
        low, high = (lowest, highest) if side == "right" else (lowest[::-1], highest[::-1])
        inked = high >= 0
        heights = np.where(inked, high - low + 1, 0).astype(np.float64)
        peak = int(np.argmax(heights))
        top = heights[peak]
        tail = width - 1 - peak  # from the head's widest to its tip
        if tail < 0.15 * width or tail < 0.35 * top:
            continue
        base = peak
        while base > 0 and heights[base - 1] >= 0.5 * top:
            base -= 1
        if base < 0.3 * width or peak - base > 0.08 * width + 2:
            continue
        shaft = np.arange(1, max(2, base - 1))
        shaft = shaft[inked[shaft]]
        if len(shaft) < 0.5 * (base - 2) or heights[shaft].max() > 0.45 * top:
            continue
        thin, thick = np.percentile(heights[shaft], [10, 90])
        centres = (low[shaft] + high[shaft]) / 2
        middle = heights[peak + tail // 2]
        if (
            thick > 1.6 * thin + 2  # an uneven line: letters
            or np.ptp(centres) > 0.3 * top  # not one level line
            or abs(np.median(centres) - (low[peak] + high[peak]) / 2) > 0.15 * top
            or heights[-1] > 0.5 * top  # no tip
            or not 0.25 * top <= middle <= 0.8 * top
            or (np.diff(heights[peak:]) > 0.15 * top).any()
        ):
            continue
        return side
    return None


def arrow_direction(upright: Image) -> str | None:
    """A stamp's arrow (a shaft and a head, see ``_pointing``) inside its frame: pointing
    right, into the country, an entry; left, out of it, an exit. A shaft worn into dashes is
    joined along its line first."""
    ink = (upright[:, :, 0] < 128).astype(np.uint8)
    points = cv2.findNonZero(ink)
    if points is None:
        return None
    x0, y0, width, height = cv2.boundingRect(points)
    margin = int(0.06 * min(width, height))
    joined = cv2.morphologyEx(
        ink, cv2.MORPH_CLOSE, np.ones((1, max(3, int(0.03 * width))), np.uint8)
    )
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    found: set[str] = set()
    for index in range(1, count):
        x, y, w, h, _area = (int(v) for v in stats[index])
        if not (0.07 * width <= w <= 0.35 * width and 1.5 * h <= w <= 10 * h):
            continue
        if h > 0.25 * height or min(x - x0, y - y0) < margin:
            continue
        if max(x + w - x0 - width, y + h - y0 - height) > -margin:
            continue  # the frame, or a piece of it
        own = (labels[y : y + h, x : x + w] == index) & (ink[y : y + h, x : x + w] > 0)
        rows = np.arange(h)[:, None]
        side = _pointing(np.where(own, rows, h).min(axis=0), np.where(own, rows, -1).max(axis=0))
        if side is not None:
            found.add(ENTRY if side == "right" else EXIT)
    return found.pop() if len(found) == 1 else None


def arrow_of(blob: Blob) -> str | None:
    """The stamp's arrow as seen in its ink at three strengths (all of it; only its darker
    half, so a grey stroke of the page's pattern that crosses the arrow falls away): the
    direction one shows and none contradicts."""
    ink = blob.darkness[blob.darkness > 0]
    if ink.size == 0:
        return None
    strong = float(np.percentile(ink, 95))
    seen = {
        arrow_direction(_upright(View(threshold, STAMP_SIDE).render(blob.darkness), blob.angle))
        for threshold in (FADED_CONTRAST, int(0.35 * strong), int(0.5 * strong))
    } - {None}
    return seen.pop() if len(seen) == 1 else None


def read_identity(
    facts: DocumentFacts,
) -> tuple[mrz.Mrz | None, PageFacts | None, PageFacts | None]:
    """The identity page's zone (from a page's text layer, else found on its pixels and read
    with the zone's own characters, ``facts.zones``), its page, and a page where a zone is
    printed but could not be read."""
    found: list[tuple[mrz.Mrz, PageFacts]] = []
    unread: PageFacts | None = None
    for page in facts.pages:
        if page.source == "text":
            zone = mrz.find(page.text)
        else:
            reading = read_zone(page.image)
            zone = reading.zone
            if zone is None and reading.seen:
                unread = unread or page
        if zone is not None:
            found.append((zone, page))
    if not found:
        return None, None, unread
    zone, page = max(found, key=lambda z: sum(z[0].checks.values()))
    return zone, page, None


def check_identity(zone: mrz.Mrz, page: PageFacts, m: MobilityLike) -> Check:
    p = m.participant
    wanted = f"{p.given_names} {p.surname}"
    written = f"{zone.given_names} {zone.surname}"
    where = Evidence(page.number, None, " / ".join(zone.lines))
    if not zone.valid:
        return Check(
            "identity",
            Status.FAIL if page.source == "text" else Status.REVIEW,
            f"The identity page's machine-readable zone fails its check digits "
            f"({', '.join(zone.failed)}): it was altered, or misread.",
            hint="Compare the identity page with the passport itself.",
            evidence=(where,),
        )
    named = mrz.compare_name(zone, p.surname, p.given_names)
    same_surname = sorted(tokens(zone.surname)) == sorted(tokens(p.surname))
    first_given = tokens(zone.given_names)[:1] == tokens(p.given_names)[:1]
    if named is mrz.NameMatch.SAME or (same_surname and first_given):
        return Check(
            "identity",
            Status.PASS,
            f"The passport is {wanted}'s ({written}, document {zone.number}, check digits hold).",
            evidence=(where,),
        )
    read = zone.name_field.strip("<")
    close = Levenshtein.distance(read, mrz.name_field_for(p.surname, p.given_names, len(read)))
    if named is mrz.NameMatch.UNSURE or (page.source == "ocr" and close <= 2):
        return Check(
            "identity",
            Status.REVIEW,
            f"The passport's name reads {read!r}, close to {wanted}'s, but not surely the same "
            "(a filler or a letter of the zone may be misread).",
            hint="Compare the identity page's name with the participant's.",
            evidence=(where,),
        )
    return Check(
        "identity",
        Status.FAIL,
        f"The passport is {written}'s, not {wanted}'s.",
        hint="Upload the participant's own passport pages.",
        evidence=(where,),
    )


def _said(reading: StampReading) -> str:
    said = reading.crossing().label() + f" ({reading.country or '?'}"
    if reading.host_said:
        said += ", its direction told by the host country's stamp of that day"
    return said + ")"


def _unsure_for(
    readings: list[StampReading], window: tuple[dt.date, dt.date], want: str
) -> list[StampReading]:
    """Stamps that may be the one wanted but were not read with confidence: of the right day
    with no direction read, of the right direction with a date whose digits were guessed, or
    whose date could not be read at all. Where one is, an absence proves nothing."""
    near = (window[0] - dt.timedelta(days=10), window[1] + dt.timedelta(days=10))
    return [
        r
        for r in readings
        if r.country in ("TR", None)
        and (
            (r.direction is None and in_window(r.date, window))
            or (r.guessed and r.direction in (want, None) and in_window(r.date, near))
            or (r.date is None and r.direction in (want, None))
        )
    ]


def _unsure_said(reading: StampReading) -> str:
    if reading.date is None:
        return (
            "A stamp whose date could not be read may be it "
            f"(page {reading.blob.page.number}); a person should read it."
        )
    return (
        f"A stamp dated {reading.date} ({reading.text!r}) may be it, but it could not be "
        "read with confidence."
    )


def check(
    facts: DocumentFacts,
    m: MobilityLike,
    rule: TravelRule | None = None,
    *,
    ocr: Tesseract | None = None,
) -> Report:
    engine = ocr or Tesseract(psm=6)
    zone, zone_page, unread_zone = read_identity(facts)
    blobs = [blob for page in facts.pages if page is not zone_page for blob in find_blobs(page)]
    readings = by_the_host(read_stamps(blobs, m, engine), m)
    return judge(facts, m, readings, zone, zone_page, rule, unread_zone=unread_zone)


def by_the_host(readings: list[StampReading], m: MobilityLike) -> list[StampReading]:
    """Türkiye's stamps whose direction could not be read, told it by the host country's
    stamp of the same day: on the day the host country's entry stamp says its holder came
    in, a Turkish stamp is the exit that began the journey; on the day of its exit, the entry
    that ended it. A stamp whose country was not read counts as the host's when it shows its
    direction by an arrow (Türkiye's stamps say it in words). Only dates read with
    certainty, and only where that day's host stamps agree."""
    host = m.receiving.country

    def hosts(o: StampReading) -> bool:
        return o.country == host != "TR" or (o.country is None and o.arrow is not None)

    out = []
    for r in readings:
        told = {
            o.direction
            for o in readings
            if hosts(o) and o.date == r.date and o.direction and not o.guessed
        }
        unknown = r.country == "TR" and r.date and r.direction is None and not r.guessed
        if unknown and len(told) == 1:
            r = replace(r, direction=EXIT if told.pop() == ENTRY else ENTRY, host_said=True)
        out.append(r)
    return out


def judge(
    facts: DocumentFacts,
    m: MobilityLike,
    readings: list[StampReading],
    zone: mrz.Mrz | None,
    zone_page: PageFacts | None,
    rule: TravelRule | None = None,
    *,
    unread_zone: PageFacts | None = None,
) -> Report:
    """The report from what the stamps and the identity page were read to say."""
    rule = rule or TravelRule()
    report = Report(KIND, pages=len(facts.pages), sources=facts.sources)
    unread = [r for r in readings if r.date is None]
    readings = [r for r in readings if r.date is not None or r.direction is not None]
    dated = [r for r in readings if r.date]
    if dated:
        report.add(
            Check(
                "stamps",
                Status.PASS,
                f"{len(dated)} stamp(s) read: " + "; ".join(_said(r) for r in dated) + ".",
                evidence=tuple(r.crossing().evidence for r in dated),
            )
        )
    else:
        report.add(
            Check(
                "stamps",
                Status.FAIL if not readings and facts.pages else Status.REVIEW,
                "No dated border stamp could be read on the pages.",
                hint="Upload sharp scans of the passport pages with the exit and entry stamps "
                "of this journey, or the e-Devlet entry/exit record instead.",
            )
        )
    # Only Türkiye's own stamps cross its border; a Schengen entry is the same journey seen
    # from the other side.
    # a guessed date never proves a crossing; it only keeps an absence from proving anything
    turkish = [r.crossing() for r in readings if r.country == "TR" and not r.guessed]
    journey = journey_checks(turkish, m, rule, what="the stamps")
    windows = {
        "outbound": rule.outbound_window(m.start_date),
        "return": rule.return_window(m.end_date),
    }
    wanted = {"outbound": EXIT, "return": ENTRY}
    for item in journey:
        unsure = _unsure_for(readings + unread, windows[item.id], wanted[item.id])
        if item.status is Status.FAIL and unsure:
            # a stamp of the right day whose direction could not be read: an officer decides
            item = Check(
                item.id,
                Status.REVIEW,
                item.message + " " + _unsure_said(unsure[0]),
                hint=item.hint,
                evidence=tuple(r.crossing().evidence for r in unsure),
                early_return=item.early_return,
            )
        elif item.status is Status.FAIL and "ocr" in facts.sources:
            # a worn stamp's 6 is read as 5 by every view alike: what OCR read of a stamp is
            # not proof enough to fail a journey; a person reads the date
            item = replace(
                item,
                status=Status.REVIEW,
                message=item.message + " The stamp's date was read from its image: a person "
                "should confirm it.",
            )
        report.add(item)
    if zone is not None and zone_page is not None:
        report.add(check_identity(zone, zone_page, m))
    elif unread_zone is not None:
        report.add(
            Check(
                "identity",
                Status.REVIEW,
                f"Page {unread_zone.number} is an identity page, but its machine-readable zone "
                "could not be read: whose passport it is was not checked.",
                hint="Compare the identity page with the participant, or ask for a sharper scan.",
                evidence=(Evidence(unread_zone.number),),
            )
        )
    report.fields = {
        "stamps": [
            {
                "date": r.date.isoformat() if r.date else None,
                "direction": r.direction,
                "country": r.country,
            }
            for r in readings
        ],
        "identity": (
            {
                "surname": zone.surname,
                "given_names": zone.given_names,
                "document_number": zone.number,
            }
            if zone is not None
            else None
        ),
        **journey_dates(turkish, m, rule),
    }
    return report
