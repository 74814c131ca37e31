"""Visual marks with OpenCV: the letterhead, a handwritten signature, a stamp or seal.

Printed words are known (their boxes come from the text layer or from OCR), so ink that is not a
word is a picture, a rule, a signature or a stamp. A stamp is coloured or black ink in a ring or
a framed rectangle; a signature is a wide, low cluster of thin strokes; a letterhead is a picture
or a rule with text in the top of the first page. Each mark found comes with its box.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from checkers import mark_shapes as shapes
from checkers.facts.images import outline
from checkers.facts.model import Box, Image, PageFacts
from checkers.phrases import N_, say

Mask = npt.NDArray[np.uint8]
TOP = 0.24  # the share of the first page a letterhead lives in
WORD_CONFIDENCE = 60.0  # OCR words read at least this well are printed text
TALLEST_WORD = 2.5  # times the page's usual word height: a taller "word" is a mark, not text
COLOURED = 45  # the saturation (0–255) from which ink is coloured: a faded blue stamp is


@dataclass(frozen=True)
class Mark:
    kind: str  # letterhead, signature, stamp
    page: PageFacts
    box: Box
    score: float  # 0–1: how sure the detector is
    detail: str


def _u8(array: object) -> Mask:
    return np.asarray(array, dtype=np.uint8)


VIEW_WIDTH = 1240  # marks are looked for at about 150 dpi, whatever the page was read at


@dataclass
class View:
    """A page as the mark detectors see it: at most VIEW_WIDTH wide, its ink masks made once."""

    page: PageFacts
    scale: float  # view pixels per page pixel
    image: Image
    ink: Mask
    coloured: Mask
    words: Mask

    @property
    def width(self) -> int:
        return int(self.image.shape[1])

    @property
    def height(self) -> int:
        return int(self.image.shape[0])

    def to_page(self, box: tuple[float, float, float, float]) -> Box:
        return (
            box[0] / self.scale,
            box[1] / self.scale,
            box[2] / self.scale,
            box[3] / self.scale,
        )


def view(page: PageFacts) -> View:
    """The page made ready for the detectors; make it once and pass it to each of them."""
    scale = min(1.0, VIEW_WIDTH / page.width)
    image = page.image
    if scale < 1.0:
        size = (round(page.width * scale), round(page.height * scale))
        image = np.asarray(cv2.resize(image, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)
    ink, coloured = _ink(image, page.source == "ocr")
    words = np.zeros(image.shape[:2], dtype=np.uint8)
    # OCR reads a signature's loops as a word now and then, sometimes with confidence; but a
    # printed word is no taller than the page's lines of text, and a signature is
    heights = [w.box[3] - w.box[1] for w in page.words if w.confidence >= WORD_CONFIDENCE]
    tallest = TALLEST_WORD * float(np.median(heights)) if heights else float("inf")
    for w in page.words:
        if page.source == "text" or (
            w.confidence >= WORD_CONFIDENCE and w.box[3] - w.box[1] <= tallest
        ):
            x0, y0, x1, y1 = (int(v * scale) for v in w.box)
            cv2.rectangle(words, (x0 - 2, y0 - 2), (x1 + 2, y1 + 2), 255, -1)
    if page.source == "ocr":
        paper = _paper(image, page, scale)
        ink, coloured = _u8(cv2.bitwise_and(ink, paper)), _u8(cv2.bitwise_and(coloured, paper))
    return View(page, scale, image, ink, coloured, words)


def _paper(image: Image, page: PageFacts, scale: float) -> Mask:
    """Where the sheet is, in a photo of it lying on a table: the hull of the bright paper and
    the words read, a little inside its edge. A scan or a page without a dark surround is all
    paper."""
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    h, w = gray.shape
    everything = np.full((h, w), 255, dtype=np.uint8)
    strip = max(3, min(h, w) // 100)
    border = np.concatenate(
        [
            gray[:strip].ravel(),
            gray[-strip:].ravel(),
            gray[:, :strip].ravel(),
            gray[:, -strip:].ravel(),
        ]
    )
    if np.median(border) > 0.7 * np.median(gray):
        return everything  # no dark table around the sheet
    _, bright = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(bright, connectivity=8)
    if count < 2:
        return everything
    largest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    points = outline(labels == largest)
    # a coloured band printed on the sheet (a letterhead) is sheet too: a table is not coloured
    hsv = cv2.cvtColor(image, cv2.COLOR_RGB2HSV)
    vivid = ((hsv[:, :, 1] > 90) & (hsv[:, :, 2] > 50)).astype(np.uint8)
    n, vivid_labels, vivid_stats, _ = cv2.connectedComponentsWithStats(vivid, connectivity=8)
    for i in range(1, n):
        if vivid_stats[i][cv2.CC_STAT_AREA] > 0.01 * h * w:
            points = np.vstack([points, outline(vivid_labels == i)])
    centres = [
        ((b.box[0] + b.box[2]) / 2 * scale, (b.box[1] + b.box[3]) / 2 * scale) for b in page.words
    ]
    if centres:
        points = np.vstack([points, np.asarray(centres)])
    hull = cv2.convexHull(points.astype(np.int32))
    paper = np.zeros((h, w), dtype=np.uint8)
    cv2.fillPoly(paper, [hull], 255)
    margin = max(3, int(2 * w / 210))
    return _u8(cv2.erode(paper, np.ones((margin, margin), np.uint8)))


def _ink(image: Image, scanned: bool) -> tuple[Mask, Mask]:
    """(all ink, coloured ink) as masks; a scan's ink is measured against its own paper."""
    hsv = cv2.cvtColor(image, cv2.COLOR_RGB2HSV)
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    background = cv2.medianBlur(gray, 31) if scanned else np.full_like(gray, 255)
    # darker than the paper around it, or dark outright (a large dark area is its own
    # surrounding, so the first test alone misses a printed band)
    darker = (background.astype(np.int16) - gray.astype(np.int16)) > 60
    dark = (darker | (gray < 90)).astype(np.uint8) * 255
    coloured = ((hsv[:, :, 1] > COLOURED) & (hsv[:, :, 2] < 240) & (hsv[:, :, 2] > 40)).astype(
        np.uint8
    )
    return _u8(cv2.bitwise_or(dark, coloured * 255)), _u8(coloured * 255)


def _mm(v: View) -> float:
    """View pixels per millimetre (an A4 page's width is 210 mm)."""
    return v.width / 210.0


# What a mark not found is called, per kind of mark
NOT_FOUND = {
    "letterhead": N_("No letterhead was found."),
    "signature": N_("No signature was found."),
    "stamp": N_("No stamp was found."),
}
NOT_FOUND_ON_SCAN = {
    "letterhead": N_(
        "No letterhead was found on the scan, but a faint or unusual one may have been missed."
    ),
    "signature": N_(
        "No signature was found on the scan, but a faint or unusual one may have been missed."
    ),
    "stamp": N_("No stamp was found on the scan, but a faint or unusual one may have been missed."),
}
FOUND = {
    "letterhead": N_("Letterhead found: %(detail)s."),
    "signature": N_("Signature found: %(detail)s."),
    "stamp": N_("Stamp found: %(detail)s."),
}

# A stamp's words as the report names it ("round coloured stamp")
SHAPES = {"round": N_("round"), "rectangular": N_("rectangular")}
INKS = {"coloured": N_("coloured"), "ink": N_("dark")}


def _stamp(shape: str, ink: str) -> str:
    return say("%(shape)s %(ink)s stamp", shape=say(shape), ink=say(ink))


def find_stamps(v: View, top: float = TOP) -> list[Mark]:
    page = v.page
    mm = _mm(v)
    start = int(v.height * top) if page.number == 1 else 0
    marks: list[Mark] = []
    for mask, what in ((v.coloured, INKS["coloured"]), (v.ink, INKS["ink"])):
        region = mask.copy()
        region[:start] = 0
        outlined = shapes.outlined(region, v.words, mm)
        if outlined is not None:
            box, shape = outlined
            marks.append(Mark("stamp", page, v.to_page(box), 0.85, _stamp(SHAPES[shape], what)))
            break
        ring = shapes.ring(region, v.words, mm)
        if ring is not None and not (
            ring[0] - ring[2] > 2 * mm
            and ring[1] - ring[2] > 2 * mm
            and ring[0] + ring[2] < v.width - 2 * mm
            and ring[1] + ring[2] < v.height - 2 * mm
        ):
            ring = None  # a circle cut by the image's edge is not a stamp on the sheet
        if ring is not None:
            x, y, r = ring
            box = v.to_page((x - r, y - r, x + r, y + r))
            marks.append(Mark("stamp", page, box, 0.9, _stamp(SHAPES["round"], what)))
            break
        framed = shapes.framed(region, mm)
        if framed is not None:
            marks.append(
                Mark("stamp", page, v.to_page(framed), 0.85, _stamp(SHAPES["rectangular"], what))
            )
            break
    return marks


def _near_text(v: View, box: Box, distance: float) -> bool:
    """A signature sits by the letter's text (its closing, the signatory's name)."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    for w in v.page.words:
        wx, wy = (w.box[0] + w.box[2]) / 2 * v.scale, (w.box[1] + w.box[3]) / 2 * v.scale
        if abs(wx - cx) < distance * 2.5 and abs(wy - cy) < distance:
            return True
    return False


def find_signatures(v: View, stamps: list[Mark], top: float = TOP) -> list[Mark]:
    """Pieces of free ink (not a printed word, not a stamp) taller than any printed letter: with
    their small gaps closed, printed words stay under 5 mm; a signature's loops do not."""
    page = v.page
    mm = _mm(v)
    free = _u8(cv2.bitwise_and(v.ink, cv2.bitwise_not(v.words)))
    start = int(v.height * top) if page.number == 1 else 0
    free[:start] = 0
    for stamp in stamps:  # the stamp's own ink, all of it, is not a signature
        x0, y0, x1, y1 = (c * v.scale for c in stamp.box)
        grow_x, grow_y = (x1 - x0) * 0.25, (y1 - y0) * 0.25
        ys = slice(max(0, int(y0 - grow_y)), int(y1 + grow_y))
        xs = slice(max(0, int(x0 - grow_x)), int(x1 + grow_x))
        free[ys, xs] = 0
    found: list[Mark] = []
    edge = 2 * mm
    for x, y, w, h, pixels in shapes.components(free, max(3, int(1.0 * mm))):
        if not (10 * mm <= w <= 110 * mm and 5 * mm <= h <= 40 * mm):
            continue
        if x < edge or y < edge or x + w > v.width - edge or y + h > v.height - edge:
            continue  # the table or the shadow around a photographed sheet
        if not _near_text(v, (x, y, x + w, y + h), 45 * mm):
            continue
        density = pixels / float(w * h)
        if not 0.02 <= density <= 0.35:
            continue
        patch = free[y : y + h, x : x + w]
        # handwriting changes direction often: many edges in both directions
        gx = np.abs(cv2.Sobel(patch, cv2.CV_32F, 1, 0)).mean()
        gy = np.abs(cv2.Sobel(patch, cv2.CV_32F, 0, 1)).mean()
        if min(gx, gy) < 0.25 * max(gx, gy):
            continue  # a rule or a bar, not strokes
        score = 0.8 if density < 0.25 else 0.6
        box = v.to_page((x, y, x + w, y + h))
        found.append(Mark("signature", page, box, score, say("handwritten strokes")))
    return sorted(found, key=lambda m: -m.score)


def find_letterhead(v: View) -> Mark | None:
    """Pictures or a rule in the top of the page, with the institution's text beside them."""
    page = v.page
    if page.number != 1:
        return None
    mm = _mm(v)
    top = int(v.height * TOP)
    head = v.ink[:top]
    text_in_head = [w for w in page.words if w.box[3] * v.scale <= top]
    if not text_in_head:
        return None
    pictures = _u8(cv2.bitwise_and(head, cv2.bitwise_not(v.words[:top])))
    edge = 3 * mm

    def inside(x: int, y: int, w: int, h: int) -> bool:
        """Away from the image's edge, where a photographed sheet meets the table."""
        return x > edge and y > edge and x + w < v.width - edge

    def coloured(x: int, y: int, w: int, h: int) -> bool:
        """A coloured band printed across the sheet is the letterhead, not a table."""
        if w < 0.6 * v.width:
            return False
        patch = v.coloured[y : y + h, x : x + w]
        return cv2.countNonZero(patch) > 0.5 * max(1, cv2.countNonZero(head[y : y + h, x : x + w]))

    def holds_text(x: int, y: int, w: int, h: int) -> bool:
        """A band with the institution's name printed in it (a table's edge holds no words)."""
        inner = 0
        for word in text_in_head:
            cx = (word.box[0] + word.box[2]) / 2 * v.scale
            cy = (word.box[1] + word.box[3]) / 2 * v.scale
            inner += x <= cx <= x + w and y <= cy <= y + h
        return inner >= 2

    boxes: list[tuple[str, Box]] = []
    for x, y, w, h, pixels in shapes.components(pictures, max(3, int(1.5 * mm))):
        big = w >= 8 * mm and h >= 8 * mm and pixels >= 40 * mm * mm
        printed = page.source == "text"  # a text PDF has no table around the sheet
        if big and (
            printed or inside(x, y, w, h) or coloured(x, y, w, h) or holds_text(x, y, w, h)
        ):
            boxes.append(("logo", (x, y, x + w, y + h)))
    horizontal = _u8(
        cv2.morphologyEx(
            head, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (int(60 * mm), 1))
        )
    )
    for x, y, w, h, _ in shapes.components(horizontal, 3):
        near_text = any(abs(word.box[1] * v.scale - y) < 30 * mm for word in text_in_head)
        if w >= 60 * mm and h <= 3 * mm and inside(x, y, w, h) and near_text:
            boxes.append(("rule", (x, y, x + w, y + h)))
    if not boxes:
        return None
    lowest = max(b[1][3] for b in boxes)
    beside = [
        tuple(c * v.scale for c in w.box)
        for w in text_in_head
        if w.box[1] * v.scale <= lowest + 2 * mm
    ]
    xs = [b[1] for b in boxes] + beside
    box = v.to_page(
        (
            float(min(b[0] for b in xs)),
            float(min(b[1] for b in xs)),
            float(max(b[2] for b in xs)),
            float(max(b[3] for b in xs)),
        )
    )
    kinds = sorted({k for k, _ in boxes})
    score = 0.9 if len(kinds) == 2 else 0.75
    detail = (
        say("a logo and a rule with text")
        if len(kinds) == 2
        else say("a logo with text")
        if kinds == ["logo"]
        else say("a rule with text")
    )
    return Mark("letterhead", page, box, score, detail)
