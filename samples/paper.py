"""Paper for the synthetic documents: a page's texts, rules and pictures placed in millimetres,
drawn as a text PDF (fpdf2) or as pixels (Pillow), then scanned (small rotation, noise, blur,
JPEG) or photographed (perspective, uneven light, lower resolution). The letters, records,
boarding passes and passport pages of ``samples/`` are all put on paper here."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

import cv2
import numpy as np
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

FONTS = {
    "sans": ("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
             "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"),
    "serif": ("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
              "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"),
    "dejavu": ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
               "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    "dejavu-serif": ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
                     "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"),
}  # fmt: skip
PAGE_MM = (210.0, 297.0)


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    size: float = 11
    bold: bool = False
    colour: tuple[int, int, int] = (20, 20, 20)
    align: str = "left"  # left, centre, right (x is then the centre or the right edge)


@dataclass(frozen=True)
class Rule:
    x0: float
    y0: float
    x1: float
    y1: float
    colour: tuple[int, int, int]
    width: float = 0.6


@dataclass(frozen=True)
class Picture:
    x: float
    y: float
    w: float
    h: float
    image: Image.Image  # RGBA


# --- drawing ------------------------------------------------------------------------------------


def draw(items: list[Text | Rule | Picture], font: str, dpi: int = 150) -> np.ndarray:
    px = dpi / 25.4
    page = Image.new("RGB", (round(PAGE_MM[0] * px), round(PAGE_MM[1] * px)), "white")
    d = ImageDraw.Draw(page)
    for item in items:
        if isinstance(item, Text):
            f = ImageFont.truetype(FONTS[font][1 if item.bold else 0], round(item.size * dpi / 72))
            anchor = {"left": "ls", "centre": "ms", "right": "rs"}[item.align]
            d.text((item.x * px, item.y * px), item.text, font=f, fill=item.colour, anchor=anchor)
        elif isinstance(item, Rule):
            d.line(
                (item.x0 * px, item.y0 * px, item.x1 * px, item.y1 * px),
                fill=item.colour,
                width=max(1, round(item.width * px / 4)),
            )
        else:
            pic = item.image.resize((round(item.w * px), round(item.h * px)), Image.LANCZOS)
            page.paste(pic, (round(item.x * px), round(item.y * px)), pic)
    return np.asarray(page)


def text_pdf(items: list[Text | Rule | Picture], font: str) -> bytes:
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.add_font("body", "", FONTS[font][0])
    pdf.add_font("body", "B", FONTS[font][1])
    for item in items:
        if isinstance(item, Text):
            pdf.set_font("body", "B" if item.bold else "", item.size)
            pdf.set_text_color(*item.colour)
            width = pdf.get_string_width(item.text)
            x = {"left": item.x, "centre": item.x - width / 2, "right": item.x - width}[item.align]
            pdf.text(x, item.y, item.text)
        elif isinstance(item, Rule):
            pdf.set_draw_color(*item.colour)
            pdf.set_line_width(item.width * 0.35)
            pdf.line(item.x0, item.y0, item.x1, item.y1)
        else:
            pdf.image(item.image, item.x, item.y, item.w, item.h)
    return bytes(pdf.output())


def scan(page: np.ndarray, rng: random.Random, *, angle: float | None = None) -> np.ndarray:
    h, w = page.shape[:2]
    angle = rng.uniform(-3.5, 3.5) if angle is None else angle
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    out = cv2.warpAffine(page, m, (w, h), borderValue=(245, 245, 240))
    out = cv2.GaussianBlur(out, (3, 3), rng.uniform(0.3, 0.9))
    noise = np.random.default_rng(rng.randint(0, 10**6)).normal(0, rng.uniform(4, 10), out.shape)
    tone = np.array([rng.uniform(-12, 0)] * 3)
    return np.clip(out.astype(np.float64) + noise + tone, 0, 255).astype(np.uint8)


def photo(page: np.ndarray, rng: random.Random) -> np.ndarray:
    h, w = page.shape[:2]
    pad = 0.06
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    jitter = [(rng.uniform(0, pad) * w, rng.uniform(0, pad) * h) for _ in range(4)]
    dst = np.float32(
        [
            [jitter[0][0], jitter[0][1]],
            [w - jitter[1][0], jitter[1][1]],
            [w - jitter[2][0], h - jitter[2][1]],
            [jitter[3][0], h - jitter[3][1]],
        ]
    )
    canvas = cv2.warpPerspective(
        page, cv2.getPerspectiveTransform(src, dst), (w, h), borderValue=(90, 80, 70)
    )
    ys, xs = np.mgrid[0:h, 0:w]
    light = 1.0 - 0.25 * (xs / w) * rng.uniform(0.5, 1.0) - 0.12 * (ys / h)
    lit = np.clip(canvas.astype(np.float64) * light[..., None], 0, 255).astype(np.uint8)
    scale = rng.uniform(0.75, 0.95)
    small = cv2.resize(lit, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return scan(small, rng, angle=rng.uniform(-1.5, 1.5))


def jpeg(image: np.ndarray, quality: int) -> bytes:
    ok, data = cv2.imencode(
        ".jpg", cv2.cvtColor(image, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, quality]
    )
    assert ok
    return bytes(data.tobytes())


def image_pdf(jpeg_bytes: bytes) -> bytes:
    pdf = FPDF(unit="mm", format="A4")
    pdf.add_page()
    pdf.image(io.BytesIO(jpeg_bytes), 0, 0, PAGE_MM[0], PAGE_MM[1])
    return bytes(pdf.output())
