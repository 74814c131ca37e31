"""Border stamps on a page, as ink: found as blobs clearly darker than their paper (any
colour: ink is saturated or dark, a visa page's guilloche pale), each turned upright by the
angle of its lines (a stamp may sit at up to ±30°), shown to tesseract in a few views with its
frame taken away, many stamps in one call; and the arrow some stamps show for their direction.
What a stamp's text says is read in ``checkers.facts.stamp_text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import cv2
import numpy as np

from checkers.facts.images import outline
from checkers.facts.lines import PaddleLines
from checkers.facts.model import Box, Image, PageFacts, Word
from checkers.facts.ocr import OcrEngine

STAMP_SIDE = 600  # pixels the longer side of a stamp is scaled to before it is read
STAMP_LINES_SIDE = 480  # and the line reader finds its lines on a copy this long (letters >12 px)
MIN_SIDE, MAX_SIDE = 0.08, 0.7  # a stamp's longer side, as a share of the page's width
LINE_SIDE = 0.03  # the least a line of a stamp's text measures, as a share of the page's width
INK_CONTRAST = 50  # how much darker than its paper a pixel of ink is (0–255)
FADED_CONTRAST = 22  # the least a faded letter of a stamp found by its stronger ink may be


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
    # the page's own shades of grey there, white outside its outline (_crop): what a person sees
    grey: np.ndarray = field(repr=False, compare=False)
    ink: Ink | None = None  # one ink of several stamps that overlap; None: all the ink there


def ink_contrast(image: Image) -> np.ndarray:
    """How much darker than the paper around it each pixel is, in its darkest colour channel:
    ink of any colour stands out, the pale guilloche of a visa page and a photo's uneven light
    do not (the paper is measured locally, on a small copy: it changes slowly)."""
    # channel by channel: numpy's min along the last axis is twenty times slower on a page
    darkest = np.minimum(np.minimum(image[:, :, 0], image[:, :, 1]), image[:, :, 2])
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
    ink: np.ndarray  # bool, h × w: the component's own ink, whose lines tell its angle
    slender: bool  # a line of text, not a block

    @cached_property
    def angle(self) -> float:
        """Worked out only for the pieces that are compared (``near``): it costs."""
        return text_angle(self.ink)

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
        joined = _Piece(x, y, w, h, both, both, slender=False)
        joined.angle = self.angle  # the first piece's lines'
        return joined


def _pieces(closed: np.ndarray, mask: np.ndarray, width: int) -> list[_Piece]:
    count, labels, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    pieces = []
    for index in range(1, count):
        x, y, w, h, _area = (int(v) for v in stats[index])
        if max(w, h) < LINE_SIDE * width or max(w, h) > MAX_SIDE * width:
            continue
        component = labels[y : y + h, x : x + w] == index
        ink = component & (mask[y : y + h, x : x + w] > 0)
        (_, _), sides, _ = cv2.minAreaRect(outline(component))
        slender = min(sides) < 0.45 * max(sides)
        pieces.append(_Piece(x, y, w, h, component, ink, slender))
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
    that has none); stamps that a page's dark print joins into one cluster are parted again
    (``_parted``)."""
    contrast = ink_contrast(page.image)
    mask = cv2.morphologyEx(
        np.where(contrast > INK_CONTRAST, 255, 0).astype(np.uint8),
        cv2.MORPH_OPEN,
        np.ones((2, 2), np.uint8),
    )
    join = max(5, page.width // 70)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (join, join))
    closed = _parted(cv2.dilate(mask, kernel), mask, contrast, kernel, page.width)
    hsv = cv2.cvtColor(page.image, cv2.COLOR_RGB2HSV)
    grey = cv2.cvtColor(page.image, cv2.COLOR_RGB2GRAY)
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
            crop, seen = _crop(contrast, box, region), _crop(grey, box, region, outside=255)
            blobs.append(Blob(page, box, text_angle(_lettering(inside, region)), crop, seen))
        for layer in inks:  # stamps in different inks that overlap: each read alone
            colour = layer.mask(hsv[y : y + h, x : x + w])
            own = colour & inside
            if own.sum() >= 50:
                near = cv2.dilate(colour.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
                crop = _crop(contrast, box, region & near)
                seen = _crop(grey, box, region & near, outside=255)
                angle = text_angle(_lettering(own, region))
                blobs.append(Blob(page, box, angle, crop, seen, ink=layer))
    # The words inside an oval or round frame that they do not touch are part of that stamp
    return [
        b
        for b in blobs
        if not any(o is not b and o.box != b.box and _inside(b.box, o.box) for o in blobs)
    ]


def _parted(
    closed: np.ndarray, mask: np.ndarray, contrast: np.ndarray, kernel: np.ndarray, width: int
) -> np.ndarray:
    """The clusters of ink too large for a stamp looked at again, each alone: on a visa page
    whose print is dark enough to count as ink (broad strokes), the print joins the stamps it
    touches into one cluster that is no stamp. Within such a cluster the stamps' ink is told
    from the print's by the threshold that best parts the darkness of its pixels (Otsu's), and
    the cluster is joined again from the darker ink alone. ``mask`` is changed with it; a
    cluster of the size of a stamp or less is left as it is."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    for index in range(1, count):
        x, y, w, h, _area = (int(v) for v in stats[index])
        if max(w, h) <= MAX_SIDE * width:
            continue
        component = labels[y : y + h, x : x + w] == index
        inked = component & (mask[y : y + h, x : x + w] > 0)
        darkness = contrast[y : y + h, x : x + w]
        values = darkness[inked].reshape(-1, 1)
        if values.size < 2:
            continue
        least, _ = cv2.threshold(values, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        darker = (inked & (darkness > least)).astype(np.uint8) * 255
        darker = cv2.morphologyEx(darker, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
        mask[y : y + h, x : x + w][component] = darker[component]
        closed[y : y + h, x : x + w][component] = cv2.dilate(darker, kernel)[component]
    return closed


def _inside(inner: Box, outer: Box) -> bool:
    return (
        inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )  # fmt: skip


def _hull(component: np.ndarray) -> np.ndarray:
    """The component filled out to its convex outline: a stamp's faded letters lie inside."""
    filled = np.zeros(component.shape, np.uint8)
    cv2.fillConvexPoly(filled, cv2.convexHull(outline(component)), 1)
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
        rows = cv2.reduce(turned, 1, cv2.REDUCE_SUM, dtype=cv2.CV_32S)[:, 0].astype(np.float64)
        return float(np.square(np.diff(rows)).sum())

    coarse = max(np.arange(-limit, limit + 0.1, 2.5), key=sharpness)
    return float(max(np.arange(coarse - 2.0, coarse + 2.1, 0.5), key=sharpness))


def _crop(contrast: np.ndarray, box: Box, region: np.ndarray, outside: int = 0) -> np.ndarray:
    """How dark the stamp's ink is at each pixel, with some paper around it: only what lies in
    the stamp's own outline counts, so a neighbour's edge is not read with it. Every dark pixel
    there is kept, whatever its colour: where a stroke of the page's pattern crosses a letter,
    or worn ink lets the pattern through, the pixel's colour is a mix of the two, and keeping
    only the stamp's own colour would cut the letter there (a 0 read as A, 2025 as 2075). The
    readers read through a stroke left whole better than across a gap. (Stamps of different
    inks that overlap are told apart before, by ``Ink``.) ``outside``: the value put where the
    stamp is not (no darkness; or white, for the page's greys)."""
    x0, y0, x1, y1 = (int(v) for v in box)
    pad = int(0.06 * max(x1 - x0, y1 - y0))
    h, w = contrast.shape
    top, left = max(0, y0 - pad), max(0, x0 - pad)
    bottom, right = min(h, y1 + pad), min(w, x1 + pad)
    inside = np.zeros((bottom - top, right - left), bool)
    inside[y0 - top : y1 - top, x0 - left : x1 - left] = region
    darkness = contrast[top:bottom, left:right]
    return np.asarray(np.where(inside, darkness, outside), dtype=np.uint8)


@dataclass(frozen=True)
class View:
    """One way to show a stamp to a reader: its ink made black above a threshold (low, so a
    faded letter inside the outline still counts; or higher, for a smudged one), or in shades
    of grey, at a size; or, ``seen``, the page's own greys there (``Blob.grey``, given to
    ``render`` in place of the ink's darkness)."""

    threshold: int | None  # None: shades of grey
    side: int  # pixels of the longer side
    seen: bool = False  # the page's own greys (Blob.grey), not its ink's darkness

    def render(self, ink: np.ndarray) -> np.ndarray:
        if self.seen:
            shade = ink
        elif self.threshold is None:
            shade = 255 - np.clip((ink.astype(np.float32) - 12) * (255 / 60), 0, 255)
        else:
            shade = np.where(ink > self.threshold, 0, 255)
        shade = shade.astype(np.uint8)
        scale = self.side / max(shade.shape)
        smaller = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
        return np.asarray(cv2.resize(shade, None, fx=scale, fy=scale, interpolation=smaller))


def upright_view(crop: np.ndarray, degrees: float) -> np.ndarray:
    """The stamp turned by ``degrees``, on white, as tesseract takes it."""
    h, w = crop.shape[:2]
    side = int(np.hypot(h, w))
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    matrix[0, 2] += (side - w) / 2
    matrix[1, 2] += (side - h) / 2
    turned = cv2.warpAffine(crop, matrix, (side, side), borderValue=255)
    return np.asarray(cv2.cvtColor(turned, cv2.COLOR_GRAY2RGB), dtype=np.uint8)


FRAME_BAND = 0.07  # a stamp's frame lies this share of its shorter side inside its outline


def without_frame(upright: Image) -> Image:
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
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    inner = labels[y + band : y + h - band, x + band : x + w - band]
    within = np.bincount(inner.ravel(), minlength=count)
    frame = within < 0.4 * stats[:, cv2.CC_STAT_AREA]
    frame[0] = False  # the paper
    out = upright.copy()
    out[frame[labels]] = 255
    pad = 2 * band
    return np.asarray(out[max(0, y - pad) : y + h + pad, max(0, x - pad) : x + w + pad])


MOSAIC_GAP = 80  # white pixels between two stamps read in one call


def ocr_texts(ocr: OcrEngine, images: list[Image]) -> list[str]:
    """What each image says, read in one tesseract call: the images stacked one under another
    with white between (starting tesseract and loading its languages costs more than reading a
    stamp), each word given back to the image it stands in. The line reader, a network that
    sees one stamp at a time, reads each image alone (several side by side)."""
    if not images:
        return []
    if isinstance(ocr, PaddleLines):
        return [_text(words) for words in ocr.read_each(images)]
    width = max(image.shape[1] for image in images)
    tops, rows, y = [], [], 0
    for image in images:
        padded = np.full((image.shape[0] + MOSAIC_GAP, width, 3), 255, np.uint8)
        padded[: image.shape[0], : image.shape[1]] = image
        tops.append(y)
        rows.append(padded)
        y += padded.shape[0]
    found: list[list[Word]] = [[] for _ in images]
    for word in ocr.words(np.vstack(rows), dpi=300):
        middle = (word.box[1] + word.box[3]) / 2
        index = max(i for i, top in enumerate(tops) if top <= middle) if middle >= 0 else 0
        # a line of one image: tesseract's line, split where the image changes
        found[index].append(word)
    return [_text(words) for words in found]


def _text(words: list[Word]) -> str:
    """The words read with some confidence, line by line, each line left to right."""
    lines: dict[int, list[tuple[float, str]]] = {}
    for word in words:
        if word.confidence >= 20:
            lines.setdefault(word.line, []).append((word.box[0], word.text))
    return "\n".join(" ".join(t for _, t in sorted(ws)) for _, ws in sorted(lines.items()))
