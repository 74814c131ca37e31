"""Read a document once into facts: text with positions, OCR words, the page images."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from checkers.errors import OverLimit, UnreadableDocument
from checkers.facts.images import even_lighting, fit, load_image, straighten, turn, unskew
from checkers.facts.model import DocumentFacts, Image, Line, PageFacts, Shelf, Word
from checkers.facts.ocr import OcrEngine, Tesseract
from checkers.facts.pdf import OCR_DPI, TEXT_DPI, read_pdf, render

__all__ = ["DocumentFacts", "Line", "OcrEngine", "PageFacts", "Tesseract", "Word", "read_document"]

MAX_PAGES = 20
MAX_FILE_BYTES = 30 * 1024 * 1024  # a scanned document of MAX_PAGES pages fits well within
SHELVED_FROM = 2  # a document of more pages holds only one page image at a time (Shelf)
MIN_ORIENTATION_CONFIDENCE = 2.0
GOOD_CONFIDENCE = 70.0  # an upright page read at least this well needs no orientation check


def kind_of(data: bytes) -> str:
    if data[:5] == b"%PDF-" or (b"%PDF-" in data[:1024]):
        return "pdf"
    if data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff":
        return "image"
    return "other"


def _score(words: list[Word]) -> float:
    """How well a page was read: the confidence of the words read with some confidence."""
    return sum(w.confidence for w in words if w.confidence >= 60)


def _sideways(words: list[Word]) -> bool:
    """Tesseract reads lines running up or down too, but their longer words come out taller
    than wide."""
    long_words = [w for w in words if len(w.text) >= 4]
    if len(long_words) < 5:
        return False
    tall = sum(1 for w in long_words if (w.box[3] - w.box[1]) > (w.box[2] - w.box[0]))
    return tall > 0.3 * len(long_words)


Recipe = tuple[float, int, float]  # skew straightened, then quarter turns, then skew again


def _ocr_page(
    number: int, image: Image, ocr: OcrEngine, dpi: int, photo: bool
) -> tuple[PageFacts, Recipe]:
    """OCR one page. An upright page that reads well is done in one pass; a page on its side,
    upside down or poorly read gets tesseract's orientation check and, if turned, a second read.
    Also how the page's image was made from ``image``, to make it again (see ``_remade``)."""
    straight, angle = straighten(image)
    del image  # the caller holds no other reference: a page less in memory while it is read
    prepared = even_lighting(straight) if photo else straight
    words = ocr.words(prepared, dpi=dpi)
    page = PageFacts(number, straight, words, "ocr", skew=angle)
    if page.mean_confidence >= GOOD_CONFIDENCE and not _sideways(words):
        return page, (angle, 0, 0.0)
    found = ocr.orientation(prepared)
    if found is None or found[0] % 360 == 0 or found[1] < MIN_ORIENTATION_CONFIDENCE:
        return page, (angle, 0, 0.0)
    # Turned the right way up, the skew is measured again before the second reading
    turned, second_angle = straighten(turn(straight, found[0]))
    turned_words = ocr.words(even_lighting(turned) if photo else turned, dpi=dpi)
    if _score(turned_words) <= _score(words):
        return page, (angle, 0, 0.0)
    turned_page = PageFacts(
        number, turned, turned_words, "ocr", rotation=found[0], skew=second_angle
    )
    return turned_page, (angle, found[0], second_angle)


def _remade(data: bytes, number: int, recipe: Recipe) -> Image:
    """A scanned PDF page's image made again as it was read: rendered, straightened, turned."""
    first, quarter, second = recipe
    return unskew(turn(unskew(fit(render(data, number, OCR_DPI)), first), quarter), second)


def read_document(
    data: bytes,
    filename: str = "",
    *,
    ocr: OcrEngine | None = None,
    workers: int = 2,
    read_text: bool = True,
) -> DocumentFacts:
    """A PDF (text or scanned, many pages), a JPEG or a PNG, read into facts. Without
    ``read_text`` a page without a text layer is kept as pixels only (no words), for a checker
    that reads its marks itself (passport stamps and their zone)."""
    engine = ocr or Tesseract()
    if len(data) > MAX_FILE_BYTES:
        raise OverLimit(
            f"{filename or 'The file'} is larger than {MAX_FILE_BYTES // 2**20} MB; send a "
            "smaller scan (300 dpi, JPEG, only this document's pages).",
            "file_size",
        )
    kind = kind_of(data)
    if kind == "other":
        raise UnreadableDocument(
            f"{filename or 'The file'} is neither a PDF nor a JPEG or PNG image; send one of those."
        )
    if kind == "image":
        image = load_image(data, filename)
        if not read_text:
            return DocumentFacts([PageFacts(1, image, [], "ocr")], filename, data)
        return DocumentFacts([_ocr_page(1, image, engine, 300, photo=True)[0]], filename, data)
    pdf_pages = read_pdf(data, filename, MAX_PAGES)
    # A long document keeps only the few page images used last; the others are made again
    # from the file when a check looks at them
    shelf = Shelf() if len(pdf_pages) > SHELVED_FROM else None
    pages: dict[int, PageFacts] = {}
    to_read: list[int] = []

    def kept(page: PageFacts, make: Callable[[], Image]) -> PageFacts:
        if shelf is not None:
            page.shelve(make, shelf)
        return page

    for p in pdf_pages:
        text_page = partial(render, data, p.number, TEXT_DPI)
        pixels_only = partial(_remade, data, p.number, (0.0, 0, 0.0))
        if p.words:
            pages[p.number] = kept(PageFacts(p.number, text_page(), p.words, "text"), text_page)
        elif not read_text:
            pages[p.number] = kept(PageFacts(p.number, pixels_only(), [], "ocr"), pixels_only)
        else:
            to_read.append(p.number)

    def scanned(number: int) -> PageFacts:
        # rendered where it is read: only the pages being read are held at full size
        page, recipe = _ocr_page(number, fit(render(data, number, OCR_DPI)), engine, OCR_DPI, True)
        return kept(page, partial(_remade, data, number, recipe))

    if to_read:
        with ThreadPoolExecutor(max(1, workers)) as pool:  # each OCR is its own process
            for page in pool.map(scanned, to_read):
                pages[page.number] = page
    for p in pdf_pages:
        page = pages[p.number]
        longest_pt = max(p.width_pt, p.height_pt)
        page.dpi = max(page.width, page.height) / (longest_pt / 72) if longest_pt else 0.0
    return DocumentFacts([pages[n] for n in sorted(pages)], filename, data)
