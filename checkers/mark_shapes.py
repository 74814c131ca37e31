"""The shapes a stamp takes on a letter's ink: a ring (round or oval, whole or broken), a
framed rectangle, or any closed outline around words; found with OpenCV on the ink that is not
printed words, sizes in millimetres of an A4 page."""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

from checkers.facts.model import Box

Mask = npt.NDArray[np.uint8]


def _u8(array: object) -> Mask:
    return np.asarray(array, dtype=np.uint8)


def components(mask: Mask, join: int) -> list[tuple[int, int, int, int, int]]:
    """Bounding boxes (x, y, w, h, ink pixels) of ink clusters, strokes closer than ``join``
    pixels merged."""
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (join, join))
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel)
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    out = []
    for i in range(1, count):
        x, y, w, h, _area = (int(v) for v in stats[i])
        ink = int(cv2.countNonZero(mask[y : y + h, x : x + w]))
        out.append((x, y, w, h, ink))
    return out


def ring(mask: Mask, words: Mask, mm: float) -> tuple[float, float, float] | None:
    """The strongest circle of ink of a stamp's size (12–35 mm radius), or None."""
    blurred = cv2.GaussianBlur(mask, (5, 5), 1.5)
    circles = cv2.HoughCircles(
        blurred,
        cv2.HOUGH_GRADIENT,
        dp=1.5,
        minDist=20 * mm,
        param1=120,
        param2=45,
        minRadius=int(11 * mm),
        maxRadius=int(35 * mm),
    )
    if circles is None:
        return None
    for x, y, r in circles[0]:
        # a real ring: ink along most of its circumference
        angles = np.linspace(0, 2 * np.pi, 90, endpoint=False)
        xs = np.clip((x + r * np.cos(angles)).astype(int), 0, mask.shape[1] - 1)
        ys = np.clip((y + r * np.sin(angles)).astype(int), 0, mask.shape[0] - 1)
        thick = cv2.dilate(mask, np.ones((7, 7), np.uint8))
        # ink along most of it, and not the printed words a circle happens to run through
        if (thick[ys, xs] > 0).mean() >= 0.7 and (words[ys, xs] > 0).mean() <= 0.4:
            return float(x), float(y), float(r)
    return None


def framed(mask: Mask, mm: float) -> Box | None:
    """A rectangle of ink 25–90 mm wide framing text: a rectangular stamp."""
    contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    for contour in contours:
        rect = cv2.minAreaRect(contour)
        _centre, (w, h), _angle = rect
        long_side, short_side = max(w, h), min(w, h)
        if not (25 * mm <= long_side <= 90 * mm and 10 * mm <= short_side <= 50 * mm):
            continue
        perimeter = cv2.arcLength(contour, True)
        approx = cv2.approxPolyDP(contour, 0.03 * perimeter, True)
        area = cv2.contourArea(contour)
        if len(approx) == 4 and area > 0.8 * w * h:
            pts = cv2.boxPoints(rect)
            return (
                float(pts[:, 0].min()),
                float(pts[:, 1].min()),
                float(pts[:, 0].max()),
                float(pts[:, 1].max()),
            )
    return None


def outlined(mask: Mask, words: Mask, mm: float) -> tuple[Box, str] | None:
    """A stamp of any shape: a cluster of ink 12–60 mm across whose outline (the ellipse or
    the turned rectangle that fits it) is drawn in ink most of the way round, solid, dashed
    or dotted, with room inside for its words. A line of print or a signature has no such
    outline, a logo is filled, not drawn round, and an outline that runs mostly through
    printed words is those words ("Dear Colleague" is no seal), though a stamp's own lettering
    may be read as words here and there."""
    near = cv2.dilate(mask, np.ones((max(3, int(1.2 * mm)),) * 2, np.uint8))
    contours: list[np.ndarray] = []
    for gap in (1.2, 3.0):  # a worn ring's gaps, the dashes of a frame
        join = max(3, int(gap * mm))
        closed = cv2.morphologyEx(
            mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (join, join))
        )
        contours += list(cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)[0])
    found: list[tuple[Box, str]] = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if not (12 * mm <= max(w, h) <= 60 * mm and min(w, h) >= 0.35 * max(w, h)):
            continue
        if len(contour) < 5:
            continue
        outlines: tuple[tuple[str, np.ndarray], ...] = (
            ("round", np.asarray(cv2.ellipse2Poly(*ellipse(contour), 2))),
            ("rectangular", rectangle(contour)),
        )
        for shape, points in outlines:
            inside_x = np.clip(points[:, 0], 0, mask.shape[1] - 1)
            inside_y = np.clip(points[:, 1], 0, mask.shape[0] - 1)
            drawn = float((near[inside_y, inside_x] > 0).mean())
            printed = float((words[inside_y, inside_x] > 0).mean())
            filled = cv2.countNonZero(mask[y : y + h, x : x + w]) / float(w * h)
            if drawn >= 0.65 and filled <= 0.45 and printed <= 0.4:
                found.append(((float(x), float(y), float(x + w), float(y + h)), shape))
                break
    # a stamp's inner ring is part of it: the whole stamp is the largest outline
    return max(found, key=lambda f: (f[0][2] - f[0][0]) * (f[0][3] - f[0][1]), default=None)


def ellipse(contour: np.ndarray) -> tuple[tuple[int, int], tuple[int, int], int, int, int]:
    (cx, cy), (a, b), angle = cv2.fitEllipse(contour)
    return (int(cx), int(cy)), (max(1, int(a / 2)), max(1, int(b / 2))), int(angle), 0, 360


def rectangle(contour: np.ndarray) -> np.ndarray:
    corners = cv2.boxPoints(cv2.minAreaRect(contour))
    points = []
    for i in range(4):
        a, b = corners[i], corners[(i + 1) % 4]
        for t in np.linspace(0, 1, 30, endpoint=False):
            points.append(a + (b - a) * t)
    return np.asarray(points).astype(int)
