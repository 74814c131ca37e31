"""Stamps on letters are ink drawn round (a ring, an oval, a frame; solid, dashed or dotted),
never printed words that a circle happens to run through."""

from __future__ import annotations

import cv2
import numpy as np

from checkers.facts.model import PageFacts, Word
from checkers.marks import find_signatures, find_stamps, view

WIDTH, HEIGHT = 1240, 1754  # an A4 page at 150 dpi


def _page(draw_ring: bool, *, dashed: bool = True) -> PageFacts:
    image = np.full((HEIGHT, WIDTH, 3), 255, np.uint8)
    words: list[Word] = []
    for line, text in enumerate(
        ["Dear Colleague,", "We are pleased to confirm", "Yours sincerely"]
    ):
        y = 700 + 60 * line
        cv2.putText(image, text, (120, y), cv2.FONT_HERSHEY_SIMPLEX, 1.6, (20, 20, 20), 3)
        (w, h), _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, 1.6, 3)
        words.append(Word(text, (120, y - h, 120 + w, y + 4), 95.0, line))
    if draw_ring:
        centre, radius = (800, 1100), 95
        for start in range(0, 360, 15 if dashed else 360):
            end = start + (9 if dashed else 360)
            cv2.ellipse(image, centre, (radius, radius), 0, start, end, (150, 40, 40), 4)
            cv2.ellipse(image, centre, (radius - 25, radius - 25), 0, start, end, (150, 40, 40), 2)
        cv2.putText(image, "OFFICE", (735, 1110), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (150, 40, 40), 2)
    return PageFacts(1, image, words, "ocr")


def test_printed_words_are_no_stamp() -> None:
    assert find_stamps(view(_page(draw_ring=False))) == []


def test_a_dashed_ring_is_a_stamp() -> None:
    found = find_stamps(view(_page(draw_ring=True)))
    assert len(found) == 1
    x0, y0, x1, y1 = found[0].box
    assert x0 < 800 < x1 and y0 < 1100 < y1


def test_a_signature_ocr_took_for_a_word_is_still_a_signature() -> None:
    page = _page(draw_ring=False)
    points = np.array([[200, 1030], [240, 900], [270, 1040], [300, 910], [340, 1035], [380, 905],
                       [420, 1030], [450, 960]], np.int32)  # fmt: skip
    cv2.polylines(page.image, [points], False, (30, 40, 150), 3)
    # tesseract read the loops as a "word", with a confidence a printed word has
    page.words.append(Word("JAÇN", (195, 895, 455, 1045), 65.0, 9))
    found = find_signatures(view(page), [])
    assert len(found) == 1
    x0, y0, x1, y1 = found[0].box
    assert x0 < 300 < x1 and y0 < 970 < y1
