"""What a document says, read once: pages with words (text, box, confidence) and the page image.

Every check reads these facts; nobody opens the file again. Boxes are in the pixels of the page's
image (``PageFacts.image``); :meth:`PageFacts.fraction` turns one into page fractions (0–1) for
evidence that does not depend on a resolution.
"""

from __future__ import annotations

from collections.abc import Iterable
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


@dataclass
class PageFacts:
    number: int  # 1-based
    image: Image
    words: list[Word]
    source: Source
    rotation: int = 0  # degrees the page was turned to read it upright
    skew: float = 0.0  # degrees of skew that were straightened
    dpi: float = 0.0  # pixels per inch of ``image`` for a PDF page; 0 for a photo or scan file
    _lines: list[Line] | None = field(default=None, repr=False)

    @property
    def width(self) -> int:
        return int(self.image.shape[1])

    @property
    def height(self) -> int:
        return int(self.image.shape[0])

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
