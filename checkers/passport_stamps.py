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
from dataclasses import dataclass

import cv2
import numpy as np

from checkers import mrz
from checkers.crossings import ENTRY, EXIT, Crossing, journey_checks, journey_dates
from checkers.dates import compact_dates_in, normalize
from checkers.facts.model import Box, DocumentFacts, Image, PageFacts
from checkers.facts.ocr import Tesseract
from checkers.mobility import MobilityLike
from checkers.names import tokens
from checkers.report import Check, Evidence, Report, Status
from checkers.text import fold
from checkers.travel import TravelRule, in_window

KIND = "passport_stamps"
STAMP_SIDE = 700  # pixels the longer side of a stamp is scaled to before it is read
MIN_SIDE, MAX_SIDE = 0.12, 0.95  # a stamp's longer side, as a share of the page's width
EXIT_WORDS = re.compile(r"\b(cikis|exit|departure|ausreise|sortie|salida|uscita|utresa)\b")
ENTRY_WORDS = re.compile(r"\b(giris|entry|arrival|einreise|entree|entrada|ingresso|inresa)\b")
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


def _inks(hsv: np.ndarray) -> list[Ink]:
    """The inks of a blob: hue bands each holding a good share of its coloured ink, and black.
    One ink (the usual case) gives an empty list: nothing to separate."""
    sat, val = hsv[:, :, 1], hsv[:, :, 2]
    coloured = (sat > 70) & (val < 235)
    black = (sat <= 70) & (val < 110)
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
    angle: float  # degrees of the blob's outline, -45 to 45
    ink: Ink | None = None  # one ink of several stamps that overlap; None: all the ink there


@dataclass(frozen=True)
class StampReading:
    blob: Blob
    text: str
    date: dt.date | None
    direction: str | None
    country: str | None
    guessed: bool = False  # a digit of the date was read as a letter and put right

    def crossing(self) -> Crossing:
        return Crossing(
            self.date,
            self.direction,
            self.country,
            None,
            Evidence(self.blob.page.number, self.blob.page.fraction(self.blob.box), self.text),
        )


def find_blobs(page: PageFacts) -> list[Blob]:
    """Blobs of ink the size of a stamp: saturated or dark pixels, joined across the gaps
    between a stamp's letters and its frame."""
    image = page.image
    hsv = cv2.cvtColor(image, cv2.COLOR_RGB2HSV)
    sat, val = hsv[:, :, 1], hsv[:, :, 2]
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    local = cv2.GaussianBlur(gray, (0, 0), sigmaX=max(8, page.width // 60))
    dark = gray.astype(np.int16) < local.astype(np.int16) - 45
    ink = ((sat > 70) & (val < 235) & (val > 40)) | dark
    mask = cv2.morphologyEx(
        np.where(ink, 255, 0).astype(np.uint8), cv2.MORPH_OPEN, np.ones((2, 2), np.uint8)
    )
    join = max(5, page.width // 70)
    closed = cv2.morphologyEx(
        mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (join, join))
    )
    # Outer outlines only, but also those inside another's hole: a photo's dark surround
    # rings the whole page.
    contours, hierarchy = cv2.findContours(closed, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    blobs = []
    for index, contour in enumerate(contours):
        if hierarchy[0][index][3] != -1:
            continue
        x, y, w, h = cv2.boundingRect(contour)
        longer = max(w, h) / page.width
        if not MIN_SIDE <= longer <= MAX_SIDE or min(w, h) < 0.25 * max(w, h):
            continue
        if cv2.contourArea(cv2.convexHull(contour)) < 0.4 * w * h:
            continue  # a line of print or a stroke, not a stamp's outline
        angle = _level(float(cv2.minAreaRect(contour)[2]))
        box = (float(x), float(y), float(x + w), float(y + h))
        inks = _inks(hsv[y : y + h, x : x + w])
        if not inks:
            blobs.append(Blob(page, box, angle))
        for layer in inks:  # stamps in different inks that overlap: each read alone
            ys, xs = np.nonzero(layer.mask(hsv[y : y + h, x : x + w]))
            if len(xs) < 50:
                continue
            points = np.column_stack([xs, ys]).astype(np.float32)
            blobs.append(Blob(page, box, _level(float(cv2.minAreaRect(points)[2])), layer))
    # A line of a stamp's text inside its frame is part of that stamp
    return [
        b
        for b in blobs
        if not any(o is not b and o.box != b.box and _inside(b.box, o.box) for o in blobs)
    ]


def _level(angle: float) -> float:
    """A rectangle's angle as the turn from level, -45 to 45 degrees."""
    if angle > 45:
        return angle - 90
    if angle < -45:
        return angle + 90
    return angle


def _inside(inner: Box, outer: Box) -> bool:
    return (
        inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )  # fmt: skip


def _crop(image: Image, box: Box, ink: Ink | None = None) -> np.ndarray:
    x0, y0, x1, y1 = (int(v) for v in box)
    pad = int(0.08 * max(x1 - x0, y1 - y0))
    h, w = image.shape[:2]
    crop = image[max(0, y0 - pad) : min(h, y1 + pad), max(0, x0 - pad) : min(w, x1 + pad)]
    if ink is not None:  # the other stamps' ink made paper
        keep = ink.mask(cv2.cvtColor(crop, cv2.COLOR_RGB2HSV))
        keep = cv2.dilate(keep.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
        crop = np.where(keep[:, :, None], crop, np.uint8(255)).astype(np.uint8)
    scale = STAMP_SIDE / max(crop.shape[:2])
    return cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)


def _upright(crop: np.ndarray, degrees: float) -> np.ndarray:
    """The stamp turned by ``degrees`` and its ink made black on white for tesseract."""
    h, w = crop.shape[:2]
    side = int(np.hypot(h, w))
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    matrix[0, 2] += (side - w) / 2
    matrix[1, 2] += (side - h) / 2
    turned = cv2.warpAffine(crop, matrix, (side, side), borderValue=(255, 255, 255))
    hsv = cv2.cvtColor(turned, cv2.COLOR_RGB2HSV)
    gray = cv2.cvtColor(turned, cv2.COLOR_RGB2GRAY)
    ink = (hsv[:, :, 1] > 60) & (hsv[:, :, 2] < 235) | (gray < 110)
    out = np.where(ink, 0, 255).astype(np.uint8)
    return cv2.cvtColor(out, cv2.COLOR_GRAY2RGB)


def _plausible(day: dt.date, m: MobilityLike) -> bool:
    return abs((day - m.start_date).days) <= 3 * 366


def _country(folded: str, text: str) -> str | None:
    if TURKISH.search(folded):
        return "TR"
    # a Schengen stamp begins a line with its country's code: "D FRANKFURT"
    for token in re.findall(r"^\W*([A-Z]{1,3})\s+[A-ZÄÖÜ]{3,}", text, flags=re.M):
        if token in SCHENGEN_CODES:
            return SCHENGEN_CODES[token]
    return None


DIGITISH = "0-9OoQDIlL|SZB"
OCR_DIGITS = str.maketrans("OoQDIlL|SZB", "00001111528")
MONTH_DATE = re.compile(
    rf"(?<![A-Za-z0-9])([{DIGITISH}]{{1,2}})(\s?(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"
    rf"\s?)([{DIGITISH}]{{2,4}})(?![A-Za-z0-9])"
)
NUMBER_DATE = re.compile(
    rf"(?<![A-Za-z0-9])([{DIGITISH}]{{1,4}}[.\-/][{DIGITISH}]{{1,2}}[.\-/][{DIGITISH}]{{2,4}})"
    rf"(?![A-Za-z0-9])"
)


def fix_dates(text: str) -> str:
    """Dates as OCR reads a stamp's worn digits: ``O9MAR25`` is ``09MAR25``, ``1O.O3.2O25``
    is ``10.03.2025``. Only a date's digit places are put right, by their shape."""
    text = MONTH_DATE.sub(
        lambda g: g.group(1).translate(OCR_DIGITS) + g.group(2) + g.group(3).translate(OCR_DIGITS),
        text,
    )
    return NUMBER_DATE.sub(
        lambda g: (
            g.group(1).translate(OCR_DIGITS)
            if sum(ch.isdigit() for ch in g.group(1)) >= 3
            else g.group(1)
        ),
        text,
    )


def _interpret(blob: Blob, text: str, m: MobilityLike) -> list[StampReading]:
    """What one blob says: a reading per date on it (stamps overlap), each with the direction
    word nearest to it. A blob without a date still gives its direction, if any."""
    fixed = fix_dates(text)
    guessed = fixed != text
    text = fixed
    plain = normalize(text)  # lower case without diacritics, position for position
    country = _country(fold(text), text)
    if country is None and TURKISH_WORDS.search(plain):
        country = "TR"  # ÇIKIŞ and GİRİŞ are the Turkish border's words
    whole = " ".join(text.split())
    dates = [(d, span) for d, span in compact_dates_in(text, m.start_date) if _plausible(d, m)]
    words = [(EXIT, w.start()) for w in EXIT_WORDS.finditer(plain)]
    words += [(ENTRY, w.start()) for w in ENTRY_WORDS.finditer(plain)]
    if not dates:
        kinds = {k for k, _ in words}
        direction = kinds.pop() if len(kinds) == 1 else None
        return [StampReading(blob, whole, None, direction, country, guessed)]
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
        out.append(StampReading(blob, whole, day, direction, country, guessed))
    return out


def _score(readings: list[StampReading]) -> int:
    return sum(
        (100 if r.date else 0)
        + (40 if r.direction else 0)
        + (20 if r.country else 0)
        - (30 if r.guessed else 0)
        for r in readings
    ) + max((len(r.text) // 10 for r in readings), default=0)


def _complete(readings: list[StampReading]) -> bool:
    return all(r.date and r.direction and r.country and not r.guessed for r in readings)


def read_stamp(blob: Blob, m: MobilityLike, ocr: Tesseract) -> list[StampReading]:
    """The stamp read at the angle of its outline (either way round), else at a few others."""
    crop = _crop(blob.page.image, blob.box, blob.ink)
    best: list[StampReading] | None = None
    tried: list[float] = []
    a = blob.angle
    for degrees in (a, -a, a + 2.5, a - 2.5, -a + 2.5, -a - 2.5, 0.0, 20.0, -20.0, 30.0, -30.0):
        if any(abs(degrees - t) < 2 for t in tried):
            continue
        tried.append(degrees)
        words = ocr.words(_upright(crop, degrees), dpi=300)
        lines: dict[int, list[str]] = {}
        for word in words:
            if word.confidence >= 20:
                lines.setdefault(word.line, []).append(word.text)
        text = "\n".join(" ".join(ws) for _, ws in sorted(lines.items()))
        reading = _interpret(blob, text, m)
        if best is None or _score(reading) > _score(best):
            best = reading
        if _complete(best):
            break
    assert best is not None
    return best


MRZ_OCR = Tesseract(
    languages="eng",
    psm=6,
    options=("tessedit_char_whitelist=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<",),
)


def _zone_lines(page: PageFacts) -> Box | None:
    """Where a machine-readable zone is printed: lines heavy with fillers (``<<``)."""
    boxes = [line.box for line in page.lines if line.text.count("<") >= 3 or "«" in line.text]
    if not boxes:
        return None
    y0, y1 = min(b[1] for b in boxes), max(b[3] for b in boxes)
    tall = max(y1 - y0, 20.0)
    return (0.0, max(0.0, y0 - tall), float(page.width), min(float(page.height), y1 + tall))


def _read_zone(page: PageFacts) -> mrz.Mrz | None:
    """The zone read again on its own, with only the characters a zone holds."""
    box = _zone_lines(page)
    if box is None:
        return None
    x0, y0, x1, y1 = (int(v) for v in box)
    crop = page.image[y0:y1, x0:x1]
    words = MRZ_OCR.words(crop, dpi=300)
    lines: dict[int, list[str]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word.text)
    return mrz.find("\n".join("".join(ws) for _, ws in sorted(lines.items())))


def read_identity(facts: DocumentFacts) -> tuple[mrz.Mrz | None, PageFacts | None]:
    found: list[tuple[mrz.Mrz, PageFacts]] = []
    for page in facts.pages:
        zone = mrz.find(page.text)
        if (zone is None or not zone.valid) and page.source == "ocr":
            again = _read_zone(page)
            if again is not None and (zone is None or again.valid):
                zone = again
        if zone is not None:
            found.append((zone, page))
    if not found:
        return None, None
    return max(found, key=lambda z: sum(z[0].checks.values()))


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
    same_surname = sorted(tokens(zone.surname)) == sorted(tokens(p.surname))
    same_given = sorted(tokens(zone.given_names)) == sorted(tokens(p.given_names)) or (
        tokens(zone.given_names)[:1] == tokens(p.given_names)[:1] and same_surname
    )
    if same_surname and same_given:
        return Check(
            "identity",
            Status.PASS,
            f"The passport is {wanted}'s ({written}, document {zone.number}, check digits hold).",
            evidence=(where,),
        )
    return Check(
        "identity",
        Status.FAIL,
        f"The passport is {written}'s, not {wanted}'s.",
        hint="Upload the participant's own passport pages.",
        evidence=(where,),
    )


def _unsure_for(
    readings: list[StampReading], window: tuple[dt.date, dt.date], want: str
) -> list[StampReading]:
    """Stamps that may be the one wanted but were not read with confidence: of the right day
    with no direction read, or of the right direction with a date whose digits were guessed."""
    near = (window[0] - dt.timedelta(days=10), window[1] + dt.timedelta(days=10))
    return [
        r
        for r in readings
        if r.country in ("TR", None)
        and (
            (r.direction is None and in_window(r.date, window))
            or (r.guessed and r.direction == want and in_window(r.date, near))
        )
    ]


def check(
    facts: DocumentFacts,
    m: MobilityLike,
    rule: TravelRule | None = None,
    *,
    ocr: Tesseract | None = None,
) -> Report:
    rule = rule or TravelRule()
    engine = ocr or Tesseract(psm=6)
    report = Report(KIND, pages=len(facts.pages), sources=facts.sources)
    zone, zone_page = read_identity(facts)
    readings = [
        reading
        for page in facts.pages
        if page is not zone_page
        for blob in find_blobs(page)
        for reading in read_stamp(blob, m, engine)
    ]
    readings = [r for r in readings if r.date is not None or r.direction is not None]
    dated = [r for r in readings if r.date]
    if dated:
        report.add(
            Check(
                "stamps",
                Status.PASS,
                f"{len(dated)} stamp(s) read: "
                + "; ".join(r.crossing().label() + f" ({r.country or '?'})" for r in dated)
                + ".",
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
    turkish = [r.crossing() for r in readings if r.country == "TR"]
    journey = journey_checks(turkish, m, rule, what="the stamps")
    windows = {
        "outbound": rule.outbound_window(m.start_date),
        "return": rule.return_window(m.end_date),
    }
    wanted = {"outbound": EXIT, "return": ENTRY}
    for item in journey:
        unsure = _unsure_for(readings, windows[item.id], wanted[item.id])
        if item.status is Status.FAIL and unsure:
            # a stamp of the right day whose direction could not be read: an officer decides
            item = Check(
                item.id,
                Status.REVIEW,
                item.message
                + f" A stamp dated {unsure[0].date} ({unsure[0].text!r}) may be it, but it "
                "could not be read with confidence.",
                hint=item.hint,
                evidence=tuple(r.crossing().evidence for r in unsure),
            )
        report.add(item)
    if zone is not None and zone_page is not None:
        report.add(check_identity(zone, zone_page, m))
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
