"""Synthetic passport pages with border stamps, and identity pages with a machine-readable zone.

A visa page (88 × 125 mm, a pale guilloche behind) carries the stamps of one or more trips:
Turkish exit and entry stamps (ÇIKIŞ / GİRİŞ, the border gate, the date) and Schengen stamps
(country code, place, date in its short form), each in its own ink, rotated up to ±30°, worn,
sometimes overlapping; a date in the stamp's lettering or, as a dater's band prints it, in fixed
pitch with dotted zeros. An identity page holds the holder's name and a TD3 zone whose check
digits hold. Pages are scanned or photographed with ``samples/letters.py``'s effects. Every
person here is invented.

    .venv/bin/python samples/passport.py            # writes the committed samples
    from samples.passport import Passport, render
"""

from __future__ import annotations

import datetime as dt
import io
import math
import random
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from fpdf import FPDF
from PIL import Image, ImageChops, ImageDraw, ImageFont

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checkers.mrz import check_digit
from checkers.text import strip_marks
from samples import write_samples
from samples.paper import FONTS, jpeg, photo, scan

HERE = Path(__file__).parent
PAGE_MM = (88.0, 125.0)
DPI = 300
MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
MONO_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
INKS = {"blue": (35, 55, 170), "violet": (100, 40, 150), "red": (175, 35, 45),
        "black": (30, 30, 30), "green": (20, 110, 60)}  # fmt: skip
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
TR_GATES = ["İSTANBUL HAVALİMANI", "SABİHA GÖKÇEN", "ESENBOĞA", "TRABZON HAVALİMANI", "KAPIKULE"]
SCHENGEN = [("D", "FRANKFURT"), ("D", "MÜNCHEN"), ("A", "WIEN"), ("P", "LISBOA"), ("DK", "KASTRUP")]


def date_text(day: dt.date, form: int) -> str:
    return [
        f"{day:%d.%m.%Y}",
        f"{day:%d.%m.%y}",
        f"{day:%d-%m-%y}",
        f"{day:%d %m %Y}",
        f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}",
        f"{day.day:02d}{MONTHS[day.month - 1]}{day:%y}",
        f"{day:%Y-%m-%d}",
    ][form % 7]


@dataclass(frozen=True)
class Stamp:
    day: dt.date
    direction: str  # "exit" or "entry"
    turkish: bool = True
    place: int = 0
    date_form: int = 0
    ink: str = "blue"
    angle: float = 0.0
    shape: str = "rect"  # rect, round-rect, oval
    worn: float = 0.2  # share of ink lost
    pictogram: bool = False  # a Schengen stamp's direction by an arrow, without a word
    arrow: str | None = None  # how its arrow is drawn (see _arrow); None: any way
    mono_date: bool = False  # the date set by a dater's band in fixed pitch, its zeros dotted


@dataclass(frozen=True)
class Passport:
    given: str = "Şükrü"
    surname: str = "Öztürk"
    start: dt.date = dt.date(2025, 3, 10)
    end: dt.date = dt.date(2025, 3, 14)
    out_offset: int = -1
    back_offset: int = 1
    schengen: bool = True  # the host country's stamps too
    older_trip: bool = False
    identity: bool = True
    seed: int = 1
    date_form: int | None = None  # None: a different form per stamp
    max_angle: float = 30.0
    pictograms: bool = False  # the host country's stamps drawn the Schengen way (see _pictogram)
    pattern: str = "lines"  # the page's print: "lines" (a guilloche) or "strokes" (see _strokes)
    mono_dates: bool = False  # every stamp's date in fixed pitch with dotted zeros (_date_font)
    # defects
    holder: tuple[str, str] | None = None  # the identity page of another person
    bad_check_digit: bool = False
    no_entry: bool = False

    def stamps(self) -> list[Stamp]:
        rng = random.Random(self.seed)
        out = self.start + dt.timedelta(days=self.out_offset)
        back = self.end + dt.timedelta(days=self.back_offset)

        def stamp(day: dt.date, direction: str, turkish: bool) -> Stamp:
            form = self.date_form if self.date_form is not None else rng.randrange(7)
            made = Stamp(day, direction, turkish, rng.randrange(5), form,
                         rng.choice(list(INKS)), rng.uniform(-self.max_angle, self.max_angle),
                         rng.choice(["rect", "round-rect", "oval"]), rng.uniform(0.05, 0.3),
                         mono_date=self.mono_dates)  # fmt: skip
            if self.pictograms and not turkish:
                # the Schengen entry stamp has square corners, its exit stamp rounded ones
                shape = "rect" if direction == "entry" else "round-rect"
                made = replace(made, pictogram=True, shape=shape)
            return made

        found = [stamp(out, "exit", True)]
        if not self.no_entry:
            found.append(stamp(back, "entry", True))
        if self.schengen:
            found += [stamp(out, "entry", False), stamp(back, "exit", False)]
        if self.older_trip:
            before = out - dt.timedelta(days=rng.randint(50, 200))
            found += [
                stamp(before, "exit", True),
                stamp(before + dt.timedelta(days=5), "entry", True),
            ]
        rng.shuffle(found)
        return found


def _font(size_pt: float, bold: bool = True) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONTS["dejavu"][1 if bold else 0], round(size_pt * DPI / 72))


def _date_font(s: Stamp, size_pt: float) -> ImageFont.FreeTypeFont:
    """A stamp's date in its lettering, or fixed-pitch with dotted zeros as a dater's band."""
    if not s.mono_date:
        return _font(size_pt)
    return ImageFont.truetype(MONO_BOLD, round(size_pt * DPI / 72))


def _guilloche(w: int, h: int, rng: random.Random) -> Image.Image:
    page = Image.new("RGB", (w, h), (246, 244, 236))
    d = ImageDraw.Draw(page)
    tint = rng.choice([(214, 226, 214), (232, 214, 222), (214, 222, 236)])
    for k in range(0, h, 14):
        points = [(x, k + 6 * math.sin(x / 37 + k / 50)) for x in range(0, w, 8)]
        d.line(points, fill=tint, width=2)
    return page


def _strokes(w: int, h: int, rng: random.Random) -> Image.Image:
    """A visa page printed with scattered pale strokes and dots, broader than a stamp's lines
    and darker than a guilloche, many of them under a stamp's letters."""
    page = Image.new("RGB", (w, h), rng.choice([(247, 243, 232), (240, 244, 240), (244, 236, 238)]))
    d = ImageDraw.Draw(page)
    tint = rng.choice([(190, 206, 192), (200, 196, 214), (206, 192, 196), (192, 200, 212)])
    for _ in range(w * h // 12000):
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        if rng.random() < 0.6:
            r = rng.uniform(6, 14)
            d.ellipse((x - r, y - 0.7 * r, x + r, y + 0.7 * r), fill=tint)
        else:
            turn, length = rng.uniform(0, math.pi), rng.uniform(60, 180)
            points = [(x + t * length * math.cos(turn) + 8 * math.sin(t * 3),
                       y + t * length * math.sin(turn)) for t in np.linspace(0, 1, 12)]  # fmt: skip
            d.line(points, fill=tint, width=rng.randint(12, 22), joint="curve")
    return page


def stamp_picture(s: Stamp, rng: random.Random) -> Image.Image:
    """One stamp in its ink on a transparent ground, upright."""
    px = DPI / 25.4
    w, h = round(34 * px), round(24 * px)
    ink = INKS[s.ink]
    pic = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(pic)
    box = (6, 6, w - 6, h - 6)
    if s.shape == "oval":
        d.ellipse(box, outline=ink, width=7)
    else:
        d.rounded_rectangle(box, radius=40 if s.shape == "round-rect" else 0, outline=ink, width=7)
    if s.turkish:
        word = "ÇIKIŞ" if s.direction == "exit" else "GİRİŞ"
        lines = [("T.C.", 8), (TR_GATES[s.place % len(TR_GATES)], 6), (date_text(s.day, s.date_form), 10),
                 (f"{word}  {rng.randint(10, 99)}", 9)]  # fmt: skip
    elif s.pictogram:
        _pictogram(d, s, ink, (w, h), rng)
        lines = []
    else:
        code, place = SCHENGEN[s.place % len(SCHENGEN)]
        word = "ENTRY" if s.direction == "entry" else "EXIT"
        lines = [(f"{code}  {place}", 8), (date_text(s.day, s.date_form), 10), (word, 9)]
    pt = DPI / 72
    y = h / 2 - sum(size for _, size in lines) * pt * 1.35 / 2
    for text, size in lines:
        font = _date_font(s, size) if text == date_text(s.day, s.date_form) else _font(size)
        d.text((w / 2, y), text, font=font, fill=ink, anchor="mt")
        y += size * pt * 1.35
    alpha = np.asarray(pic)[:, :, 3].astype(np.float64)
    noise = np.random.default_rng(rng.randint(0, 10**6)).random(alpha.shape)
    alpha = np.where(noise < s.worn, alpha * 0.25, alpha * rng.uniform(0.75, 0.95))
    out = np.asarray(pic).copy()
    out[:, :, 3] = alpha.astype(np.uint8)
    return Image.fromarray(out).rotate(s.angle, expand=True, resample=Image.BICUBIC)


def _arrow(
    d: ImageDraw.ImageDraw,
    left: float,
    middle: float,
    length: float,
    s: Stamp,
    ink: tuple[int, int, int],
    rng: random.Random,
) -> None:
    """An arrow pointing right for an entry, left for an exit: a shaft (whole, or worn into
    dashes, square or thinning to their ends) and a solid or open head, or the font's own
    arrow."""
    drawn = rng.choice(["solid", "open", "dashed", "glyph"])  # drawn always: the rest stays
    style = s.arrow or drawn
    if style == "glyph":
        glyph = "→" if s.direction == "entry" else "←"
        d.text((left + length / 2, middle), glyph, font=_font(14), fill=ink, anchor="mm")
        return
    sign = 1 if s.direction == "entry" else -1
    tail, tip = (left, left + length) if sign > 0 else (left + length, left)
    head = length * rng.uniform(0.3, 0.45)
    base = tip - sign * head
    thick = rng.randint(4, 7)
    if style in ("dashed", "worn-dashes"):
        x, step = tail, length / 7
        while (base - x) * sign > step * 0.5:
            ends = sorted((x, x + sign * step * 0.6))
            if style == "dashed":
                d.line([(ends[0], middle), (ends[1], middle)], fill=ink, width=thick)
            else:  # each dash worn thin towards its ends
                d.ellipse((ends[0], middle - thick / 2, ends[1], middle + thick / 2), fill=ink)
            x += sign * step
    else:
        d.line([(tail, middle), (tip if style == "open" else base, middle)], fill=ink, width=thick)
    half = head * rng.uniform(0.45, 0.7)
    if style == "open":
        d.line([(base, middle - half), (tip, middle), (base, middle + half)], fill=ink, width=thick)
    else:
        d.polygon([(base, middle - half), (tip, middle), (base, middle + half)], fill=ink)


def _pictogram(
    d: ImageDraw.ImageDraw,
    s: Stamp,
    ink: tuple[int, int, int],
    size: tuple[int, int],
    rng: random.Random,
) -> None:
    """A Schengen-style stamp: the country's code in a ring of twelve stars, the crossing
    point, an arrow for the direction, the date and the officer's number; no word says
    which way."""
    w, h = size
    code, place = SCHENGEN[s.place % len(SCHENGEN)]
    cx, cy, ring = 0.2 * w, 0.34 * h, 0.14 * h
    for k in range(12):
        a = 2 * math.pi * k / 12
        x, y, r = cx + ring * math.cos(a), cy + ring * math.sin(a), 0.018 * h
        d.ellipse((x - r, y - r, x + r, y + r), fill=ink)
    d.text((cx, cy), code, font=_font(8), fill=ink, anchor="mm")
    d.text((0.38 * w, 0.22 * h), place, font=_font(6), fill=ink, anchor="lm")
    _arrow(d, 0.4 * w, 0.42 * h, rng.uniform(0.2, 0.3) * w, s, ink, rng)
    d.text((0.5 * w, 0.7 * h), date_text(s.day, s.date_form), font=_date_font(s, 11), fill=ink,
           anchor="mm")  # fmt: skip
    d.text((0.8 * w, 0.88 * h), str(rng.randint(100, 999)), font=_font(5), fill=ink, anchor="mm")


def visa_page(p: Passport) -> np.ndarray:
    rng = random.Random(p.seed * 13)
    px = DPI / 25.4
    w, h = round(PAGE_MM[0] * px), round(PAGE_MM[1] * px)
    page = _strokes(w, h, rng) if p.pattern == "strokes" else _guilloche(w, h, rng)
    d = ImageDraw.Draw(page)
    d.text((w / 2, 4 * px), "VİZELER / VISAS", font=_font(7), fill=(120, 120, 110), anchor="mt")
    d.text((w - 5 * px, h - 6 * px), str(rng.randint(6, 30)), font=_font(8), fill=(120, 120, 110))
    slots = [(0.05, 0.08), (0.5, 0.1), (0.06, 0.35), (0.5, 0.37), (0.05, 0.62), (0.5, 0.64)]
    rng.shuffle(slots)
    for s, (fx, fy) in zip(p.stamps(), slots, strict=False):
        pic = stamp_picture(s, rng)
        x = round(fx * w + rng.uniform(-0.02, 0.02) * w)
        y = round(fy * h + rng.uniform(-0.02, 0.02) * h)
        at = (max(0, min(x, w - pic.width)), max(0, min(y, h - pic.height)))
        if p.pattern == "strokes":  # ink on printed paper: the print shows through it
            inked = Image.new("RGB", page.size, (255, 255, 255))
            inked.paste(pic, at, pic)
            page = ImageChops.multiply(page, inked)
        else:
            page.paste(pic, at, pic)
    return np.asarray(page)


def zone(p: Passport) -> list[str]:
    given, surname = p.holder or (p.given, p.surname)
    name = f"{strip_marks(surname).upper().replace(' ', '<')}<<{strip_marks(given).upper().replace(' ', '<')}"
    line1 = f"P<TUR{name}".ljust(44, "<")[:44]
    number = f"U{p.seed % 10**8:08d}"
    birth, expiry = "800315", "320101"
    personal = f"{p.seed * 7 % 10**11:011d}".ljust(14, "<")
    parts = [number + check_digit(number), "TUR", birth + check_digit(birth), "M",
             expiry + check_digit(expiry), personal + check_digit(personal)]  # fmt: skip
    body = "".join(parts)
    composite = check_digit(body[0:10] + body[13:20] + body[21:43])
    line2 = body + composite
    if p.bad_check_digit:
        line2 = line2[:13] + ("7" if line2[13] != "7" else "6") + line2[14:]
    return [line1, line2]


def identity_page(p: Passport) -> np.ndarray:
    given, surname = p.holder or (p.given, p.surname)
    px = DPI / 25.4
    w, h = round(125 * px), round(88 * px)
    page = Image.new("RGB", (w, h), (240, 236, 226))
    d = ImageDraw.Draw(page)
    for k, title in enumerate(["TÜRKİYE CUMHURİYETİ / REPUBLIC OF TÜRKİYE", "PASAPORT / PASSPORT"]):
        d.text((5 * px, (4 + 5 * k) * px), title, font=_font(8), fill=(90, 40, 40))
    d.rectangle((5 * px, 15 * px, 35 * px, 53 * px), fill=(200, 200, 205))
    fields = [("Soyadı / Surname", surname.upper()), ("Adı / Given names", given.upper().replace("i", "İ")),
              ("Uyruğu / Nationality", "T.C. / TUR"), ("Doğum tarihi / Date of birth", "15 MAR/MAR 1980")]  # fmt: skip
    y = 15 * px
    for label, value in fields:
        d.text((40 * px, y), label, font=_font(6, False), fill=(90, 90, 90))
        d.text((40 * px, y + 3 * px), value, font=_font(9), fill=(20, 20, 20))
        y += 9 * px
    mono = ImageFont.truetype(MONO, round(10.5 * DPI / 72))
    for k, line in enumerate(zone(p)):
        d.text((4 * px, (68 + k * 7) * px), line, font=mono, fill=(20, 20, 20))
    return np.asarray(page)


def _page_pdf(jpeg_bytes: bytes, image: np.ndarray) -> bytes:
    """The scan on a PDF page of its own size, as a scanner saves it."""
    w, h = image.shape[1] * 25.4 / DPI, image.shape[0] * 25.4 / DPI
    pdf = FPDF(unit="mm", format=(w, h))
    pdf.add_page()
    pdf.image(io.BytesIO(jpeg_bytes), 0, 0, w, h)
    return bytes(pdf.output())


def render(p: Passport, form: str) -> tuple[bytes, str]:
    """``scan-jpg`` or ``photo-jpg`` (the visa page only), or ``scan-pdf`` (the visa page, then
    the identity page when the passport has one)."""
    rng = random.Random(p.seed * 7919)
    visa = visa_page(p)
    if form == "scan-jpg":
        return jpeg(scan(visa, rng, angle=rng.uniform(-2, 2)), rng.randint(75, 90)), "jpg"
    if form == "photo-jpg":
        return jpeg(photo(visa, rng), rng.randint(75, 90)), "jpg"
    if form == "scan-pdf":
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter()
        pages = [visa] + ([identity_page(p)] if p.identity else [])
        for image in pages:
            data = _page_pdf(jpeg(scan(image, rng, angle=rng.uniform(-1.5, 1.5)), 85), image)
            writer.add_page(PdfReader(io.BytesIO(data)).pages[0])
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue(), "pdf"
    raise ValueError(form)


DEFECTS: dict[str, dict[str, object]] = {
    "late-exit": {"out_offset": 1},
    "early-entry": {"back_offset": -2},
    "another-trip": {"out_offset": -60, "back_offset": -60},
    "no-entry": {"no_entry": True},
    "another-holder": {"holder": ("Mehmet", "Kaya")},
    "altered-identity": {"bad_check_digit": True},
}


def committed() -> list[tuple[str, Passport, str, str, list[str]]]:
    base = Passport()
    return [
        ("passport-stamps-good-scan", base, "scan-pdf", "pass", []),
        ("passport-stamps-good-photo", replace(base, seed=3, identity=False, older_trip=True), "photo-jpg", "pass", []),
        ("passport-stamps-early-entry-scan", replace(base, seed=5, back_offset=-2), "scan-jpg", "fail", ["return"]),
        ("passport-stamps-another-holder-scan", replace(base, seed=6, holder=("Mehmet", "Kaya")), "scan-pdf", "fail", ["identity"]),
    ]  # fmt: skip


def main() -> None:
    samples = {}
    for name, p, form, verdict, not_passed in committed():
        data, suffix = render(p, form)
        want = {"kind": "passport_stamps", "verdict": verdict, "not_passed": not_passed}
        samples[f"{name}.{suffix}"] = (data, want)
    write_samples(HERE / "passport", samples)


if __name__ == "__main__":
    main()
