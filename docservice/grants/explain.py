"""Render a breakdown: the contract's JSON (interface §3) and the calculation in words.

The calculation trace is what a grant agreement prints under the amount, in English or Turkish.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from docservice import formatting as fmt
from docservice.formatting import Lang
from docservice.grants.calculate import Breakdown, Notice


def _eur(amount: Decimal) -> float:
    return float(amount)


def to_dict(b: Breakdown, lang: Lang = "en") -> dict[str, Any]:
    """The breakdown as JSON: the contract's keys first, then what explains them."""
    out: dict[str, Any] = {
        "currency": "EUR",
        "rate_table": b.table.name,
        "country_group": b.classification.group,
        "distance_km": float(b.distance_km),
        "distance_band": b.band.label if b.band else None,
        "green_travel": b.mobility.green_travel,
    }
    if b.staff is not None:
        out["funded_days"] = b.staff.funded_days
        out["daily_rate"] = _eur(b.staff.daily_rate)
    if b.student is not None:
        out["monthly_rate"] = _eur(b.student.monthly_rate)
        out["months"] = b.student.months
        out["extra_days"] = b.student.extra_days
    out |= {
        "individual_support": _eur(b.individual_support),
        "travel": _eur(b.travel),
        "total": _eur(b.total),
        "prefinancing": _eur(b.prefinancing),
        "balance": _eur(b.balance),
        "category": b.category,
        "call_year": b.selection.call_year,
        "rate_table_source": b.table.source,
        "region": b.classification.region,
        "prefinancing_share": float(b.policy.prefinancing_share),
        "eligible": b.eligible,
        "zero_grant": b.mobility.zero_grant,
        "home": b.home.to_dict(),
        "host": b.host.to_dict(),
    }
    if b.staff is not None:
        out |= {
            "activity_days": b.staff.activity_days,
            "travel_days": b.staff.travel_days,
            "full_rate_days": b.staff.full_rate_days,
            "reduced_rate_days": b.staff.reduced_rate_days,
            "reduced_daily_rate": (
                _eur(b.staff.reduced_daily_rate) if b.staff.reduced_daily_rate is not None else None
            ),
        }
    if b.student is not None:
        out |= {"duration_days": b.student.duration_days, "travel_days": b.student.travel_days}
    out["warnings"] = [
        {"code": n.code, "message": notice(n, b, lang)}
        for n in ([b.ineligible] if b.ineligible else []) + list(b.warnings)
    ]
    out["trace"] = trace(b, lang)
    return out


# Sentences of the calculation trace and the notices, by language, with named values.
SENTENCES: dict[str, dict[str, str]] = {
    "en": {
        "rate_table": "Rates: {table}.",
        "host_group": "Host country: {country} ({code}), country group {group}.",
        "host_partner": "Host country: {country} ({code}), partner region {region}.",
        "host_region_group": (
            "Host country: {country} ({code}), region {region}, paid at the group {group} rate."
        ),
        "staff_days": (
            "Activity {period}: {activity} days + {travel} funded travel days = {funded} funded "
            "days."
        ),
        "student_days": (
            "Stay {period}: {duration} days as the Beneficiary Module counts (every month 30 "
            "days){travel} = {months} months and {extra} days funded."
        ),
        "student_travel_days": " + {travel} travel days",
        "full_days": "{days} days × {rate}",
        "reduced_days": "{days} days × {rate} ({percent} % from day {start})",
        "month_sum": "{months} months × {rate} + {days} days × {rate} / 30",
        "support": "Individual support: {sum} = {amount}.",
        "distance_none": (
            "Distance {route}: {km} km one way; below 10 km there is no travel support."
        ),
        "distance": (
            "Distance {route}: {km} km one way (great circle), band {band} km: travel support "
            "{amount} ({kind}, one amount for the return trip)."
        ),
        "kind_standard": "standard",
        "kind_green": "green travel",
        "kind_green_missing": "no green amount in this band, standard",
        "zero_grant": "Zero-grant participant: no individual support or travel support is paid.",
        "total": "Total {total}: prefinancing {percent} % {prefinancing}, balance {balance}.",
        "fallback_table": (
            "No {category} rate table for {action} call {call} is on file; the latest earlier "
            "table, {table}, was used. Add a table for call {call} if the National Agency "
            "published other rates."
        ),
        "below_minimum_staff": (
            "The mobility lasts {days} day(s); at least {minimum} consecutive days of activity "
            "are needed. A mobility below the minimum is invalid and no grant is paid."
        ),
        "below_minimum_student": (
            "The mobility lasts {days} day(s); at least {minimum} days are needed. A mobility "
            "below the minimum is invalid and no grant is paid."
        ),
        "days_capped": "{days} days exceed what {payer} funds; {paid} days are paid.",
        "months_capped": "{days} days exceed what {payer} funds; {paid} months are paid.",
        "payer_programme": "the Programme",
        "payer_policy": "the institution's policy",
        "teaching_hours_low": (
            "teaching_hours is {hours}; a teaching mobility of {days} days needs at least "
            "{required} hours."
        ),
    },
    "tr": {
        "rate_table": "Oranlar: {table}.",
        "host_group": "Misafir olunan ülke: {country} ({code}), {group}. grup.",
        "host_partner": "Misafir olunan ülke: {country} ({code}), {region}. bölge ortak ülkesi.",
        "host_region_group": (
            "Misafir olunan ülke: {country} ({code}), {region}. bölge; {group}. grup oranı."
        ),
        "staff_days": (
            "Faaliyet {period}: {activity} gün + {travel} seyahat günü = {funded} hibelendirilen "
            "gün."
        ),
        "student_days": (
            "Kalış {period}: Yararlanıcı Modülü'ne göre (her ay 30 gün) {duration} gün{travel} = "
            "{months} ay {extra} gün hibelendirilir."
        ),
        "student_travel_days": " + {travel} seyahat günü",
        "full_days": "{days} gün × {rate}",
        "reduced_days": "{days} gün × {rate} ({start}. günden itibaren %{percent})",
        "month_sum": "{months} ay × {rate} + {days} gün × {rate} / 30",
        "support": "Bireysel destek: {sum} = {amount}.",
        "distance_none": (
            "Mesafe {route}: tek yön {km} km; 10 km'nin altında seyahat desteği yoktur."
        ),
        "distance": (
            "Mesafe {route}: tek yön {km} km (büyük daire), {band} km bandı: seyahat desteği "
            "{amount} ({kind}, gidiş-dönüş için tek tutar)."
        ),
        "kind_standard": "standart",
        "kind_green": "yeşil seyahat",
        "kind_green_missing": "bu bantta yeşil seyahat tutarı yok, standart",
        "zero_grant": (
            "Hibesiz (sıfır hibeli) katılımcı: bireysel destek ve seyahat desteği ödenmez."
        ),
        "total": "Toplam {total}: %{percent} ön ödeme {prefinancing}, kalan ödeme {balance}.",
        "fallback_table": (
            "{action} {call} çağrısı için oran tablosu kayıtlı değil; önceki en son tablo "
            "({table}) kullanıldı. Ulusal Ajans farklı oran yayımladıysa {call} tablosunu ekleyin."
        ),
        "below_minimum_staff": (
            "Süre {days} gün; en az {minimum} ardışık faaliyet günü gerekir. Asgari sürenin "
            "altındaki hareketlilik geçersizdir ve hibe ödenmez."
        ),
        "below_minimum_student": (
            "Süre {days} gün; en az {minimum} gün gerekir. Asgari sürenin altındaki hareketlilik "
            "geçersizdir ve hibe ödenmez."
        ),
        "days_capped": "{days} gün, {payer} sınırını aşıyor; {paid} gün hibelendirilir.",
        "months_capped": "{days} gün, {payer} sınırını aşıyor; {paid} ay hibelendirilir.",
        "payer_programme": "Program",
        "payer_policy": "kurum politikası",
        "teaching_hours_low": (
            "Ders saati {hours}; {days} günlük ders verme faaliyeti için en az {required} saat "
            "gerekir."
        ),
    },
}


def _say(lang: Lang, key: str, **values: Any) -> str:
    return SENTENCES[lang][key].format(**values)


def notice(n: Notice, b: Breakdown, lang: Lang) -> str:
    v, m = n.values, b.mobility
    if n.code == "fallback_table":
        return _say(
            lang,
            n.code,
            category=b.category,
            action=m.action,
            call=v["call_year"],
            table=b.table.name,
        )
    if n.code == "below_minimum":
        key = "below_minimum_staff" if m.is_staff else "below_minimum_student"
        return _say(lang, key, days=v["days"], minimum=v["minimum"])
    if n.code in ("days_capped", "months_capped"):
        payer = _say(lang, f"payer_{v['by']}")
        paid = v["limit"] if n.code == "days_capped" else v["months"]
        return _say(lang, n.code, days=v["days"], payer=payer, paid=paid)
    if n.code == "teaching_hours_low":
        return _say(lang, n.code, hours=f"{v['hours']:g}", days=v["days"], required=v["required"])
    return n.code


def _host(b: Breakdown, lang: Lang) -> str:
    m, c = b.mobility, b.classification
    where = {"country": fmt.country(m.receiving.country, lang), "code": m.receiving.country}
    if c.region is None:
        return _say(lang, "host_group", group=c.group, **where)
    if c.rate_key == "partner":
        return _say(lang, "host_partner", region=c.region, **where)
    return _say(lang, "host_region_group", region=c.region, group=c.group, **where)


def _support(b: Breakdown, lang: Lang, period: str) -> list[str]:
    """The period sentence and the individual-support sentence."""
    if b.staff is not None:
        s = b.staff
        days = _say(
            lang,
            "staff_days",
            period=period,
            activity=s.activity_days,
            travel=s.travel_days,
            funded=s.funded_days,
        )
        parts = [_say(lang, "full_days", days=s.full_rate_days, rate=fmt.money(s.daily_rate, lang))]
        stay = b.table.long_stay
        if s.reduced_rate_days and s.reduced_daily_rate is not None and stay.reduced_share:
            parts.append(
                _say(
                    lang,
                    "reduced_days",
                    days=s.reduced_rate_days,
                    rate=fmt.money(s.reduced_daily_rate, lang),
                    percent=fmt.number(stay.reduced_share * 100, lang),
                    start=stay.reduced_from_day,
                )
            )
        total = " + ".join(parts)
    else:
        assert b.student is not None
        st = b.student
        travel = _say(lang, "student_travel_days", travel=st.travel_days) if st.travel_days else ""
        days = _say(
            lang,
            "student_days",
            period=period,
            duration=st.duration_days,
            travel=travel,
            months=st.months,
            extra=st.extra_days,
        )
        total = _say(
            lang,
            "month_sum",
            months=st.months,
            days=st.extra_days,
            rate=fmt.money(st.monthly_rate, lang),
        )
    return [days, _say(lang, "support", sum=total, amount=fmt.money(b.rated_support, lang))]


def _distance(b: Breakdown, lang: Lang) -> str:
    route = f"{b.home.name} ({b.home.country}) – {b.host.name} ({b.host.country})"
    km = fmt.number(b.distance_km, lang, decimals=1)
    if b.band is None:
        return _say(lang, "distance_none", route=route, km=km)
    green = b.mobility.green_travel
    kind = "kind_green" if green else "kind_standard"
    if green and b.band.green is None:
        kind = "kind_green_missing"
    return _say(
        lang,
        "distance",
        route=route,
        km=km,
        band=b.band.label,
        amount=fmt.money(b.band.amount(green), lang),
        kind=_say(lang, kind),
    )


def older_table(b: Breakdown | None, lang: Lang) -> str | None:
    """The title of the older rate table a grant on a call without its own table uses."""
    if b is None or not b.selection.fallback:
        return None
    return b.table.title(lang)


def trace(b: Breakdown, lang: Lang = "en") -> list[str]:
    """The calculation, step by step, as sentences in ``lang``: what a grant agreement prints, so
    it names the rate table by its title and leaves the office's notes (``warnings``) out."""
    m = b.mobility
    period = f"{fmt.date(m.start_date, lang)} – {fmt.date(m.end_date, lang)}"
    lines = [
        _say(lang, "rate_table", table=b.table.title(lang)),
        _host(b, lang),
        *_support(b, lang, period),
        _distance(b, lang),
    ]
    if m.zero_grant:
        lines.append(_say(lang, "zero_grant"))
    if b.ineligible is not None:
        lines.append(notice(b.ineligible, b, lang))
    lines.append(
        _say(
            lang,
            "total",
            total=fmt.money(b.total, lang),
            percent=fmt.number(b.policy.prefinancing_share * 100, lang),
            prefinancing=fmt.money(b.prefinancing, lang),
            balance=fmt.money(b.balance, lang),
        )
    )
    return lines
