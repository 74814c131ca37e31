"""Synthetic boarding passes, the way airlines, check-in kiosks and phone apps print them.

Each pass carries a real IATA BCBP symbol (PDF417, Aztec, QR or DataMatrix, made by zxing-cpp)
and the same details printed beside it. A ``Trip`` is drawn as a text PDF, a scan, a photo or
phone screenshots pasted into a PDF, using the drawing and camera effects of
``samples/letters.py``. Every traveller is invented.

    .venv/bin/python samples/travel.py            # writes the committed samples
    from samples.travel import Trip, render        # tests make their own

Defects: another traveller, no return, a late outbound or early return flight, another trip,
another destination, a printed date or name edited away from the barcode, an itinerary receipt,
an impossible day in the barcode.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checkers.text import strip_marks
from samples import write_samples
from samples.boarding_barcode import airline_name, bcbp_text, symbol_picture
from samples.letters import MONTHS_EN
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
AIRLINES = {
    "TK": ("TURKISH AIRLINES", (200, 20, 30)),
    "PC": ("PEGASUS", (230, 120, 0)),
    "LH": ("LUFTHANSA", (10, 30, 80)),
    "SK": ("SAS", (0, 40, 120)),
    "TP": ("TAP AIR PORTUGAL", (0, 120, 60)),
    "OS": ("AUSTRIAN", (190, 0, 20)),
    "AJ": ("AJET", (150, 20, 60)),
}


@dataclass(frozen=True)
class Flight:
    origin: str
    destination: str
    carrier: str
    number: str
    day: dt.date


@dataclass(frozen=True)
class City:
    name: str
    lat: float
    lon: float
    country: str = "TR"


@dataclass(frozen=True)
class Route:
    """A home and a host city with the flights that join them (connections in between)."""

    home: City
    host: City
    outbound: tuple[tuple[str, str, str, str], ...]  # origin, destination, carrier, number
    back: tuple[tuple[str, str, str, str], ...]


ROUTES = [
    Route(City("Trabzon", 41.005, 39.7178), City("Heidelberg", 49.3988, 8.6724, "DE"),
          (("TZX", "IST", "TK", "2821"), ("IST", "FRA", "TK", "1589")),
          (("FRA", "IST", "TK", "1590"), ("IST", "TZX", "TK", "2830"))),
    Route(City("Istanbul", 41.0138, 28.9497), City("Lund", 55.7058, 13.1932, "SE"),
          (("SAW", "CPH", "PC", "1223"),), (("CPH", "SAW", "PC", "1224"),)),
    Route(City("Ankara", 39.9199, 32.8543), City("Lisbon", 38.7167, -9.1333, "PT"),
          (("ESB", "IST", "AJ", "7011"), ("IST", "LIS", "TP", "1761")),
          (("LIS", "IST", "TP", "1760"), ("IST", "ESB", "AJ", "7018"))),
    Route(City("Izmir", 38.4127, 27.1384), City("Munich", 48.1374, 11.5755, "DE"),
          (("ADB", "MUC", "LH", "1771"),), (("MUC", "ADB", "LH", "1770"),)),
    Route(City("Erzurum", 39.9086, 41.2769), City("Vienna", 48.2085, 16.3721, "AT"),
          (("ERZ", "IST", "TK", "2641"), ("IST", "VIE", "OS", "838")),
          (("VIE", "IST", "OS", "837"), ("IST", "ERZ", "TK", "2648"))),
]  # fmt: skip


@dataclass(frozen=True)
class Trip:
    given: str = "Şükrü"
    surname: str = "Öztürk"
    title: str = "DR"
    route: int = 0
    start: dt.date = dt.date(2025, 3, 10)
    end: dt.date = dt.date(2025, 3, 14)
    out_offset: int = -1  # days from the start the outbound journey leaves
    back_offset: int = 1  # days from the end the return journey leaves
    symbol: str = "pdf417"
    layout: int = 0  # 0: airline card; 1: phone app; 2: kiosk slip
    font: str = "sans"
    name_form: int = 0  # 0: OZTURK/SUKRU DR; 1: Sukru Ozturk; 2: ÖZTÜRK ŞÜKRÜ
    date_form: int = 0
    seed: int = 1
    # defects
    traveller: tuple[str, str] | None = None  # another person in barcode and print
    printed_name: tuple[str, str] | None = None  # the print edited to this name
    printed_shift: int = 0  # the printed dates moved by this many days
    no_return: bool = False
    destination: str | None = None  # the last outbound airport replaced (and the first back)
    document_type: str = "B"
    bad_day: bool = False
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def place(self) -> Route:
        return ROUTES[self.route % len(ROUTES)]

    def flights(self) -> list[Flight]:
        r = self.place
        out_day = self.start + dt.timedelta(days=self.out_offset)
        back_day = self.end + dt.timedelta(days=self.back_offset)
        legs = [Flight(o, d, c, n, out_day) for o, d, c, n in r.outbound]
        if not self.no_return:
            legs += [Flight(o, d, c, n, back_day) for o, d, c, n in r.back]
        if self.destination:
            k = len(r.outbound)
            legs[k - 1] = replace(legs[k - 1], destination=self.destination)
            if not self.no_return:
                legs[k] = replace(legs[k], origin=self.destination)
        return legs


def _date(day: dt.date, form: int) -> str:
    month = MONTHS_EN[day.month - 1]
    return [
        f"{day.day:02d}{month[:3].upper()}",
        f"{day.day:02d} {month[:3].upper()} {day.year}",
        f"{day:%d.%m.%Y}",
        f"{month[:3]} {day.day}, {day.year}",
    ][form % 4]


def _name(trip: Trip) -> str:
    given, surname = trip.printed_name or trip.traveller or (trip.given, trip.surname)
    form = trip.name_form % 3
    if form == 0:
        return airline_name(given, surname, trip.title)
    if form == 1:
        return strip_marks(f"{given} {surname}")
    return f"{surname.upper()} {given.upper()}".replace("i", "İ")


def card(trip: Trip, flight: Flight, index: int, x: float, y: float, w: float) -> list:
    """One boarding pass, its top left corner at (x, y) mm."""
    rng = random.Random(trip.seed * 31 + index)
    airline, colour = AIRLINES.get(flight.carrier, ("AIRLINE", (40, 40, 40)))
    shown = flight.day + dt.timedelta(days=trip.printed_shift)
    number = f"{flight.carrier} {flight.number}"
    symbol = symbol_picture(bcbp_text(trip, flight, index), trip.symbol)
    ratio = symbol.height / symbol.width
    items: list = []
    if trip.layout % 3 == 0:  # airline card: a coloured band, labelled boxes, the symbol right
        h = 64.0
        items += [
            Rule(x, y + 4, x + w, y + 4, colour, 20),
            Rule(x, y + h, x + w, y + h, (150, 150, 150), 1),
        ]
        items += [
            Text(
                x + 3, y + 5.6, f"{airline}   BOARDING PASS / BİNİŞ KARTI", 9, True, (255, 255, 255)
            )
        ]
        rows = [
            ("NAME OF PASSENGER / YOLCU", _name(trip)),
            ("FROM / NEREDEN", flight.origin),
            ("TO / NEREYE", flight.destination),
            ("FLIGHT / UÇUŞ", number),
            ("DATE / TARİH", _date(shown, trip.date_form)),
            ("SEAT / KOLTUK", f"{rng.randint(3, 33)}{'ACDF'[rng.randint(0, 3)]}"),
            ("GATE / KAPI", f"{'ABCDF'[rng.randint(0, 4)]}{rng.randint(1, 40)}"),
        ]
        for k, (label, value) in enumerate(rows):
            cx = x + 4 + ((k - 1) % 2) * 55 if k else x + 4
            cy = y + 16 + (k + 1) // 2 * 11 if k else y + 16
            items += [
                Text(cx, cy, label, 6.5, False, (90, 90, 90)),
                Text(cx, cy + 5, value, 11, True),
            ]
        sw = 62.0 if trip.symbol == "pdf417" else 40.0
        sh = min(sw * ratio, 44.0)
        sw = sh / ratio
        items.append(Picture(x + w - sw - 6, y + 14, sw, sh, symbol))
    elif trip.layout % 3 == 1:  # phone app: big symbol in the middle, details below
        h = 128.0
        items += [
            Rule(x, y + 5, x + w, y + 5, colour, 30),
            Text(x + w / 2, y + 7, airline, 12, True, (255, 255, 255), "centre"),
        ]
        sw = min(w - 16, 60.0)
        sh = sw * ratio
        if trip.symbol == "pdf417":
            sw, sh = w - 10, (w - 10) * ratio
        items.append(Picture(x + (w - sw) / 2, y + 16, sw, sh, symbol))
        ty = y + 22 + sh
        lines = [
            (f"{flight.origin}  →  {flight.destination}", 16, True),
            (_name(trip), 11, True),
            (f"Flight {number}   {_date(shown, trip.date_form)}", 10, False),
            (
                f"Seat {rng.randint(3, 33)}{'ACDF'[rng.randint(0, 3)]}   Group {rng.randint(1, 5)}",
                10,
                False,
            ),
        ]
        for k, (line, size, bold) in enumerate(lines):
            items.append(Text(x + w / 2, ty + k * 8, line, size, bold, (20, 20, 20), "centre"))
    else:  # kiosk slip: plain lines, the symbol below
        items += [Text(x + 4, y + 6, f"{airline} - BOARDING PASS", 11, True)]
        lines = [
            _name(trip),
            f"{flight.origin} TO {flight.destination}",
            f"FLT {number}  DATE {_date(shown, trip.date_form)}",
            f"SEQ {rng.randint(1, 200):03d}  ZONE {rng.randint(1, 4)}",
        ]
        for k, line in enumerate(lines):
            items.append(Text(x + 4, y + 14 + k * 6, line, 10, False))
        sw = 64.0 if trip.symbol == "pdf417" else 34.0
        sh = min(sw * ratio, 36.0)
        items.append(Picture(x + 4, y + 40, sh / ratio, sh, symbol))
        items.append(Rule(x, y + 46 + sh, x + w, y + 46 + sh, (120, 120, 120), 0.5))
    return items


def pages(trip: Trip) -> list[list]:
    """The passes laid out on A4 pages: cards three to a page, phone screens two."""
    flights = trip.flights()
    out: list[list] = []
    if trip.layout % 3 == 1:
        per, w = 2, 90.0
        for start in range(0, len(flights), per):
            items: list = []
            for k, f in enumerate(flights[start : start + per]):
                items += card(trip, f, start + k, 12 + k * 96, 20, w)
            out.append(items)
    else:
        per, step = 3, 88.0
        for start in range(0, len(flights), per):
            items = []
            for k, f in enumerate(flights[start : start + per]):
                items += card(trip, f, start + k, 12, 14 + k * step, 186)
            out.append(items)
    return out


def _pdf_of_images(images: list[bytes]) -> bytes:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in images:
        for page in PdfReader(io.BytesIO(image_pdf(data))).pages:
            writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _text_pdf_pages(all_items: list[list], font: str) -> bytes:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for items in all_items:
        for page in PdfReader(io.BytesIO(text_pdf(items, font))).pages:
            writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def render(trip: Trip, form: str) -> tuple[bytes, str]:
    """The passes as ``text-pdf``, ``scan-pdf``, ``photo-jpg`` (the first page only) or
    ``screenshot-pdf`` (phone screens pasted into a PDF)."""
    rng = random.Random(trip.seed * 7919)
    laid = pages(trip)
    if form == "text-pdf":
        return _text_pdf_pages(laid, trip.font), "pdf"
    if form == "scan-pdf":
        return _pdf_of_images(
            [jpeg(scan(draw(p, trip.font, 200), rng), rng.randint(70, 88)) for p in laid]
        ), "pdf"
    if form == "photo-jpg":
        return jpeg(photo(draw(laid[0], trip.font, 220), rng), rng.randint(70, 88)), "jpg"
    if form == "screenshot-pdf":
        return _pdf_of_images([jpeg(draw(p, trip.font, 110), 80) for p in laid]), "pdf"
    raise ValueError(form)


DEFECTS: dict[str, dict[str, object]] = {
    "another-traveller": {"traveller": ("Mehmet", "Kaya")},
    "no-return": {"no_return": True},
    "late-departure": {"out_offset": 1},
    "early-return": {"back_offset": -1},
    "another-trip": {"out_offset": -40, "back_offset": -40},
    "another-destination": {"destination": "AMS"},
    "edited-date": {"out_offset": -9, "printed_shift": 8},
    "edited-name": {"traveller": ("Elif", "Demir"), "printed_name": ("Şükrü", "Öztürk")},
    "itinerary-receipt": {"document_type": "I"},
    "impossible-day": {"bad_day": True},
}


def mobility(trip: Trip) -> dict[str, object]:
    r = trip.place
    return {
        "reference": f"2025-1-TR01-KA131-HED-0001{trip.seed:02d}",
        "action": "KA131",
        "activity": "teaching",
        "call_year": 2024,
        "participant": {"given_names": trip.given, "surname": trip.surname, "title": "Dr.",
                        "category": "academic"},
        "sending": {"institution": "Home University", "city": r.home.name, "country": r.home.country,
                    "lat": r.home.lat, "lon": r.home.lon},
        "receiving": {"institution": "Host University", "city": r.host.name,
                      "country": r.host.country, "lat": r.host.lat, "lon": r.host.lon},
        "start_date": trip.start.isoformat(),
        "end_date": trip.end.isoformat(),
        "teaching_hours": 8,
    }  # fmt: skip


def committed() -> list[tuple[str, Trip, str, str, list[str]]]:
    """The few samples kept in the repository, with the verdict and the checks that do not
    pass (the tests make many more)."""
    base = Trip()
    edited = replace(base, **DEFECTS["edited-date"])  # type: ignore[arg-type]
    other = replace(base, layout=2, route=3, **DEFECTS["another-traveller"])  # type: ignore[arg-type]
    return [
        ("boarding-pass-good-text", base, "text-pdf", "pass", []),
        ("boarding-pass-good-photo", replace(base, route=1, symbol="aztec", layout=1, seed=4), "photo-jpg", "pass", []),
        ("boarding-pass-good-screenshots", replace(base, route=2, symbol="qr", layout=1, seed=5), "screenshot-pdf", "pass", []),
        ("boarding-pass-edited-date-text", edited, "text-pdf", "fail", ["outbound", "printed_text"]),
        ("boarding-pass-another-traveller-scan", other, "scan-pdf", "fail", ["passenger_name"]),
    ]  # fmt: skip


def main() -> None:
    samples = {}
    for name, trip, form, verdict, not_passed in committed():
        data, suffix = render(trip, form)
        want = {"kind": "boarding_pass", "verdict": verdict, "not_passed": not_passed,
                "mobility": mobility(trip)}  # fmt: skip
        samples[f"{name}.{suffix}"] = (data, want)
    write_samples(HERE / "travel", samples)


if __name__ == "__main__":
    main()
