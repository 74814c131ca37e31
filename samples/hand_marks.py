"""What a hand or a rubber stamp puts on a letter: the host's crest for the letterhead, a
signature's strokes, a round or rectangular stamp in coloured ink, each as an RGBA picture."""

from __future__ import annotations

import math
import random
from typing import Protocol

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from samples.paper import FONTS


class Named(Protocol):
    """The host as its stamp names it."""

    name: str
    city: str


def crest(colour: tuple[int, int, int], rng: random.Random) -> Image.Image:
    size = 220
    img = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    if rng.random() < 0.5:
        d.ellipse((8, 8, size - 8, size - 8), fill=(*colour, 255))
        d.ellipse((30, 30, size - 30, size - 30), outline=(255, 255, 255, 255), width=8)
    else:
        d.polygon(
            [(20, 15), (size - 20, 15), (size - 20, 120), (size // 2, size - 10), (20, 120)],
            fill=(*colour, 255),
        )
    d.rectangle((size // 2 - 10, 55, size // 2 + 10, 160), fill=(255, 255, 255, 255))
    d.rectangle((size // 2 - 50, 95, size // 2 + 50, 112), fill=(255, 255, 255, 255))
    return img


def signature(ink: tuple[int, int, int], rng: random.Random) -> Image.Image:
    w, h = 420, 160
    img = Image.new("RGBA", (w, h), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    x, y = 20.0, h * 0.6
    points = []
    for _ in range(rng.randint(5, 9)):  # loops and waves, like a hurried name
        cx, amp = x + rng.uniform(25, 55), rng.uniform(20, 55)
        for t in np.linspace(0, 2 * math.pi, 24):
            points.append(
                (cx + 22 * math.cos(t) + t * 6, y - amp * math.sin(t) * rng.uniform(0.6, 1.0))
            )
        x = cx + rng.uniform(10, 30)
    d.line(points, fill=(*ink, 255), width=rng.randint(3, 5), joint="curve")
    d.line([(30, h * 0.78), (x, h * 0.7 + rng.uniform(-10, 10))], fill=(*ink, 255), width=3)
    return img


def stamp(
    shape: str, ink: tuple[int, int, int], host: Named, rng: random.Random, font: str
) -> Image.Image:
    size = 420
    img = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    colour = (*ink, 215)
    bold = ImageFont.truetype(FONTS[font][1], 30)
    if shape == "round":
        d.ellipse((10, 10, size - 10, size - 10), outline=colour, width=9)
        d.ellipse((70, 70, size - 70, size - 70), outline=colour, width=5)
        text = f"{host.name.upper()} • {host.city.upper()} • "
        radius = size / 2 - 38
        for i, ch in enumerate(text):
            angle = 2 * math.pi * i / len(text) - math.pi / 2
            glyph = Image.new("RGBA", (40, 40), (255, 255, 255, 0))
            ImageDraw.Draw(glyph).text((20, 20), ch, font=bold, fill=colour, anchor="mm")
            glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.BICUBIC)
            cx, cy = size / 2 + radius * math.cos(angle), size / 2 + radius * math.sin(angle)
            img.alpha_composite(glyph, (int(cx - 20), int(cy - 20)))
        d.regular_polygon((size / 2, size / 2, 45), 5, fill=colour)
    else:
        img = img.resize((size, size // 2))
        d = ImageDraw.Draw(img)
        d.rectangle((6, 6, size - 6, size // 2 - 6), outline=colour, width=7)
        d.rectangle((20, 20, size - 20, size // 2 - 20), outline=colour, width=3)
        small = ImageFont.truetype(FONTS[font][1], 26)
        for i, line in enumerate(
            [host.name.upper()[:26], "INTERNATIONAL OFFICE", host.city.upper()]
        ):
            d.text((size / 2, 55 + i * 45), line, font=small, fill=colour, anchor="mm")
    return img.rotate(rng.uniform(-25, 25), resample=Image.BICUBIC, expand=True)
