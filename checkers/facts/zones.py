"""Machine-readable zones found on a page's pixels and read with the zone's own characters.

A zone is two or three lines of OCR-B across most of a document's width: made into one bar by
joining the characters of each line and the lines to each other, it is a long, low rectangle
that nothing else on a passport or identity page makes. It is looked for the way the page lies,
then turned a quarter, a half and three quarters (a booklet photographed on its side), on a copy
scaled to a fixed width (a small web image is scaled up, a large scan down); only the band found
is read, with tesseract limited to A–Z, 0–9 and ``<``, so the zone is read with its own
character set every time.

OCR reads a filler as a K, an E or ``<K``, and drops or adds fillers in a long run of them, so a
zone's name field is not taken from OCR alone. The zone is set in a fixed pitch: each place's
picture is cut out, the picture repeated most often that has a filler's chevron shape is the
zone's own filler, and every place is a filler or a letter by its likeness to it. The readings'
runs of letters are then put in the places of letters, each in the run of its own length, and
the readings vote place by place.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

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


# A glyph is compared with the zone's own filler at this size (pixels across, down)
GLYPH = (16, 24)
PITCH = 24  # pixels from one character to the next at least, to tell them apart
FILLER_LIKE = 0.7  # correlation with a filler at which a glyph is surely another filler
LETTER_LIKE = 0.45  # fillers and letters part between this and a little above FILLER_LIKE,
CLEAR_GAP = 0.08  # where no glyph's likeness falls in a gap this wide


def _glyphs(crop: np.ndarray, count: int, width: int) -> list[list[np.ndarray]] | None:
    """The zone's characters, one picture per place: the zone is set in a fixed pitch, so
    each line's characters, from its first to its last, stand ``width`` to the line; None when
    the picture does not show ``count`` such lines."""
    gray = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY) if crop.ndim == 3 else crop
    if gray.shape[1] < PITCH * width:  # a small zone, its fillers touching: made larger
        scale = PITCH * width / gray.shape[1]
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    _, ink = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(
        np.asarray(ink, np.uint8), connectivity=8
    )
    if n < count * width // 2:
        return None
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    tall = float(np.percentile(heights, 95))
    marks = [i for i in range(1, n) if heights[i - 1] >= 0.3 * tall]
    if not marks:
        return None
    height = float(np.median([stats[i, cv2.CC_STAT_HEIGHT] for i in marks]))
    marks = [i for i in marks if 0.5 * height <= stats[i, cv2.CC_STAT_HEIGHT] <= 1.6 * height]
    # the marks in lines, by the height of their middles
    lines: list[list[int]] = []
    for i in sorted(marks, key=lambda i: stats[i, 1] + stats[i, 3] / 2):
        middle = stats[i, 1] + stats[i, 3] / 2
        if lines and abs(middle - _middle(stats, lines[-1])) < 0.6 * height:
            lines[-1].append(i)
        else:
            lines.append([i])
    lines = sorted(sorted(lines, key=len, reverse=True)[:count], key=lambda g: _middle(stats, g))
    if len(lines) != count:
        return None
    pictures = []
    for line in lines:
        # the line's middle, fitted along it (a zone a fraction of a degree off level)
        xs = [stats[i, 0] + stats[i, 2] / 2 for i in line]
        ys = [stats[i, 1] + stats[i, 3] / 2 for i in line]
        tilt, level = np.polyfit(xs, ys, 1) if len(line) > 1 else (0.0, ys[0])
        half = float(np.percentile([stats[i, 3] for i in line], 90)) / 2 + 1
        centres = _places(sorted(xs), width)
        if centres is None:
            return None  # not a line of separate characters this size
        pitch = (centres[-1] - centres[0]) / (width - 1)
        row = []
        for centre in centres:
            x0 = min(max(0, round(centre - pitch / 2)), ink.shape[1] - 1)
            x1 = max(x0 + 1, round(centre + pitch / 2))
            middle = level + tilt * centre
            cell = ink[max(0, int(middle - half)) : int(middle + half) + 1, x0:x1] * 255
            if cell.size == 0:
                return None
            row.append(cv2.resize(cell.astype(np.uint8), GLYPH, interpolation=cv2.INTER_AREA))
        pictures.append(row)
    return pictures


def _places(centres: list[float], width: int) -> list[float] | None:
    """Where a line's ``width`` characters stand, from the middles of the marks on it: the
    pitch is the usual step from one mark to the next, and each mark is so many steps on from
    the one before (one, or more where a mark is missing), which does not drift along a long
    line; the line's characters are the ``width`` steps holding the most marks (a mark beside
    the zone is not one of them). The steps are fitted to the marks, and a mark's own middle
    kept where it is. None when too few marks fall on the steps."""
    if len(centres) < width // 2:
        return None
    marks = np.asarray(centres, dtype=np.float64)
    steps = np.diff(marks)
    rough = float(np.median(steps))
    near = steps[(steps > 0.7 * rough) & (steps < 1.3 * rough)]
    if rough < 3 or len(near) < width // 3:
        return None
    pitch = float(np.median(near))
    counted = np.concatenate([[0], np.cumsum(np.maximum(1, np.round(steps / pitch)))]).astype(int)
    first = max(
        range(int(counted[0]), int(counted[-1]) + 1),
        key=lambda s: int(np.sum((counted >= s) & (counted < s + width))),
    )
    keep = (counted >= first) & (counted < first + width)
    if keep.sum() < 0.7 * width:
        return None
    places = counted[keep] - first
    slope, start = np.polyfit(places, marks[keep], 1)
    fitted = [float(start + slope * k) for k in range(width)]
    for k, centre in zip(places, marks[keep], strict=True):
        if abs(centre - fitted[k]) < 0.35 * slope:
            fitted[k] = float(centre)
    return fitted


def _middle(stats: np.ndarray, line: list[int]) -> float:
    return float(np.mean([stats[i, 1] + stats[i, 3] / 2 for i in line]))


def _unit(pictures: list[np.ndarray]) -> np.ndarray:
    """Pictures as rows of unit length about their mean: the product of two is their
    likeness (correlation), from -1 to 1."""
    vectors = np.stack([p.reshape(-1).astype(np.float32) for p in pictures])
    vectors -= vectors.mean(axis=1, keepdims=True)
    norms = np.linalg.norm(vectors, axis=1)
    norms[norms == 0] = 1.0
    return np.asarray(vectors / norms[:, None])


def _fillers(glyphs: list[list[np.ndarray]]) -> list[list[bool]] | None:
    """Which places hold a filler, by the zone's own filler: the picture repeated most often
    that has a filler's shape, then every place by its likeness to it. OCR takes a filler for a
    K or an E; the picture of one filler is the picture of every other, and unlike any letter.
    None when some place is neither clearly one nor clearly the other."""
    flat = [g for row in glyphs for g in row]
    vectors = _unit(flat)
    alike = vectors @ vectors.T
    neighbours = (alike >= FILLER_LIKE).sum(axis=1)
    filler: np.ndarray | None = None
    for index in np.argsort(-neighbours):
        if neighbours[index] < 3:
            return None
        group = np.stack([flat[i] for i in np.flatnonzero(alike[index] >= FILLER_LIKE)])
        candidate = group.mean(axis=0)
        if _chevron(candidate):
            filler = candidate
            break
    if filler is None:
        return None
    to_filler = (vectors @ _unit([filler])[0]).tolist()
    width = len(glyphs[0])  # every line has a zone's width of places
    likeness = [to_filler[i : i + width] for i in range(0, len(to_filler), width)]
    # fillers and letters part where the likenesses leave their widest gap
    values = sorted(to_filler)
    gaps = [
        (high - low, (low + high) / 2)
        for low, high in pairwise(values)
        if LETTER_LIKE <= (low + high) / 2 <= FILLER_LIKE + 0.1
    ]
    if not gaps or max(gaps)[0] < CLEAR_GAP:
        return None
    parting = max(gaps)[1]
    # a K is a stroke and a filler side by side: its likeness to a filler can be high, but a
    # filler's left side is bare above and below its point, and a K's is not
    bare = _left_corners(filler) + 0.08
    return [
        [v >= parting and _left_corners(g) <= bare for v, g in zip(lk, row, strict=True)]
        for lk, row in zip(likeness, glyphs, strict=True)
    ]


def _left_corners(picture: np.ndarray) -> float:
    """How much ink a picture has at its left, above and below its middle."""
    h, w = picture.shape
    ink = picture.astype(np.float32) / 255.0
    return float(ink[: h // 4, : w // 3].mean() + ink[-(h // 4) :, : w // 3].mean()) / 2


def _chevron(picture: np.ndarray) -> bool:
    """A filler's shape: two strokes meeting at the left in the middle, so its left side is
    bare above and below the middle, and its middle has its ink at the left."""
    h, w = picture.shape
    ink = picture.astype(np.float32) / 255.0
    if ink.sum() < 1:
        return False
    left_corners = 2 * _left_corners(picture)
    middle = ink[2 * h // 5 : 3 * h // 5]
    if middle.sum() < 0.5:
        return False
    middle_x = float((middle.sum(axis=0) * np.arange(w)).sum() / middle.sum()) / w
    right_corners = ink[: h // 4, 2 * w // 3 :].mean() + ink[-(h // 4) :, 2 * w // 3 :].mean()
    return bool(middle_x < 0.5 and right_corners > 2 * left_corners + 0.05)


MISREAD_FILLERS = "".join(sorted(mrz.FILLER_MISREADS - {"<"}))


def _placed(row: str, fillers: list[bool]) -> str:
    """A line OCR read, its letters put in the places the pictures show letters: each run of
    letters between fillers taken from the reading's run of that length, in order (OCR drops,
    doubles or invents fillers, reads the filler after a run as a K, and one before it as
    ``<K``). ``?`` where no run fits."""
    width = len(fillers)
    runs: list[tuple[int, int]] = []  # (start, length) of the runs of letters
    start = None
    for i, filler in enumerate([*fillers, True]):
        if not filler and start is None:
            start = i
        elif filler and start is not None:
            runs.append((start, i - start))
            start = None
    words = [w for w in row.split("<") if w]
    chars = ["<" if f else "?" for f in fillers]
    at = 0
    for begin, length in runs:
        for k in range(at, len(words)):
            word = words[k]
            if len(word) > 1 and len(set(word)) == 1 and word[0] in mrz.FILLER_MISREADS:
                continue  # a run of fillers read as K
            if len(word) > length:
                word = word.rstrip(MISREAD_FILLERS)
            if len(word) == length + 1 and k > 0 and word[0] in MISREAD_FILLERS:
                word = word[1:]  # a filler before it read as ``<K``
            if len(word) == length:
                chars[begin : begin + length] = word
                at = k + 1
                break
    return "".join(chars[:width])


def _lined(rows: list[str], fillers: list[list[bool]]) -> list[str]:
    """A reading's lines put in the zone's places, line by line: to each line of places, of
    the lines read after the one taken for the line above, the one whose runs of letters fill
    most of its places (OCR also reads what is printed around a zone, and drops lines)."""
    lined = []
    after = 0
    for places in fillers:
        letters = places.count(False)
        best, taken = "?" * len(places), None
        for index in range(after, len(rows)):
            placed = _placed(rows[index], places)
            filled = sum(ch not in "<?" for ch in placed)
            if filled >= letters / 2 and filled > sum(ch not in "<?" for ch in best):
                best, taken = placed, index
        lined.append(best)
        if taken is not None:
            after = taken + 1
    return lined


Fillers = dict[tuple[int, int], list[list[bool]] | None]  # per zone shape (lines, width)


def _zone_fillers(crop: np.ndarray) -> Fillers:
    """Which places hold fillers, for each shape a zone may have, from the band's pictures:
    worked out once a band, however many readings are voted."""
    out: Fillers = {}
    for count, width in mrz.SHAPES:
        glyphs = _glyphs(crop, count, width)
        out[(count, width)] = _fillers(glyphs) if glyphs is not None else None
    return out


def _voted(texts: list[str], crop: np.ndarray | None = None) -> mrz.Mrz | None:
    zone, _settled = _voting(texts, _zone_fillers(crop) if crop is not None else {})
    return zone


def _voting(texts: list[str], shapes: Fillers) -> tuple[mrz.Mrz | None, bool]:
    """The zone the readings agree on, character by character: for each shape, the lines of
    the right length, the character most of them read at each place. Where the pictures of the
    places show which hold fillers, the fillers are taken from them, and each reading's runs
    of letters are put in the places of letters. Settled when every place of a letter was
    filled by a reading whose run of letters fits there (or no picture of the places was made),
    so that more readings could not change it."""
    best: tuple[mrz.Mrz, bool] | None = None
    for (count, width), _kind in mrz.SHAPES.items():
        settled = True
        fitted = []  # the lines of the right length, as read
        for text in texts:
            rows = mrz.zone_rows(text, width)
            if len(rows) == count:
                fitted.append(rows)
        fillers = shapes.get((count, width))
        # the readings' letters in the places the pictures show letters
        placed = (
            [] if fillers is None else [_lined(mrz.rows(t, width // 2, 0), fillers) for t in texts]
        )
        if len(fitted) + len(placed) < 2:
            continue
        lines = []
        for line in range(count):
            chars = []
            for i in range(width):
                if fillers is not None and fillers[line][i]:
                    chars.append("<")
                    continue
                votes = Counter(r[line][i] for r in placed if r[line][i] != "?")
                if not votes:  # no reading's run of letters fits here: the readings as read
                    settled = fillers is None
                    votes = Counter(r[line][i] for r in fitted)
                    if fillers is not None and len(votes) > 1:
                        del votes["<"]  # the picture shows a letter here
                chars.append(votes.most_common(1)[0][0] if votes else "?")
            lines.append("".join(chars))
        if any("?" in line for line in lines):
            continue
        try:
            zone = mrz.parse(lines, autocorrect=True)
        except mrz.MrzError:
            continue
        if best is None or _held(zone) > _held(best[0]):
            best = (zone, settled)
    return best if best is not None else (None, False)


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
    shapes: Fillers | None = None  # worked out when the readings are first voted
    for number, (per_character, black_and_white) in enumerate(VIEWS):
        lines: dict[int, list[str]] = {}
        for word in ocr.words(_view(crop, per_character, black_and_white), dpi=300):
            lines.setdefault(word.line, []).append(word.text)
        texts.append("\n".join("".join(ws) for _, ws in sorted(lines.items())))
        zone = mrz.find(texts[-1])
        if zone is not None and (single is None or _held(zone) > _held(single)):
            single = zone
        if number >= 2:
            shapes = shapes if shapes is not None else _zone_fillers(crop)
            voted, settled = _voting(texts, shapes)
            if voted is not None and voted.valid and settled:
                return voted
        if number == 1 and single is None and not any(mrz.rows(t) for t in texts):
            return None  # no zone's lines at all: not worth more views
    voted, _settled = _voting(texts, shapes if shapes is not None else _zone_fillers(crop))
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
    and whether a zone-like band was there at all (read or not). Bands are looked for on the
    page as it lies and turned a quarter (a band upside down is the same band), each read the
    right way up and upside down; across WORK_WIDTH pixels, then, for a zone that is a small
    part of the page (an identity card on an A4 scan, both sides of a card side by side),
    across twice as many; and on the page levelled where a long, low bar lies some degrees
    off level (a phone photo)."""
    found = _Found()
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

    @property
    def done(self) -> bool:
        return self.best is not None and self.best.valid

    def look(self, page: np.ndarray, ocr: OcrEngine, *, closer: bool) -> list[float]:
        """Read the page's bands (looked at across WORK_WIDTH, and closer if asked) until a
        zone's check digits hold; the angles of bars found lying off level."""
        height, across = page.shape[:2]
        read: list[tuple[int, int, int, int]] = []
        tilts: list[float] = []
        for width in (WORK_WIDTH, 2 * WORK_WIDTH) if closer else (WORK_WIDTH,):
            scale = width / across
            shrink = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
            small = cv2.resize(page, None, fx=scale, fy=scale, interpolation=shrink)
            looked_closer = width > WORK_WIDTH
            bands, tilted = _bands(
                cv2.cvtColor(small, cv2.COLOR_RGB2GRAY), 0.25 if looked_closer else 0.45
            )
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
                    zone = _read_band(turn(page, half), box, ocr)
                    if zone is not None and (self.best is None or _held(zone) > _held(self.best)):
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
    """Two bands that are mostly one: read once."""
    across = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    down = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return across > 0 and down > 0 and across * down >= 0.6 * min(a[2] * a[3], b[2] * b[3])
