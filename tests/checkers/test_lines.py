"""The second reader of a stamp's lines (RapidOCR's PP-OCR models on onnxruntime), and the heap
setting it reads under."""

from __future__ import annotations

import datetime as dt
import random
import threading
from dataclasses import replace

import numpy as np
import pytest
from PIL import Image, ImageDraw

from checkers.facts import heap
from checkers.facts.lines import PaddleLines, side_by_side
from checkers.facts.model import PageFacts
from checkers.facts.ocr import Tesseract
from checkers.facts.stamp_text import _agreed, _interpret, read_stamps
from checkers.facts.stamps import (
    STAMP_LINES_SIDE,
    View,
    find_blobs,
    upright_view,
    without_frame,
)
from docservice.mobility import parse_mobility
from samples.passport import Stamp, stamp_picture
from tests.support import EXAMPLE

MOBILITY = parse_mobility(EXAMPLE)  # Şükrü Öztürk, 10-14 March 2025


def _page(stamp: Stamp, seed: int) -> PageFacts:
    page = Image.new("RGB", (1000, 1300), (246, 244, 236))
    picture = stamp_picture(stamp, random.Random(seed))
    page.paste(picture, (150, 300), picture)
    return PageFacts(1, np.asarray(page), [], "ocr")


@pytest.mark.parametrize("seed", range(3))
def test_the_line_reader_reads_a_stamps_lines_top_to_bottom(seed: int) -> None:
    stamp = Stamp(dt.date(2025, 3, 9), "exit", date_form=seed, angle=-12 + 10 * seed, worn=0.1)
    (blob,) = find_blobs(_page(stamp, seed))
    image = without_frame(upright_view(View(None, 600).render(blob.darkness), blob.angle))
    words = PaddleLines().words(image)
    assert words, "nothing read"
    middles = [(w.box[1] + w.box[3]) / 2 for w in words]
    assert middles == sorted(middles)
    assert any(ch.isdigit() for w in words for ch in w.text)


@pytest.mark.parametrize("seed", range(3))
def test_lines_found_on_a_smaller_copy_are_read_from_the_stamp_as_given(seed: int) -> None:
    stamp = Stamp(dt.date(2025, 3, 9), "exit", date_form=seed, angle=8 - 8 * seed, worn=0.1)
    (blob,) = find_blobs(_page(stamp, seed))
    image = without_frame(upright_view(View(None, 600).render(blob.darkness), blob.angle))
    whole = PaddleLines().words(image)
    smaller = PaddleLines(detect_side=STAMP_LINES_SIDE).words(image)
    assert max(image.shape[:2]) > STAMP_LINES_SIDE
    digits = [
        "".join(ch for w in words for ch in w.text if ch.isdigit()) for words in (whole, smaller)
    ]
    assert digits[0] and digits[1] == digits[0]
    height, width = image.shape[:2]
    for word in smaller:  # in the image's own pixels
        assert 0 <= word.box[0] < word.box[2] <= width and 0 <= word.box[1] < word.box[3] <= height
    assert max(w.box[2] for w in smaller) > STAMP_LINES_SIDE * width / max(height, width)


class _Lines:
    """A line reader that reads what it is told, and counts its calls."""

    def __init__(self, text: str) -> None:
        self.text, self.calls = text, 0

    def words(self, image: np.ndarray, *, dpi: int = 300) -> list:
        from checkers.facts.model import Word

        self.calls += 1
        return [
            Word(t, (0, 10 * i, 50, 10 * i + 8), 90, i) for i, t in enumerate(self.text.split("\n"))
        ]

    def orientation(self, image: np.ndarray) -> None:
        return None


def test_a_stamp_both_readings_of_the_line_reader_agree_on_needs_no_tesseract() -> None:
    stamp = Stamp(dt.date(2025, 3, 9), "exit", worn=0.1)
    (blob,) = find_blobs(_page(stamp, 0))
    lines = _Lines("TÜRKİYE CUMHURİYETİ\n09.03.2025\nÇIKIŞ / EXIT")
    never = Tesseract(executable="no-such-tesseract")  # would fail if it were asked
    (reading,) = read_stamps([blob], MOBILITY, never, lines)
    assert (reading.date, reading.direction, reading.country) == (dt.date(2025, 3, 9), "exit", "TR")
    assert lines.calls == 2


def test_a_date_read_for_sure_once_outweighs_guesses_at_another() -> None:
    """One view reads 09MAR25 whole; three others read a worn day as ``2AMAR25``, a guess at 2
    March however often it is made."""
    stamp = Stamp(dt.date(2025, 3, 9), "exit", worn=0.1)
    (blob,) = find_blobs(_page(stamp, 0))
    sure = _interpret(blob, "TÜRKİYE CUMHURİYETİ\n09MAR25\nÇIKIŞ / EXIT", MOBILITY)
    guess = _interpret(blob, "TÜRKİYE CUMHURİYETİ\n2AMAR25\nÇIKIŞ / EXIT", MOBILITY)
    seen = [sure, guess, guess, guess]
    reading = _agreed(blob, seen)
    assert reading is not None
    assert (reading.date, reading.guessed) == (dt.date(2025, 3, 9), False)
    assert _agreed(blob, seen[1:]).guessed  # type: ignore[union-attr]


def test_the_line_reader_s_date_outweighs_one_tesseract_view_and_ties_with_two() -> None:
    """Tesseract loses the worn first digit of ``17 10 2025``; the line reader reads it
    whole. One such view is outweighed; two against it leave the date for a person."""
    stamp = Stamp(dt.date(2025, 3, 17), "entry", worn=0.1)
    (blob,) = find_blobs(_page(stamp, 0))
    whole = [
        replace(r, by_lines=True)
        for r in _interpret(blob, "TÜRKİYE CUMHURİYETİ\n17 03 2025\nGİRİŞ / ENTRY", MOBILITY)
    ]
    lost = _interpret(blob, "TÜRKİYE CUMHURİYETİ\n7 03 2025\nGİRİŞ / ENTRY", MOBILITY)
    reading = _agreed(blob, [whole, lost])
    assert reading is not None and reading.date == dt.date(2025, 3, 17)
    reading = _agreed(blob, [whole, lost, lost])
    assert reading is not None and reading.date is None


def test_the_heap_is_made_roomy_only_where_large_blocks_are_given_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[int] = []
    monkeypatch.setattr(heap, "_set", lambda threshold: calls.append(threshold) or True)
    monkeypatch.setattr(heap, "_threshold", None)
    with heap.roomy():
        pass
    assert calls == []  # glibc's own sliding threshold is left alone
    heap.give_back_large_blocks()
    with pytest.raises(RuntimeError), heap.roomy():
        raise RuntimeError
    assert calls == [heap.LARGE, heap.ROOMY, heap.LARGE]  # put back, even after an error


def test_the_heap_stays_roomy_until_the_last_reader_leaves(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stamps are read side by side: one reader finishing must not take the setting from
    another still reading."""
    calls: list[int] = []
    monkeypatch.setattr(heap, "_set", lambda threshold: calls.append(threshold) or True)
    monkeypatch.setattr(heap, "_threshold", heap.LARGE)
    with heap.roomy():
        with heap.roomy():
            assert calls == [heap.ROOMY]
        assert calls == [heap.ROOMY]
    assert calls == [heap.ROOMY, heap.LARGE]


def test_work_done_side_by_side_comes_back_in_order_from_the_reading_threads() -> None:
    done = side_by_side(lambda i: (i * i, threading.current_thread().name), range(7))
    assert [square for square, _ in done] == [i * i for i in range(7)]
    assert all(name.startswith("lines") for _, name in done)
    assert side_by_side(lambda i: threading.current_thread(), [0]) == [threading.current_thread()]


def test_stamps_read_side_by_side_read_as_they_do_one_at_a_time() -> None:
    """Each thread reads with models of its own (RapidOCR keeps the size it is preparing an
    image for on itself): images of different sizes, read side by side, come back as each
    does alone, whichever reader is given."""
    images = []
    for seed in range(4):
        stamp = Stamp(dt.date(2025, 3, 9 + seed), "exit", date_form=seed, angle=6.0 * seed)
        (blob,) = find_blobs(_page(stamp, seed))
        side = (600, 1000)[seed % 2]  # either side of RapidOCR's 960 pixels
        images.append(without_frame(upright_view(View(None, side).render(blob.darkness), 0.0)))
    for reader in (PaddleLines(), PaddleLines(detect_side=STAMP_LINES_SIDE)):
        alone = [reader.words(image) for image in images]
        assert all(alone)
        assert reader.read_each(images) == alone


def _crossed(
    stamp: Stamp, seed: int, cover: int = 200, widths: tuple[int, int] = (14, 20)
) -> PageFacts:
    """The stamp with broad pale strokes of the page's print over its letters, as on a visa
    page where worn ink lets the print through: there the letters take a mixed colour (all the
    print's, with ``cover`` 255)."""
    page = Image.new("RGB", (1000, 1300), (246, 244, 236))
    picture = stamp_picture(stamp, random.Random(seed))
    page.paste(picture, (150, 300), picture)
    print_layer = Image.new("RGB", page.size, (176, 196, 180))
    mask = Image.new("L", page.size, 0)
    rng = random.Random(seed)
    draw = ImageDraw.Draw(mask)
    for _ in range(4):  # strokes across the stamp's middle, where its date is
        x, y = 150 + rng.uniform(0.15, 0.75) * picture.width, 300 + picture.height / 2
        draw.line((x - 40, y - 90, x + 40, y + 90), fill=cover, width=rng.randint(*widths))
    return PageFacts(1, np.asarray(Image.composite(print_layer, page, mask)), [], "ocr")


@pytest.mark.parametrize(("ink", "form"), [("red", 3), ("violet", 6), ("green", 1), ("blue", 4)])
def test_a_date_crossed_by_the_pages_print_is_read_whole(ink: str, form: int) -> None:
    day = dt.date(2025, 3, 9)
    stamp = Stamp(day, "exit", date_form=form, ink=ink, angle=8.0, worn=0.05)
    page = _crossed(stamp, form)
    (reading,) = read_stamps(find_blobs(page), MOBILITY, Tesseract(psm=6), PaddleLines())
    assert (reading.date, reading.guessed) == (day, False), reading.text


@pytest.mark.parametrize(("ink", "form"), [("violet", 4), ("blue", 7)])
def test_a_date_under_the_pages_print_is_read_as_the_page_shows_it(ink: str, form: int) -> None:
    """Where the print covers parts of the date's letters, the ink's darkness has gaps there
    and no view of it reads a date; the page's own greys, read last, show the letters whole."""
    day = dt.date(2025, 3, 9)
    stamp = Stamp(day, "exit", date_form=form, ink=ink, angle=8.0, worn=0.05)
    page = _crossed(stamp, form, cover=255, widths=(8, 14))
    (reading,) = read_stamps(find_blobs(page), MOBILITY, Tesseract(psm=6), PaddleLines())
    assert (reading.date, reading.guessed) == (day, False), reading.text
