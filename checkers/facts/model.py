"""What a document says, read once: pages with words (text, box, confidence) and the page image.

Every check reads these facts; nobody opens the file again. Boxes are in the pixels of the page's
image (``PageFacts.image``); :meth:`PageFacts.fraction` turns one into page fractions (0–1) for
evidence that does not depend on a resolution.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

Box = tuple[float, float, float, float]
Source = Literal["text", "ocr"]
Image = npt.NDArray[np.uint8]  # height × width × 3, RGB


@dataclass(frozen=True)
class Word:
    text: str
    box: Box
    confidence: float  # 0–100; a PDF's text layer is 100
    line: int  # words with the same number are on one line, in reading order


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> Box:
        return union(w.box for w in self.words)

    @property
    def confidence(self) -> float:
        return min((w.confidence for w in self.words), default=0.0)


def union(boxes: Iterable[Box]) -> Box:
    listed = list(boxes)
    return (
        min(b[0] for b in listed),
        min(b[1] for b in listed),
        max(b[2] for b in listed),
        max(b[3] for b in listed),
    )


class Shelf:
    """The page images of one document that are held decoded: the few used last. A page put
    on the shelf keeps only how to make its image again (render its PDF page, straighten and
    turn it as it was read), so a long scanned document never holds all its pages at once."""

    def __init__(self, capacity: int = 1) -> None:
        self.capacity = capacity
        self._held: OrderedDict[int, Image] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, page: PageFacts, make: Callable[[], Image]) -> Image:
        key = id(page)
        with self._lock:
            if key in self._held:
                self._held.move_to_end(key)
                return self._held[key]
        image = make()
        with self._lock:
            self._held[key] = image
            while len(self._held) > self.capacity:
                self._held.popitem(last=False)
        return image


class PageFacts:
    """One page: its words (from the text layer or OCR), its image (pixels in which the words'
    boxes lie), how it was turned and straightened to be read."""

    def __init__(
        self,
        number: int,  # 1-based
        image: Image,
        words: list[Word],
        source: Source,
        rotation: int = 0,  # degrees the page was turned to read it upright
        skew: float = 0.0,  # degrees of skew that were straightened
        dpi: float = 0.0,  # pixels per inch of ``image`` for a PDF page; 0 for a photo or scan
    ) -> None:
        self.number = number
        self.words = words
        self.source = source
        self.rotation = rotation
        self.skew = skew
        self.dpi = dpi
        self._image: Image | None = image
        self._size = (int(image.shape[1]), int(image.shape[0]))
        self._make: Callable[[], Image] | None = None
        self._shelf: Shelf | None = None
        self._lines: list[Line] | None = None

    def __repr__(self) -> str:
        return f"PageFacts(number={self.number}, source={self.source!r}, words={len(self.words)})"

    @property
    def image(self) -> Image:
        if self._image is not None:
            return self._image
        assert self._make is not None and self._shelf is not None
        return self._shelf.get(self, self._make)

    def shelve(self, make: Callable[[], Image], shelf: Shelf) -> None:
        """Let the image go; ``make`` makes it again, the same pixels, when it is wanted."""
        self._make, self._shelf, self._image = make, shelf, None

    @property
    def width(self) -> int:
        return self._size[0]

    @property
    def height(self) -> int:
        return self._size[1]

    @property
    def lines(self) -> list[Line]:
        if self._lines is None:
            grouped: dict[int, list[Word]] = {}
            for word in self.words:
                grouped.setdefault(word.line, []).append(word)
            self._lines = [
                Line(tuple(sorted(ws, key=lambda w: w.box[0])))
                for _, ws in sorted(grouped.items(), key=lambda kv: kv[0])
            ]
        return self._lines

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def fraction(self, box: Box) -> Box:
        w, h = self.width, self.height
        return (box[0] / w, box[1] / h, box[2] / w, box[3] / h)

    @property
    def mean_confidence(self) -> float:
        if not self.words:
            return 0.0
        return sum(w.confidence for w in self.words) / len(self.words)


@dataclass
class DocumentFacts:
    pages: list[PageFacts]
    filename: str = ""
    data: bytes = field(default=b"", repr=False)  # the file as uploaded, for a closer look

    @property
    def is_pdf(self) -> bool:
        return self.data[:5] == b"%PDF-" or b"%PDF-" in self.data[:1024]

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({p.source for p in self.pages}))

    def lines(self) -> list[tuple[PageFacts, Line]]:
        return [(page, line) for page in self.pages for line in page.lines]
