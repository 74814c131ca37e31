"""Reading files into facts: text layers, images, rotation, bad files."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from checkers.errors import EngineFailure, UnreadableDocument
from checkers.facts import read_document
from checkers.facts.images import skew_angle
from checkers.facts.model import Image, Word
from samples.letters import Spec, layout, render
from samples.paper import draw, jpeg


class FakeOcr:
    """An engine that reads nothing, or crashes."""

    def __init__(self, crash: bool = False) -> None:
        self.crash = crash
        self.calls = 0

    def words(self, image: Image, *, dpi: int) -> list[Word]:
        self.calls += 1
        if self.crash:
            raise EngineFailure("tesseract crashed")
        return []

    def orientation(self, image: Image) -> tuple[int, float] | None:
        return None


def test_text_pdf_uses_its_text_layer_without_ocr() -> None:
    data, _ = render(Spec(), "text-pdf")
    ocr = FakeOcr()
    facts = read_document(data, "letter.pdf", ocr=ocr)
    assert ocr.calls == 0 and facts.sources == ("text",)
    assert "Şükrü Öztürk" in facts.text
    page = facts.pages[0]
    assert abs(page.width - 1240) <= 1 and abs(page.height - 1754) <= 1  # A4 at 150 dpi
    assert all(0 <= w.box[0] < w.box[2] <= page.width for w in page.words)


def test_a_crashed_engine_is_an_error_not_an_empty_page() -> None:
    data, _ = render(Spec(), "scan-jpg")
    with pytest.raises(EngineFailure):
        read_document(data, "scan.jpg", ocr=FakeOcr(crash=True))


@pytest.mark.parametrize(
    "data",
    [b"", b"hello world", b"%PDF-1.4 broken", b"\x89PNG\r\n\x1a\nbroken", b"\xff\xd8\xffbad"],
)
def test_unreadable_files(data: bytes) -> None:
    with pytest.raises(UnreadableDocument):
        read_document(data, "upload", ocr=FakeOcr())


def test_skew_is_measured() -> None:
    page = draw(layout(Spec()), "sans", dpi=100)
    h, w = page.shape[:2]
    turned = cv2.warpAffine(
        page, cv2.getRotationMatrix2D((w / 2, h / 2), 4.0, 1.0), (w, h), borderValue=(255, 255, 255)
    )
    assert abs(skew_angle(np.asarray(turned)) + 4.0) <= 0.3


@pytest.mark.ocr
def test_a_sideways_photo_is_turned_and_read() -> None:
    page = draw(layout(Spec()), "sans", dpi=150)
    sideways = np.ascontiguousarray(np.rot90(page))
    facts = read_document(jpeg(sideways, 85), "sideways.jpg")
    assert facts.pages[0].rotation in (90, 270)
    assert "ztürk" in facts.text or "ZTÜRK" in facts.text.upper()


def test_exif_orientation_is_applied() -> None:
    import io

    from PIL import Image as PILImage

    from checkers.facts.images import load_image

    pixels = np.zeros((100, 200, 3), np.uint8)
    pixels[:, :50] = 255  # a white band on the left of a landscape picture
    picture = PILImage.fromarray(pixels)
    exif = picture.getexif()
    exif[0x0112] = 6  # the camera was turned: show it rotated 90° clockwise
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", exif=exif.tobytes())
    upright = load_image(buffer.getvalue(), "photo.jpg")
    assert upright.shape[0] > upright.shape[1]  # portrait now
    assert upright[:20].mean() > 200  # the band is on top


class ScriptedOcr:
    """Reads the words of a given text, laid out one line after another."""

    def __init__(self, text: str) -> None:
        self.text = text

    def words(self, image: Image, *, dpi: int) -> list[Word]:
        words = []
        for number, line in enumerate(self.text.splitlines(), start=1):
            x = 100.0
            for token in line.split():
                top = 250.0 * number  # spread down the page, as a letter's lines are
                words.append(Word(token, (x, top, x + 20 * len(token), top + 30), 95.0, number))
                x += 20 * len(token) + 12
        return words

    def orientation(self, image: Image) -> tuple[int, float] | None:
        return None


def test_a_scan_failing_only_on_what_ocr_read_is_read_again() -> None:
    import checkers
    from docservice.mobility import parse_mobility
    from tests.support import EXAMPLE

    data, _ = render(Spec(), "scan-jpg")
    letter = "\n".join(
        [
            "LETTER OF ACCEPTANCE",
            "Heidelberg University, International Relations Office",
            "Dear Dr. Şükrü Öztürk,",
            "you are accepted for Erasmus+ staff mobility for teaching",
            "from 10 March 2025 to 14 March 2025.",
            "Yours sincerely,",
            "Dr. Marco Bellini",
        ]
    )
    garbled = letter.replace("10 March 2025 to 14 March 2025", "1O Mrch 2O25 t0 l4 Mrch")
    mobility = parse_mobility(EXAMPLE)
    first, _ = checkers.check(
        "acceptance_letter",
        data,
        mobility,
        ocr=ScriptedOcr(garbled),
        second_ocr=ScriptedOcr(garbled),
    )
    assert first.verdict.value == "fail"
    assert {c.id for c in first.checks if c.status.value != "pass"} == {"activity_dates"}
    again, facts = checkers.check(
        "acceptance_letter",
        data,
        mobility,
        ocr=ScriptedOcr(garbled),
        second_ocr=ScriptedOcr(letter),
    )
    assert again.verdict.value == "pass" and "10 March 2025" in facts.text
    # another person stays another person, however often it is read
    other = letter.replace("Şükrü Öztürk", "Mehmet Kaya")
    kept, _ = checkers.check(
        "acceptance_letter", data, mobility, ocr=ScriptedOcr(other), second_ocr=ScriptedOcr(other)
    )
    assert kept.verdict.value == "fail"
