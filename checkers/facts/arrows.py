"""A stamp's direction from its pictogram: an arrow found by its shape (a level shaft, then a
head rising at once to several times the shaft's height) in the stamp's ink, read in a few ink
strengths; the Schengen stamps give their direction by an arrow alone."""

from __future__ import annotations

import cv2
import numpy as np

from checkers.crossings import ENTRY, EXIT
from checkers.facts.model import Image
from checkers.facts.stamps import FADED_CONTRAST, STAMP_SIDE, Blob, View, upright_view


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
        # a dash's ends taper as it wears; its evenness is that of its body
        inside = np.convolve(inked.astype(np.int8), np.ones(5, np.int8), "same") == 5
        body = shaft[inside[shaft]]
        thin, thick = np.percentile(heights[body if len(body) >= 3 else shaft], [10, 90])
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
        arrow_direction(upright_view(View(threshold, STAMP_SIDE).render(blob.darkness), blob.angle))
        for threshold in (FADED_CONTRAST, int(0.35 * strong), int(0.5 * strong))
    } - {None}
    return seen.pop() if len(seen) == 1 else None
