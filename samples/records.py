"""Synthetic e-Devlet entry/exit records and EU Survey participant reports.

The record is laid out as e-Devlet prints "Yurda Giriş-Çıkış Kayıtları": the holder, a table of
crossings (date and time, exit or entry, gate) and a verification code printed and in a QR
symbol. The survey is the PDF EUSurvey gives for a submitted Erasmus+ participant report. Both
are drawn with ``samples/letters.py`` as text PDFs or scans. Every person here is invented.

    .venv/bin/python samples/records.py            # writes the committed samples
    from samples.records import Record, Survey, render_record, render_survey
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import segno
from PIL import Image

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from samples import write_samples
from samples.letters import MONTHS_EN
from samples.paper import Picture, Rule, Text, draw, image_pdf, jpeg, scan, text_pdf

HERE = Path(__file__).parent
GATES = [
    "İSTANBUL HAVALİMANI HUDUT KAPISI",
    "SABİHA GÖKÇEN HAVALİMANI HUDUT KAPISI",
    "ESENBOĞA HAVALİMANI HUDUT KAPISI",
    "ADNAN MENDERES HAVALİMANI HUDUT KAPISI",
    "KAPIKULE KARA HUDUT KAPISI",
]
ALPHABET = "ABCDEFGHJKLMNPRSTUVYZ23456789"


@dataclass(frozen=True)
class Record:
    given: str = "Şükrü"
    surname: str = "Öztürk"
    start: dt.date = dt.date(2025, 3, 10)
    end: dt.date = dt.date(2025, 3, 14)
    out_offset: int = -1
    back_offset: int = 1
    older_trip: bool = True  # an earlier trip's crossings listed too, as the record has them
    gate: int = 0
    font: str = "sans"
    seed: int = 1
    holder: tuple[str, str] | None = None  # another person
    printed_code: str | None = None  # the print edited to another code
    code: bool = True
    no_return: bool = False
    title: str = "YURDA GİRİŞ-ÇIKIŞ KAYITLARI"

    def verification(self) -> str:
        rng = random.Random(self.seed * 101)
        return "EGM-" + "-".join("".join(rng.choice(ALPHABET) for _ in range(4)) for _ in range(3))

    def crossings(self) -> list[tuple[dt.datetime, str]]:
        rng = random.Random(self.seed)
        out = dt.datetime.combine(
            self.start + dt.timedelta(days=self.out_offset), dt.time(rng.randint(5, 22), 5)
        )
        back = dt.datetime.combine(
            self.end + dt.timedelta(days=self.back_offset), dt.time(rng.randint(5, 22), 40)
        )
        rows = [(out, "ÇIKIŞ")] + ([] if self.no_return else [(back, "GİRİŞ")])
        if self.older_trip:
            before = out - dt.timedelta(days=rng.randint(60, 200))
            rows = [(before, "ÇIKIŞ"), (before + dt.timedelta(days=6), "GİRİŞ"), *rows]
        return sorted(rows, reverse=True)  # e-Devlet lists the latest first


def _qr(text: str) -> Image.Image:
    matrix = np.array(segno.make(text, error="m").matrix, dtype=np.uint8)
    pixels = np.where(np.pad(matrix, 4) > 0, 0, 255).astype(np.uint8)
    return Image.fromarray(np.kron(pixels, np.ones((6, 6), dtype=np.uint8))).convert("RGBA")


def record_layout(r: Record) -> list:
    given, surname = r.holder or (r.given, r.surname)
    code = r.verification()
    items: list = [
        Text(105, 18, "T.C.", 12, True, align="centre"),
        Text(105, 24, "İÇİŞLERİ BAKANLIĞI", 11, True, align="centre"),
        Text(105, 30, "EMNİYET GENEL MÜDÜRLÜĞÜ", 11, True, align="centre"),
        Text(105, 42, r.title, 14, True, align="centre"),
        Rule(20, 47, 190, 47, (60, 60, 60), 1),
        Text(20, 56, f"Belge Tarihi: {(r.end + dt.timedelta(days=6)):%d.%m.%Y} 10:12", 9),
        Text(20, 64, f"T.C. Kimlik No: 99{r.seed % 10}*******{r.seed % 7}", 10),
        Text(20, 71, f"Adı Soyadı: {given.upper().replace('i', 'İ')} {surname.upper()}", 10),
        Text(20, 78, "Uyruğu: TÜRKİYE CUMHURİYETİ", 10),
        Rule(20, 86, 190, 86, (60, 60, 60), 0.6),
        Text(22, 92, "Sıra", 9, True),
        Text(35, 92, "Tarih ve Saat", 9, True),
        Text(75, 92, "Giriş/Çıkış", 9, True),
        Text(100, 92, "Hudut Kapısı", 9, True),
        Rule(20, 95, 190, 95, (60, 60, 60), 0.6),
    ]
    for k, (when, direction) in enumerate(r.crossings()):
        y = 102 + k * 8
        gate = GATES[(r.gate + (k // 2)) % len(GATES)]
        items += [
            Text(24, y, str(k + 1), 9),
            Text(35, y, f"{when:%d.%m.%Y %H:%M}", 9),
            Text(75, y, direction, 9),
            Text(100, y, gate, 9),
        ]
    if r.code:
        shown = r.printed_code or code
        items += [
            Rule(20, 250, 190, 250, (60, 60, 60), 0.6),
            Text(20, 258, "Bu belge 5070 sayılı Elektronik İmza Kanunu uyarınca güvenli elektronik "
                 "imza ile imzalanmıştır.", 7.5),
            Text(20, 264, "Belgenin doğruluğunu https://www.turkiye.gov.tr/belge-dogrulama "
                 "adresinden sorgulayabilirsiniz.", 7.5),
            Text(20, 272, f"Barkod Numarası: {shown}", 10, True),
            Picture(160, 252, 30, 30, _qr(f"https://www.turkiye.gov.tr/belge-dogrulama?barkod={code}")),
        ]  # fmt: skip
    return items


@dataclass(frozen=True)
class Survey:
    reference: str = "2025-1-TR01-KA131-HED-000123-STA-07"
    host: str = "Heidelberg University"
    country: str = "Germany"
    start: dt.date = dt.date(2025, 3, 10)
    end: dt.date = dt.date(2025, 3, 14)
    submitted_after: int | None = 6  # days after the end; None: a draft
    date_form: int = 0
    font: str = "sans"
    seed: int = 1
    title: str = "Erasmus+ Participant Report Form - KA131 Mobility of staff for teaching"
    questionnaire: str = "EUSurvey"


def _day(day: dt.date, form: int) -> str:
    return [
        f"{day:%d/%m/%Y}",
        f"{day:%Y-%m-%d}",
        f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}",
    ][form % 3]


def survey_layout(s: Survey) -> list:
    rng = random.Random(s.seed)
    uid = "-".join(
        "".join(rng.choice("0123456789abcdef") for _ in range(n)) for n in (8, 4, 4, 4, 12)
    )
    items: list = [
        Rule(0, 6, 210, 6, (0, 51, 153), 30),
        Text(14, 9, s.questionnaire, 14, True, (255, 255, 255)),
        Text(14, 28, s.title, 12, True),
        Text(14, 38, f"Contribution ID: {uid}", 9),
    ]
    if s.submitted_after is not None:
        at = dt.datetime.combine(
            s.end + dt.timedelta(days=s.submitted_after),
            dt.time(rng.randint(8, 22), rng.randint(0, 59), 5),
        )
        items.append(Text(14, 44, f"Completed at: {at:%Y-%m-%d %H:%M:%S}", 9))
    else:
        items.append(Text(14, 44, "Status: Draft (not submitted)", 9))
    items.append(Text(14, 50, "Language: English", 9))
    rows = [
        ("1. Your mobility", None),
        ("Mobility ID", s.reference),
        ("Start date of the mobility activity", _day(s.start, s.date_form)),
        ("End date of the mobility activity", _day(s.end, s.date_form)),
        ("Receiving organisation", s.host),
        ("Country of the receiving organisation", s.country),
        ("2. Your satisfaction", None),
        (
            "Overall, how satisfied are you with your mobility?",
            rng.choice(["Very satisfied", "Rather satisfied"]),
        ),
        ("Would you recommend an Erasmus+ mobility to colleagues?", "Yes"),
        ("3. Recognition", None),
        ("Was your mobility recognised by your sending institution?", "Yes"),
    ]
    y = 62.0
    for label, value in rows:
        if value is None:
            y += 4
            items.append(Text(14, y, label, 11, True, (0, 51, 153)))
        else:
            items += [Text(14, y, label, 9, False, (80, 80, 80)), Text(18, y + 5, value, 10)]
            y += 5
        y += 8
    return items


def _render(items: list, font: str, seed: int, form: str) -> tuple[bytes, str]:
    """A one-page document as a ``text-pdf`` or a ``scan-pdf``."""
    if form == "text-pdf":
        return text_pdf(items, font), "pdf"
    if form == "scan-pdf":
        rng = random.Random(seed * 7919)
        return image_pdf(jpeg(scan(draw(items, font, 200), rng), rng.randint(70, 88))), "pdf"
    raise ValueError(form)


def render_record(r: Record, form: str) -> tuple[bytes, str]:
    return _render(record_layout(r), r.font, r.seed, form)


def render_survey(s: Survey, form: str) -> tuple[bytes, str]:
    return _render(survey_layout(s), s.font, s.seed, form)


RECORD_DEFECTS: dict[str, dict[str, object]] = {
    "another-person": {"holder": ("Mehmet", "Kaya")},
    "late-exit": {"out_offset": 1},
    "early-return": {"back_offset": -2},
    "no-return": {"no_return": True},
    "another-trip": {"out_offset": -45, "back_offset": -45},
    "edited-code": {"printed_code": "EGM-4HK2-ZP7A-99RT"},
    "no-code": {"code": False},
    "another-document": {"title": "ADLİ SİCİL KAYDI"},
}
SURVEY_DEFECTS: dict[str, dict[str, object]] = {
    "draft": {"submitted_after": None},
    "before-the-end": {"submitted_after": -2},
    "other-dates": {"start": dt.date(2024, 10, 7), "end": dt.date(2024, 10, 11)},
    "other-host": {"host": "University of Lisbon", "country": "Portugal"},
    "another-questionnaire": {
        "title": "Staff satisfaction questionnaire 2025",
        "questionnaire": "SurveyMonkey",
    },
    "another-mobility": {"reference": "2025-1-TR01-KA131-HED-000123-STA-09"},
}


def committed() -> list[tuple[str, str, bytes, str, list[str]]]:
    """name, kind, file, verdict, checks that do not pass."""
    out = []
    for name, r, form, verdict, not_passed in [
        ("entry-exit-record-good-text", Record(), "text-pdf", "pass", []),
        ("entry-exit-record-good-scan", Record(gate=1, seed=3), "scan-pdf", "pass", []),
        (
            "entry-exit-record-early-return-text",
            replace(Record(), back_offset=-2),
            "text-pdf",
            "fail",
            ["return"],
        ),
        (
            "entry-exit-record-edited-code-text",
            replace(Record(), printed_code="EGM-4HK2-ZP7A-99RT"),
            "text-pdf",
            "fail",
            ["verification_code"],
        ),
    ]:
        data, suffix = render_record(r, form)
        out.append((f"{name}.{suffix}", "entry_exit_record", data, verdict, not_passed))
    for name, s, form, verdict, not_passed in [
        ("eu-survey-good-text", Survey(), "text-pdf", "pass", []),
        ("eu-survey-draft-text", Survey(submitted_after=None), "text-pdf", "fail", ["submitted"]),
        (
            "eu-survey-other-dates-text",
            replace(Survey(), start=dt.date(2024, 10, 7), end=dt.date(2024, 10, 11)),
            "text-pdf",
            "fail",
            ["activity_dates", "submitted"],
        ),
    ]:
        data, suffix = render_survey(s, form)
        out.append((f"{name}.{suffix}", "eu_survey", data, verdict, not_passed))
    return out  # fmt: skip


def main() -> None:
    write_samples(
        HERE / "records",
        {
            name: (data, {"kind": kind, "verdict": verdict, "not_passed": not_passed})
            for name, kind, data, verdict, not_passed in committed()
        },
    )


if __name__ == "__main__":
    main()
