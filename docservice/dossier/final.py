"""The final grant (domain §4): recomputed from the verified actual stay once the return
documents allow it, compared with the prefinancing already paid.

A stay cut below the policy's minimum without force majeure is paid nothing, so the whole
prefinancing is to be recovered; a student below the ECTS rule (seed 002: 21 ECTS for one
semester, 42 for two) loses the 20 % balance.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from docservice.dossier.reconcile import Reconciliation
from docservice.grants.calculate import Breakdown, beneficiary_module_days, money
from docservice.grants.engine import GrantEngine
from docservice.grants.explain import to_dict
from docservice.mobility import Mobility

SEMESTER_DAYS = 180  # as the Beneficiary Module counts: six months of 30 days


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
    force_majeure: bool,
) -> tuple[dict[str, Any] | None, list[str]]:
    """The final grant, or None with what it still waits for."""
    if reconciliation.status == "pending":
        return None, ["the actual stay (certificate of attendance and travel documents)"]
    if not m.is_staff and m.ects_completed is None:
        return None, ["the ECTS credits completed (ects_completed in the mobility record)"]
    notes: list[str] = []
    start, end = reconciliation.actual_start, reconciliation.actual_end
    paid = planned.prefinancing
    if start is None or end is None:
        total = Decimal(0)
        breakdown = None
        notes.append("No day of the planned period is proven by the documents: nothing is due.")
    else:
        actual = m.model_copy(update={"start_date": start, "end_date": end})
        b = engine.calculate(actual, force_majeure=force_majeure)
        breakdown = to_dict(b)
        total = b.total
        if (start, end) != (m.start_date, m.end_date):
            notes.append(
                f"The actual stay is {start.isoformat()} – {end.isoformat()}, not the planned "
                f"{m.start_date.isoformat()} – {m.end_date.isoformat()}."
            )
        if not b.eligible:
            notes.append(
                "The stay is shorter than the minimum and no force majeure is recorded: "
                "no grant is due, and the prefinancing is to be recovered."
            )
        elif force_majeure and b.total and planned.total != b.total:
            notes.append("Force majeure is recorded: the days actually spent are paid.")
        if not m.is_staff and m.ects_completed is not None and b.eligible:
            required = ects_required(m)
            if m.ects_completed < required:
                total = money(total * planned.policy.prefinancing_share)
                notes.append(
                    f"{m.ects_completed:g} ECTS completed, fewer than the {required} required: "
                    "the remaining 20 % is not paid."
                )
    balance = total - paid
    return {
        "start_date": start.isoformat() if start else None,
        "end_date": end.isoformat() if end else None,
        "currency": "EUR",
        "total": _eur(total),
        "prefinancing_paid": _eur(paid),
        "balance": _eur(balance),
        "to_recover": _eur(-balance) if balance < 0 else 0.0,
        "force_majeure": force_majeure,
        "notes": notes,
        "breakdown": breakdown,
    }, []
