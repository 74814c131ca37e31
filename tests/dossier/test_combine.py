"""Several files for one document become one PDF in the order sent: each PDF's pages as they
are, each photo a page of its own, upright; a file that cannot be used is named."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfReader

from docservice.dossier.combine import MAX_FILES, Sent, combined
from docservice.errors import InputError, UnreadableInput
from tests.support import SAMPLES


def photo(width: int = 1200, height: int = 1600) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, "JPEG")
    return out.getvalue()


def test_pdfs_and_photos_become_one_pdf_in_order() -> None:
    one = (SAMPLES / "travel" / "boarding-pass-good-text.pdf").read_bytes()
    pages_of_one = len(PdfReader(io.BytesIO(one)).pages)
    made = combined([Sent(one, "out.pdf"), Sent(photo(), "back.jpg"), Sent(one, "again.pdf")])
    reader = PdfReader(io.BytesIO(made.data))
    assert len(reader.pages) == 2 * pages_of_one + 1
    photo_page = reader.pages[pages_of_one]
    width, height = float(photo_page.mediabox.width), float(photo_page.mediabox.height)
    assert height > width and 800 < height < 860  # an A4-sized upright page (842 pt)
    assert made.filename == "out.pdf + back.jpg + again.pdf"
    alone = Sent(one, "only.pdf")
    assert combined([alone]) is alone  # one file stays as it was sent


def test_a_file_that_cannot_be_used_is_named() -> None:
    one = (SAMPLES / "travel" / "boarding-pass-good-text.pdf").read_bytes()
    with pytest.raises(UnreadableInput, match=r"notes\.txt is not a PDF / JPEG / PNG"):
        combined([Sent(one, "a.pdf"), Sent(b"hello", "notes.txt")])
    with pytest.raises(UnreadableInput, match=r"broken\.pdf"):
        combined([Sent(one, "a.pdf"), Sent(b"%PDF-1.4 nothing else", "broken.pdf")])
    with pytest.raises(InputError, match="at most 12 files"):
        combined([Sent(photo(20, 20), f"{n}.jpg") for n in range(MAX_FILES + 1)])
