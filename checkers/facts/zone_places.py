"""A machine-readable zone's places: each character's picture cut out at the zone's fixed
pitch, the fillers told from letters by their likeness to the zone's own filler, and OCR's
readings put in those places (so a filler never becomes a letter, whatever OCR read), to be
voted place by place (``zone_votes``). ``zones`` finds the band and reads it."""

from __future__ import annotations

from itertools import pairwise

import cv2
import numpy as np

from checkers import mrz

# A glyph is compared with the zone's own filler at this size (pixels across, down)
GLYPH = (16, 24)
PITCH = 24  # pixels from one character to the next at least, to tell them apart
FILLER_LIKE = 0.7  # correlation with a filler at which a glyph is surely another filler
LETTER_LIKE = 0.45  # fillers and letters part between this and a little above FILLER_LIKE,
CLEAR_GAP = 0.08  # where no glyph's likeness falls in a gap this wide


def glyphs(crop: np.ndarray, count: int, width: int) -> list[list[np.ndarray]] | None:
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
        spans = sorted((stats[i, 0], stats[i, 0] + stats[i, 2]) for i in line)
        centres = _places(spans, width)
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


def _places(spans: list[tuple[int, int]], width: int) -> list[float] | None:
    """Where a line's ``width`` characters stand, from the marks on it (each mark's left and
    right, in order): the pitch is the usual step from one mark's middle to the next, and each
    mark is so many steps on from the one before (one, more where a mark is missing, none for
    a piece of the character before, as a thin letter broken in two), which does not drift
    along a long line. A mark wider than a character is letters touching (bold or blurred
    print): its middle stands between places, so it is left out, and the marks on either side
    of it count the places it covers. The line's characters are the ``width`` steps holding
    the most marks (a mark beside the zone is not one of them). The steps are fitted to the
    marks, and a mark's own middle kept where it is. None when too few marks fall on the
    steps."""
    if len(spans) < width // 2:
        return None
    bounds = np.asarray(spans, dtype=np.float64)
    steps = np.diff(bounds.mean(axis=1))
    rough = float(np.median(steps))
    near = steps[(steps > 0.7 * rough) & (steps < 1.3 * rough)]
    if rough < 3 or len(near) < width // 3:
        return None
    pitch = float(np.median(near))
    single = bounds[:, 1] - bounds[:, 0] <= 1.25 * pitch
    if single.sum() < width // 2:
        return None
    marks = bounds[single].mean(axis=1)
    steps = np.diff(marks)
    # a step under half the pitch is within one character (a thin N broken in two)
    counted = np.concatenate([[0], np.cumsum(np.round(steps / pitch))]).astype(int)
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
    alone = np.bincount(places, minlength=width) == 1  # a character's pieces: the fit kept
    for k, centre in zip(places, marks[keep], strict=True):
        if alone[k] and abs(centre - fitted[k]) < 0.35 * slope:
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


def fillers(glyphs: list[list[np.ndarray]]) -> list[list[bool]] | None:
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
    # fillers and letters part where the likenesses leave their widest gap that reaches into
    # the band between LETTER_LIKE and a little above FILLER_LIKE: bold, blurred letters are
    # more like a filler than thin ones, and the gap above them may reach well past the band
    band = (LETTER_LIKE, FILLER_LIKE + 0.1)
    values = sorted(to_filler)
    gaps = [
        (high - low, min(max((low + high) / 2, band[0]), band[1]))
        for low, high in pairwise(values)
        if low < band[1] and high > band[0]
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


def placed(row: str, fillers: list[bool]) -> str:
    """A line OCR read, its letters put in the places the pictures show letters: each run of
    letters between fillers taken from the reading's run of that length, in order (OCR drops,
    doubles or invents fillers, reads the filler after a run as a K, and one before it as
    ``<K``). A word read as long as several runs with the fillers between them (``PANLD`` for
    ``P<NLD``: a filler read as a letter) fills those runs, its letters at the fillers left
    out. ``?`` where no run fits."""
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
    at = run = 0
    while run < len(runs):
        fit = _fitting(words, at, runs, run)
        if fit is None:
            run += 1
            continue
        at, last, word = fit
        begin = runs[run][0]
        for offset, ch in enumerate(word):
            if not fillers[begin + offset]:
                chars[begin + offset] = ch
        at, run = at + 1, last + 1
    return "".join(chars[:width])


def _fitting(
    words: list[str], at: int, runs: list[tuple[int, int]], run: int
) -> tuple[int, int, str] | None:
    """The first word from ``at`` on that fills the run ``run`` (or it and the runs after it,
    with the fillers between them): the word's index, the last run it fills, and the word
    as it fits."""
    begin = runs[run][0]
    for k in range(at, len(words)):
        word = words[k]
        if len(word) > 1 and len(set(word)) == 1 and word[0] in mrz.FILLER_MISREADS:
            continue  # a run of fillers read as K
        for last in range(run, len(runs)):
            span = runs[last][0] + runs[last][1] - begin
            fitted = word
            if len(fitted) > span:
                fitted = fitted.rstrip(MISREAD_FILLERS)
            if len(fitted) == span + 1 and k > 0 and fitted[0] in MISREAD_FILLERS:
                fitted = fitted[1:]  # a filler before it read as ``<K``
            if len(fitted) == span:
                return k, last, fitted
            if len(fitted) < span:
                break
    return None


def lined(rows: list[str], fillers: list[list[bool]]) -> list[str]:
    """A reading's lines put in the zone's places, line by line: to each line of places, of
    the lines read after the one taken for the line above, the one whose runs of letters fill
    most of its places (OCR also reads what is printed around a zone, and drops lines)."""
    lined = []
    after = 0
    for places in fillers:
        letters = places.count(False)
        best, taken = "?" * len(places), None
        for index in range(after, len(rows)):
            put = placed(rows[index], places)
            filled = sum(ch not in "<?" for ch in put)
            if filled >= letters / 2 and filled > sum(ch not in "<?" for ch in best):
                best, taken = put, index
        lined.append(best)
        if taken is not None:
            after = taken + 1
    return lined


Fillers = dict[tuple[int, int], list[list[bool]] | None]  # per zone shape (lines, width)


def zone_fillers(crop: np.ndarray) -> Fillers:
    """Which places hold fillers, for each shape a zone may have, from the band's pictures:
    worked out once a band, however many readings are voted."""
    out: Fillers = {}
    for count, width in mrz.SHAPES:
        pictures = glyphs(crop, count, width)
        out[(count, width)] = fillers(pictures) if pictures is not None else None
    return out
