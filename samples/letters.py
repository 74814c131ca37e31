"""Synthetic acceptance letters and certificates of attendance, the way hosts write them.

One layout (texts, rules and pictures placed in millimetres) is drawn either as a text PDF
(fpdf2: real text, the letterhead, signature and stamp as pictures) or as pixels (Pillow), which
are then scanned (small rotation, noise, blur, JPEG) or photographed (perspective, uneven
light, lower resolution). Every person and every host here is invented.

    .venv/bin/python samples/letters.py            # writes the committed samples
    from samples.letters import Spec, render        # tests make their own

A ``Spec`` says what the letter holds and what is wrong with it (no signature, no stamp, no
letterhead, another person, other dates, no Erasmus+ wording, too few hours).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace
from pathlib import Path

from PIL import Image

from samples.hand_marks import crest, signature, stamp
from samples.paper import (
    Picture,
    Rule,
    Text,
    draw,
    image_pdf,
    jpeg,
    photo,
    scan,
    text_pdf,
)

HERE = Path(__file__).parent
INK = {"blue": (30, 50, 160), "violet": (95, 40, 150), "red": (180, 30, 40), "black": (25, 25, 25)}
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTHS_TR = [
    "Ocak",
    "Şubat",
    "Mart",
    "Nisan",
    "Mayıs",
    "Haziran",
    "Temmuz",
    "Ağustos",
    "Eylül",
    "Ekim",
    "Kasım",
    "Aralık",
]


@dataclass(frozen=True)
class Host:
    name: str
    city: str
    country: str
    street: str
    colour: tuple[int, int, int]


HOSTS = [
    Host("Universität Heidelberg", "Heidelberg", "Germany", "Grabengasse 1, 69117 Heidelberg", (150, 20, 30)),
    Host("Lund University", "Lund", "Sweden", "Box 117, 221 00 Lund", (0, 40, 90)),
    Host("Universidade do Porto", "Porto", "Portugal", "Praça Gomes Teixeira, 4099-002 Porto", (120, 20, 20)),
    Host("Uniwersytet Jagielloński", "Kraków", "Poland", "ul. Gołębia 24, 31-007 Kraków", (0, 60, 120)),
    Host("Università di Bologna", "Bologna", "Italy", "Via Zamboni 33, 40126 Bologna", (160, 20, 40)),
    Host("Tbilisi State University", "Tbilisi", "Georgia", "1 Chavchavadze Ave, 0179 Tbilisi", (20, 70, 130)),
    Host("Université de Lille", "Lille", "France", "42 rue Paul Duez, 59000 Lille", (10, 90, 70)),
    Host("Technische Universität Graz", "Graz", "Austria", "Rechbauerstraße 12, 8010 Graz", (40, 40, 40)),
]  # fmt: skip


@dataclass(frozen=True)
class Spec:
    kind: str = "acceptance_letter"  # or certificate_of_attendance
    given: str = "Şükrü"
    surname: str = "Öztürk"
    title: str = "Dr."
    sending: str = "Karadeniz Technical University"
    activity: str = "teaching"  # or training
    start: dt.date = dt.date(2025, 3, 10)
    end: dt.date = dt.date(2025, 3, 14)
    hours: int | None = 8
    host: int = 0
    layout: int = 0  # 0: prose; 1: centred title with a table; 2: compact memo
    font: str = "sans"
    name_form: str = "natural"  # natural, upper, surname_first, comma, ascii
    date_form: int = 0
    letterhead: bool = True
    signature: bool = True
    stamp: str | None = "round"  # round, rect, or None
    stamp_ink: str = "blue"
    signature_ink: str = "blue"
    erasmus: bool = True
    topics: tuple[str, ...] = ()  # "digital", "ai"
    letter_date: dt.date = dt.date(2025, 1, 20)
    seed: int = 1
    extra: tuple[str, ...] = field(default=())


# --- the layout ---------------------------------------------------------------------------------


def _fmt(day: dt.date, form: int) -> str:
    return [
        f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}",
        f"{day:%d.%m.%Y}",
        f"{MONTHS_EN[day.month - 1]} {day.day}, {day.year}",
        f"{day:%d/%m/%Y}",
        f"{day.day} {MONTHS_TR[day.month - 1]} {day.year}",
    ][form % 5]


def period(spec: Spec) -> str:
    s, e, f = spec.start, spec.end, spec.date_form % 8
    if f < 5:
        return f"from {_fmt(s, f)} to {_fmt(e, f)}"
    if f == 5 and s.month == e.month:
        return f"from {s.day} to {e.day} {MONTHS_EN[s.month - 1]} {s.year}"
    if f == 6 and s.month == e.month:
        return f"between {MONTHS_EN[s.month - 1]} {s.day}–{e.day}, {s.year}"
    return (
        f"from {s.day}th to {e.day}th of {MONTHS_EN[s.month - 1]} {s.year}"
        if s.month == e.month
        else f"from {_fmt(s, 0)} to {_fmt(e, 0)}"
    )


def person(spec: Spec) -> str:
    from checkers.text import strip_marks

    given, surname = spec.given, spec.surname
    forms = {
        "natural": f"{spec.title} {given} {surname}".strip(),
        "upper": f"{spec.title} {given.upper()} {surname.upper()}".replace("İ", "I").strip(),
        "surname_first": f"{surname.upper()} {given}",
        "comma": f"{surname}, {given}",
        "ascii": strip_marks(f"{spec.title} {given} {surname}").strip(),
    }
    return forms[spec.name_form]


def layout(spec: Spec) -> list[Text | Rule | Picture]:
    rng = random.Random(spec.seed)
    host = HOSTS[spec.host % len(HOSTS)]
    items: list[Text | Rule | Picture] = []
    top = 20.0
    if spec.letterhead:
        if spec.layout == 3:  # held out: a coloured band across the top, white text on it
            band = Image.new("RGBA", (840, 120), (*host.colour, 255))
            items.append(Picture(0, 0, 210, 30, band))
            items.append(Text(20, 14, host.name.upper(), 16, True, (255, 255, 255)))
            items.append(Text(20, 22, f"{host.street} · {host.country}", 9, False, (235, 235, 235)))
        elif spec.layout == 4:  # held out: the crest on the right, the name beside it, no rule
            items.append(Picture(166, 10, 24, 24, crest(host.colour, rng)))
            items.append(Text(162, 20, host.name, 14, True, host.colour, "right"))
            items.append(
                Text(162, 27, "Office for International Affairs", 9.5, False, (80, 80, 80), "right")
            )
        elif spec.layout == 1:
            items.append(Picture(95, 10, 20, 20, crest(host.colour, rng)))
            items.append(Text(105, 36, host.name, 16, True, host.colour, "centre"))
            items.append(
                Text(105, 42, f"{host.street} · {host.country}", 8.5, False, (90, 90, 90), "centre")
            )
            items.append(Rule(20, 46, 190, 46, host.colour, 0.8))
        else:
            items.append(Picture(20, 12, 22, 22, crest(host.colour, rng)))
            items.append(Text(46, 20, host.name, 15, True, host.colour))
            items.append(Text(46, 27, "International Relations Office", 10, False, (70, 70, 70)))
            items.append(Text(46, 32, f"{host.street}, {host.country}", 8.5, False, (90, 90, 90)))
            items.append(Rule(20, 38, 190, 38, host.colour, 0.6))
        top = 56.0
    y = top
    items.append(
        Text(
            190,
            y,
            f"{host.city}, {_fmt(dateline(spec), spec.date_form if spec.date_form < 5 else 0)}",
            10.5,
            align="right",
        )
    )
    y += 14
    who = person(spec)
    programme = "Erasmus+ staff mobility" if spec.erasmus else "a short academic visit"
    what = "teaching" if spec.activity == "teaching" else "training"
    if spec.kind == "acceptance_letter":
        items.append(
            Text(
                105 if spec.layout == 1 else 20,
                y,
                "LETTER OF ACCEPTANCE" if spec.layout != 2 else "Invitation",
                14,
                True,
                align="centre" if spec.layout == 1 else "left",
            )
        )
        y += 12
        lines = [
            f"Dear {who},",
            "",
            f"On behalf of {host.name}, I am pleased to confirm that {who}",
            f"from {spec.sending} is accepted for {programme}",
            f"for {what} at our institution {period(spec)}.",
        ]
        if spec.activity == "teaching" and spec.hours:
            lines.append(
                f"The programme foresees {spec.hours} hours of teaching in Marine Engineering."
            )
        if "digital" in spec.topics:
            lines.append(
                "The programme includes a workshop on digital skills and digital teaching tools."
            )
        if "ai" in spec.topics:
            lines.append(
                "It includes sessions on artificial intelligence in engineering education."
            )
        lines += ["", "We look forward to welcoming you.", "", "Yours sincerely,"]
    else:
        items.append(Text(105, y, "CERTIFICATE OF ATTENDANCE", 15, True, align="centre"))
        y += 14
        lines = [
            "To whom it may concern,",
            "",
            f"This is to certify that {who} from {spec.sending}",
            f"has attended {programme} for {what} at {host.name}",
            f"{period(spec)}.",
        ]
        if spec.activity == "teaching" and spec.hours is not None:
            lines.append(
                f"During this period a total of {spec.hours} teaching hours were delivered."
            )
        lines += ["", "This certificate is issued upon request.", "", "Kind regards,"]
    lines += list(spec.extra)
    for line in lines:
        items.append(Text(20, y, line, 11))
        y += 7.2
    y += 4
    if spec.signature:
        items.append(Picture(22, y, 48, 18, signature(INK[spec.signature_ink], rng)))
    y += 20
    items.append(
        Text(
            20, y, "Prof. Dr. Anna Lindqvist" if spec.host % 2 else "Dr. Marco Bellini", 10.5, True
        )
    )
    items.append(Text(20, y + 5.5, "Erasmus+ Institutional Coordinator", 9.5))
    if spec.stamp:
        w = 40 if spec.stamp == "round" else 48
        items.append(
            Picture(
                70 + rng.uniform(-8, 25),
                y - 22 + rng.uniform(-6, 8),
                w,
                w if spec.stamp == "round" else w * 0.6,
                stamp(spec.stamp, INK[spec.stamp_ink], host, rng, spec.font),
            )
        )
    items.append(
        Text(
            105,
            285,
            f"{host.name} · {host.street} · www.example.org",
            7.5,
            False,
            (120, 120, 120),
            "centre",
        )
    )
    return items


def render(spec: Spec, form: str) -> tuple[bytes, str]:
    """The document as ``text-pdf``, ``scan-jpg``, ``scan-pdf`` or ``photo-jpg``: bytes, suffix."""
    items = layout(spec)
    rng = random.Random(spec.seed * 7919)
    if form == "text-pdf":
        return text_pdf(items, spec.font), "pdf"
    page = draw(items, spec.font, dpi=200 if form.startswith("scan") else 150)
    if form == "scan-jpg":
        return jpeg(scan(page, rng), rng.randint(60, 85)), "jpg"
    if form == "scan-pdf":
        return image_pdf(jpeg(scan(page, rng), rng.randint(65, 85))), "pdf"
    if form == "photo-jpg":
        return jpeg(photo(page, rng), rng.randint(55, 80)), "jpg"
    raise ValueError(form)


DEFECTS = {
    "no-signature": {"signature": False},
    "no-stamp": {"stamp": None},
    "no-letterhead": {"letterhead": False},
    "another-person": {"given": "Mehmet", "surname": "Kaya"},
    "other-dates": {"start": dt.date(2025, 4, 7), "end": dt.date(2025, 4, 11)},
    "no-erasmus": {"erasmus": False},
    "too-few-hours": {"hours": 4},
}


def dateline(spec: Spec) -> dt.date:
    """A letter is written before the stay; a certificate on its last day or a few days
    after."""
    if spec.kind == "certificate_of_attendance":
        return spec.end + dt.timedelta(days=spec.seed % 4)
    return spec.letter_date


def committed() -> list[tuple[str, Spec, str]]:
    """The few samples kept in the repository (the tests make many more)."""
    base = Spec()
    cert = replace(
        base,
        kind="certificate_of_attendance",
        host=0,  # the host of samples/mobility's example, as the dossier tests upload them
        layout=1,
        font="serif",
        stamp="rect",
        stamp_ink="violet",
        date_form=1,
    )
    return [
        ("acceptance-letter-good-text.pdf", base, "text-pdf"),
        (
            "acceptance-letter-good-scan.jpg",
            replace(base, host=2, name_form="upper", date_form=5, seed=3),
            "scan-jpg",
        ),
        ("acceptance-letter-no-stamp-text.pdf", replace(base, stamp=None), "text-pdf"),
        (
            "acceptance-letter-another-person-text.pdf",
            replace(base, **DEFECTS["another-person"]),
            "text-pdf",
        ),
        ("certificate-good-text.pdf", cert, "text-pdf"),
        ("certificate-good-photo.jpg", replace(cert, seed=5), "photo-jpg"),
        (
            "certificate-early-return-scan.pdf",
            replace(cert, end=dt.date(2025, 3, 12), seed=6),
            "scan-pdf",
        ),
        ("certificate-too-few-hours-text.pdf", replace(cert, hours=4), "text-pdf"),
    ]


if __name__ == "__main__":
    for name, spec, form in committed():
        data, _suffix = render(spec, form)
        (HERE / "letters" / name).write_bytes(data)
        print(f"{name}: {len(data) // 1024} KiB")
