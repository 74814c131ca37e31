"""Page images: uploads opened the right way up, lighting evened, skew straightened."""

from __future__ import annotations

import io
import warnings

import cv2
import numpy as np
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from checkers.errors import OverLimit, UnreadableDocument
from checkers.facts.model import Image

MAX_SIDE = 4200  # larger photos are scaled down: no gain for OCR, much more time
MIN_SIDE = 2400  # smaller ones are scaled up: tesseract wants letters about 20 px high
MAX_PIXELS = 80_000_000  # refuse decompression bombs


def load_image(data: bytes, filename: str) -> Image:
    """A JPEG or PNG upload as RGB, turned as its EXIF orientation says (OpenCV applies it).
    Its size is read from its header and refused past ``MAX_PIXELS`` before anything is
    decoded: a small file may claim, or inflate to, billions of pixels."""
    what = filename or "The file"
    too_large = OverLimit(
        f"{what} is larger than {MAX_PIXELS // 1_000_000} million pixels; send a smaller image "
        "(a scan at 300 dpi or a phone photo is well under that).",
        "image_pixels",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data)) as opened:  # reads the header only
                width, height = opened.size
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise too_large from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise UnreadableDocument(
            f"{what} is not a readable image ({type(exc).__name__}); send a PDF, JPEG or PNG."
        ) from None
    if width * height > MAX_PIXELS:
        raise too_large
    decoded = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_COLOR)
    if decoded is None:
        raise UnreadableDocument(f"{what} is a damaged image; send it again, as PDF, JPEG or PNG.")
    rgb = np.asarray(cv2.cvtColor(decoded, cv2.COLOR_BGR2RGB), dtype=np.uint8)
    return fit(rgb)


def fit(image: Image) -> Image:
    h, w = image.shape[:2]
    longest = max(h, w)
    if longest > MAX_SIDE:
        scale = MAX_SIDE / longest
    elif longest < MIN_SIDE:
        scale = min(2.5, MIN_SIDE / longest)
    else:
        return image
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    resized = cv2.resize(image, (round(w * scale), round(h * scale)), interpolation=interpolation)
    return np.asarray(resized, dtype=np.uint8)


def even_lighting(image: Image) -> Image:
    """Grey page with uneven light (a phone photo's shadow) divided out, one channel (what
    OCR reads; a third of the memory of three). The light is measured on a small copy: it
    changes slowly across the sheet."""
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    h, w = gray.shape
    small = cv2.resize(gray, (max(1, w // 8), max(1, h // 8)), interpolation=cv2.INTER_AREA)
    blurred = cv2.GaussianBlur(small, (0, 0), sigmaX=max(2, small.shape[1] // 40))
    background = cv2.resize(blurred, (w, h), interpolation=cv2.INTER_LINEAR)
    cv2.divide(gray, background, dst=gray, scale=255)  # in place: a page less in memory
    return np.asarray(gray, dtype=np.uint8)


def _ink(gray: np.ndarray) -> np.ndarray:
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink


def _rotate(image: np.ndarray, degrees: float, border: int | tuple[int, ...]) -> np.ndarray:
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(
        image,
        matrix,
        (w, h),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=border,
    )


def skew_angle(image: Image, limit: float = 12.0) -> float:
    """The text lines' angle in degrees, by the sharpest row profile of the ink."""
    scale = 800 / max(image.shape[:2])
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = _ink(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY) if small.ndim == 3 else small)
    if ink.mean() < 1:  # a blank page
        return 0.0

    def score(angle: float) -> float:
        rows = _rotate(ink, angle, 0).sum(axis=1, dtype=np.float64)
        return float(np.var(rows))

    best = max(np.arange(-limit, limit + 0.01, 1.0), key=score)
    fine = max(np.arange(best - 1.0, best + 1.01, 0.1), key=score)
    return round(float(fine), 1)


def straighten(image: Image) -> tuple[Image, float]:
    angle = skew_angle(image)
    if abs(angle) < 0.3:
        return image, 0.0
    return unskew(image, angle), angle


def unskew(image: Image, angle: float) -> Image:
    """The image turned by ``angle`` degrees, as ``straighten`` turned it (0: unchanged)."""
    if angle == 0.0:
        return image
    return np.asarray(_rotate(image, angle, (255, 255, 255)), dtype=np.uint8)


def turn(image: Image, clockwise: int) -> Image:
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    if clockwise % 360 == 0:
        return image
    return np.asarray(cv2.rotate(image, codes[clockwise % 360]), dtype=np.uint8)


def outline(mask: np.ndarray) -> np.ndarray:
    """The pixels on the outer edges of a mask's regions, as (x, y) points: the same convex
    hull as all their pixels (every corner of it is on an edge), found without sorting every
    pixel (a photographed sheet is millions)."""
    edges, _ = cv2.findContours(mask.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    return np.vstack(edges).reshape(-1, 2)
