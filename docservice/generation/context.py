"""What a template sees: the mobility, the grant and the institution, written for one language.

Every value is ready to print: money as ``1.080,00 €`` or ``€1,080.00``, dates as ``10 Mart 2025``
or ``10 March 2025``, countries by name. Optional keys of the record are ``None`` (a template
tests them with ``{% if %}``); the catalogue in :mod:`docservice.generation.catalogue` lists every
name, and ``docservice templates check`` holds templates to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from docservice import formatting as fmt
from docservice.formatting import Lang
from docservice.generation.institution import InstitutionProfile
from docservice.grants.calculate import Breakdown
from docservice.grants.explain import trace
from docservice.mobility import Institution, Mobility

ACTIONS: dict[str, dict[Lang, str]] = {
    "KA131": {
        "en": "KA131 – Learning mobility of individuals in higher education (programme countries)",
        "tr": "KA131 – Yükseköğretim Öğrenci ve Personel Hareketliliği (program ülkeleri)",
    },
    "KA171": {
        "en": "KA171 – International credit mobility (partner countries)",
        "tr": "KA171 – Uluslararası Kredi Hareketliliği (ortak ülkeler)",
    },
    "KA103": {
        "en": "KA103 – Higher education mobility between programme countries",
        "tr": "KA103 – Program ülkeleri arasında yükseköğretim hareketliliği",
    },
    "KA107": {
        "en": "KA107 – Higher education mobility with partner countries",
        "tr": "KA107 – Ortak ülkelerle yükseköğretim hareketliliği",
    },
}

ACTIVITIES: dict[str, dict[Lang, str]] = {
    "teaching": {"en": "Staff mobility for teaching", "tr": "Ders verme hareketliliği"},
    "training": {"en": "Staff mobility for training", "tr": "Eğitim alma hareketliliği"},
    "studies": {"en": "Student mobility for studies", "tr": "Öğrenim hareketliliği"},
    "traineeship": {"en": "Student mobility for traineeships", "tr": "Staj hareketliliği"},
}

# The blank a person fills by hand where the record has no value (the mobility agreement's
# subject area, say).
BLANK = "………………………………"


@dataclass(frozen=True)
class Verification:
    code: str
    url: str
    qr_png: bytes


def _money(amount: Decimal | None, lang: Lang) -> str | None:
    return None if amount is None else fmt.money(amount, lang)


def _institution(inst: Institution, lang: Lang) -> dict[str, Any]:
    return {
        "institution": inst.institution,
        "erasmus_code": inst.erasmus_code,
        "city": inst.city,
        "country": inst.country,
        "country_name": fmt.country(inst.country, lang),
    }


def _days(m: Mobility, lang: Lang) -> list[dict[str, Any]]:
    out = []
    for n in range(m.calendar_days):
        day = m.start_date + dt.timedelta(days=n)
        out.append(
            {
                "number": n + 1,
                "date": fmt.date(day, lang),
                "weekday": fmt.weekday(day, lang),
                "iso": day.isoformat(),
            }
        )
    return out


def _agreement(m: Mobility) -> dict[str, Any]:
    """The mobility agreement's free-text parts, from the record's optional ``agreement`` object."""
    given = m.model_extra.get("agreement") if m.model_extra else None
    given = given if isinstance(given, dict) else {}
    keys = (
        "subject_area",
        "isced_code",
        "level",
        "language",
        "objectives",
        "added_value",
        "content",
        "outcomes",
        "receiving_contact",
        "sending_contact",
    )
    return {key: str(given[key]) if given.get(key) else BLANK for key in keys}


def _grant(b: Breakdown, lang: Lang) -> dict[str, Any]:
    staff, student = b.staff, b.student
    return {
        "currency": "EUR",
        "rate_table": b.table.title(lang),
        "country_group": b.classification.group,
        "region": b.classification.region,
        "distance_km": fmt.number(b.distance_km, lang, decimals=1),
        "distance_band": b.band.label if b.band else None,
        "green_travel": b.mobility.green_travel,
        "is_staff": staff is not None,
        "funded_days": staff.funded_days if staff else None,
        "daily_rate": _money(staff.daily_rate, lang) if staff else None,
        "monthly_rate": _money(student.monthly_rate, lang) if student else None,
        "months": student.months if student else None,
        "extra_days": student.extra_days if student else None,
        "individual_support": fmt.money(b.individual_support, lang),
        "travel": fmt.money(b.travel, lang),
        "total": fmt.money(b.total, lang),
        "prefinancing": fmt.money(b.prefinancing, lang),
        "balance": fmt.money(b.balance, lang),
        "prefinancing_percent": fmt.number(b.policy.prefinancing_share * 100, lang),
        "balance_percent": fmt.number((1 - b.policy.prefinancing_share) * 100, lang),
        "eligible": b.eligible,
        # The office's notes on the calculation (an older rate table used, ...) are not here: a
        # document is for the participant; the officer sees them before generating.
        "trace": trace(b, lang),
    }


def build_context(
    m: Mobility,
    *,
    lang: Lang,
    institution: InstitutionProfile,
    verification: Verification,
    breakdown: Breakdown | None,
    today: dt.date,
) -> dict[str, Any]:
    """The template context; ``institution.logo`` and ``verification.qr`` are raw image bytes here
    and become pictures when rendered."""
    p = m.participant
    name = p.full_name
    hours = m.teaching_hours
    return {
        "lang": lang,
        "issued_on": fmt.date(today, lang),
        "institution": {
            "name": institution.name(lang),
            "name_en": institution.name_en,
            "name_tr": institution.name_tr,
            "erasmus_code": institution.erasmus_code,
            "oid": institution.oid,
            "address": institution.address,
            "city": institution.city,
            "country_name": fmt.country(institution.country, lang),
            "email": institution.email,
            "phone": institution.phone,
            "website": institution.website,
            "office": institution.office(lang),
            "signatory_name": institution.signatory_name,
            "signatory_title": institution.signatory_title(lang),
            "contact_name": institution.contact_name,
            "contact_email": institution.contact_email,
            "logo": institution.logo_bytes(),
        },
        "participant": {
            "title": p.title,
            "given_names": p.given_names,
            "surname": p.surname,
            "name": name,
            "full_name": f"{p.title} {name}" if p.title else name,
            "email": p.email,
            "iban": p.iban,
            "category": p.category,
            "nationality": fmt.country(p.nationality, lang) if p.nationality else None,
        },
        "sending": _institution(m.sending, lang),
        "receiving": _institution(m.receiving, lang),
        "mobility": {
            "reference": m.reference,
            "action": m.action.value,
            "action_name": ACTIONS[m.action.value][lang],
            "activity": m.activity.value,
            "activity_name": ACTIVITIES[m.activity.value][lang],
            "is_staff": m.is_staff,
            "is_teaching": m.activity.value == "teaching",
            "is_training": m.activity.value == "training",
            "is_student": not m.is_staff,
            "call_year": m.call_year,
            "start_date": fmt.date(m.start_date, lang),
            "end_date": fmt.date(m.end_date, lang),
            "start_date_iso": m.start_date.isoformat(),
            "end_date_iso": m.end_date.isoformat(),
            "duration_days": m.calendar_days,
            "travel_days": m.travel_days,
            "green_travel": m.green_travel,
            "zero_grant": m.zero_grant,
            "teaching_hours": fmt.number(hours, lang, decimals=0 if hours == int(hours) else 1)
            if hours is not None
            else None,
            "days": _days(m, lang),
        },
        "agreement": _agreement(m),
        "grant": _grant(breakdown, lang) if breakdown is not None else None,
        "verification": {
            "code": verification.code,
            "url": verification.url,
            "qr": verification.qr_png,
        },
    }
