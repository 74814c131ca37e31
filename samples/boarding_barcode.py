"""The barcode of a synthetic boarding pass: the IATA BCBP text of a flight (the name as an
airline writes it, the day of the year, the seat) and its symbol (PDF417, Aztec or QR, drawn by
zxing-cpp), as a picture."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np
import zxingcpp
from PIL import Image

from checkers import bcbp
from checkers.text import strip_marks

if TYPE_CHECKING:
    from samples.travel import Flight, Trip

SYMBOLS = {
    "pdf417": zxingcpp.BarcodeFormat.PDF417,
    "aztec": zxingcpp.BarcodeFormat.Aztec,
    "qr": zxingcpp.BarcodeFormat.QRCode,
    "datamatrix": zxingcpp.BarcodeFormat.DataMatrix,
}


def airline_name(given: str, surname: str, title: str) -> str:
    plain = strip_marks(f"{surname.replace(' ', '')}/{given}").upper()
    return f"{plain} {title}".strip()[:20] if title else plain[:20]


def bcbp_text(trip: Trip, flight: Flight, index: int) -> str:
    given, surname = trip.traveller or (trip.given, trip.surname)
    leg = bcbp.Leg(
        pnr=f"{'ABCDEFGHJK'[trip.seed % 10]}{trip.seed % 7}X{index}{trip.route}Q",
        from_airport=flight.origin,
        to_airport=flight.destination,
        carrier=flight.carrier,
        flight_number=flight.number,
        day_of_year=419 if trip.bad_day else flight.day.timetuple().tm_yday,
        compartment="Y",
        seat=f"{(trip.seed + index * 5) % 30 + 3:03d}C",
        sequence=f"{(trip.seed * 37 + index) % 300 + 1:04d}",
        passenger_status="1",
        airline_numeric_code="235",
        document_number=f"{2350000000 + trip.seed * 11 + index}",
        selectee="0",
        marketing_carrier=flight.carrier,
        baggage_allowance="20K",
    )
    issued = flight.day - dt.timedelta(days=1)
    surname_code, given_code, title = bcbp.split_name(airline_name(given, surname, trip.title))
    return bcbp.encode(
        bcbp.BoardingPass(
            raw="",
            legs_count=1,
            name=airline_name(given, surname, trip.title),
            surname=surname_code,
            given_names=given_code,
            title=title,
            electronic_ticket="E",
            legs=(leg,),
            version=6,
            passenger_description="0",
            checkin_source="W",
            issuance_source="W",
            issue_date=f"{issued.year % 10}{issued.timetuple().tm_yday:03d}",
            document_type=trip.document_type,
            issuer=flight.carrier,
        )
    )


def symbol_picture(text: str, kind: str) -> Image.Image:
    code = zxingcpp.create_barcode(text, SYMBOLS[kind])
    pixels = np.asarray(code.to_image(scale=1, add_quiet_zones=True))
    sx, sy = (2, 3) if kind == "pdf417" else (1, 1)
    big = np.repeat(np.repeat(pixels, sy, axis=0), sx, axis=1)
    return Image.fromarray(big).convert("RGBA")
