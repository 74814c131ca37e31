"""The final grant (domain §4): recomputed from the verified actual stay once the return
documents allow it, compared with the prefinancing already paid.

A stay cut below the policy's minimum without force majeure is paid nothing, so the whole
prefinancing is to be recovered; a student below the ECTS rule (seed 002: 21 ECTS for one
semester, 42 for two) loses the 20 % balance.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from docservice.dossier.payments import Paid
from docservice.dossier.reconcile import Reconciliation
from docservice.formatting import Lang, date
from docservice.grants.calculate import Breakdown, beneficiary_module_days, money
from docservice.grants.engine import GrantEngine
from docservice.grants.explain import to_dict
from docservice.mobility import Mobility

SEMESTER_DAYS = 180  # as the Beneficiary Module counts: six months of 30 days

# The final grant's notes, by language, with named values (as grants/explain.py words the trace).
NOTES: dict[str, dict[str, str]] = {
    "en": {
        "nothing_proven": (
            "No day of the planned period is proven by the documents: nothing is due."
        ),
        "actual": (
            "The actual stay is {start} – {end}, not the planned {planned_start} – {planned_end}."
        ),
        "too_short": (
            "The stay is shorter than the minimum and no force majeure is recorded: no grant is "
            "due, and the prefinancing is to be recovered."
        ),
        "force_majeure": "Force majeure is recorded: the days actually spent are paid.",
        "ects": (
            "{ects} ECTS completed, fewer than the {required} required: the remaining 20 % is "
            "not paid."
        ),
    },
    "tr": {
        "nothing_proven": "Planlanan dönemin hiçbir günü belgelerle kanıtlanmadı: ödeme yapılmaz.",
        "actual": (
            "Gerçekleşen süre {start} – {end}; planlanan {planned_start} – {planned_end} değil."
        ),
        "too_short": (
            "Süre en az sürenin altında ve mücbir sebep kaydı yok: hibe ödenmez, ön ödeme geri "
            "alınır."
        ),
        "force_majeure": "Mücbir sebep kaydedildi: fiilen geçirilen günler ödenir.",
        "ects": ("{ects} AKTS tamamlandı, gereken {required} AKTS'den az: kalan %20 ödenmez."),
    },
}


def ects_required(m: Mobility) -> int:
    """21 ECTS for one semester, 42 for a longer stay (seed 002)."""
    return 21 if beneficiary_module_days(m.start_date, m.end_date) <= SEMESTER_DAYS else 42


def _eur(amount: Decimal) -> float:
    return float(amount)


def final_grant(
    engine: GrantEngine,
    m: Mobility,
    planned: Breakdown,
    reconciliation: Reconciliation,
    *,
    paid: Paid,
    force_majeure: bool,
    lang: Lang = "en",
) -> tuple[dict[str, Any] | None, list[str]]:
    """The final grant, or None with what it still waits for; its notes and calculation in
    ``lang``."""
    words = NOTES[lang]
    if reconciliation.status == "pending":
        return None, ["the actual stay (certificate of attendance and travel documents)"]
    if not m.is_staff and m.ects_completed is None:
        return None, ["the ECTS credits completed (ects_completed in the mobility record)"]
    notes: list[str] = []
    start, end = reconciliation.actual_start, reconciliation.actual_end
    if start is None or end is None:
        total = Decimal(0)
        breakdown = None
        notes.append(words["nothing_proven"])
    else:
        actual = m.model_copy(update={"start_date": start, "end_date": end})
        b = engine.calculate(actual, force_majeure=force_majeure)
        breakdown = to_dict(b, lang)
        total = b.total
        if (start, end) != (m.start_date, m.end_date):
            notes.append(
                words["actual"].format(
                    start=date(start, lang),
                    end=date(end, lang),
                    planned_start=date(m.start_date, lang),
                    planned_end=date(m.end_date, lang),
                )
            )
        if not b.eligible:
            notes.append(words["too_short"])
        elif force_majeure and b.total and planned.total != b.total:
            notes.append(words["force_majeure"])
        if not m.is_staff and m.ects_completed is not None and b.eligible:
            required = ects_required(m)
            if m.ects_completed < required:
                total = money(total * planned.policy.prefinancing_share)
                notes.append(words["ects"].format(ects=f"{m.ects_completed:g}", required=required))
    # What is left to pay (negative: to recover) is the final grant less what was paid, as the
    # officers recorded it.
    balance = total - paid.net
    return {
        "start_date": start.isoformat() if start else None,
        "end_date": end.isoformat() if end else None,
        "currency": "EUR",
        "total": _eur(total),
        "prefinancing_paid": _eur(paid.prefinancing),
        "paid": _eur(paid.net),
        "balance": _eur(balance),
        "to_recover": _eur(-balance) if balance < 0 else 0.0,
        "force_majeure": force_majeure,
        "notes": notes,
        "breakdown": breakdown,
    }, []
