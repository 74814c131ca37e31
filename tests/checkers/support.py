"""Facts made from plain text, for checks that only read words."""

from __future__ import annotations

import numpy as np

from checkers.facts.model import DocumentFacts, PageFacts, Word


def facts(*pages: str, source: str = "text", confidence: float = 100.0) -> DocumentFacts:
    out = []
    for number, text in enumerate(pages, start=1):
        words = []
        for line_no, line in enumerate(text.splitlines(), start=1):
            x = 10.0
            for token in line.split():
                width = 8.0 * len(token)
                words.append(
                    Word(
                        token,
                        (x, line_no * 20.0, x + width, line_no * 20.0 + 14),
                        confidence,
                        line_no,
                    )
                )
                x += width + 6
        image = np.full((1200, 900, 3), 255, dtype=np.uint8)
        out.append(PageFacts(number, image, words, source))  # type: ignore[arg-type]
    return DocumentFacts(out, "test")
