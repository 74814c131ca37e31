"""Reconciliation: do the dates of a dossier's documents agree with each other and with the
mobility, and how long did the participant actually stay?

Each checker compares its own document with the mobility; this compares documents with each
other. The acceptance letter gives the period the host agreed to, the certificate of attendance
the period it confirms, and the travel evidence (boarding passes, passport stamps, the e-Devlet
record) when the participant arrived and left. The actual stay is the part of the planned
period that the certificate confirms and the journey allows: a certificate that runs past a
return flight does not make the stay longer, and nothing pays more than the grant agreement.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from checkers import Kind
from checkers.phrases import N_, Joined, say
from docservice.dossier.findings import (
    DOCUMENTS,
    FAIL,
    PASS,
    PENDING,
    REVIEW,
    TRAVEL_KINDS,
    TRAVEL_SLACK_DAYS,
    Finding,
    Read,
    day_said,
    period_said,
)
from docservice.dossier.routes import routes
from docservice.mobility import Mobility

# What the dossier reads of the reconciliation's parts, from here as before
__all__ = ["FAIL", "PASS", "PENDING", "REVIEW", "Finding", "Read", "Reconciliation", "reconcile"]


@dataclass(frozen=True)
class Reconciliation:
    status: str  # pending, pass, review, fail
    findings: tuple[Finding, ...]
    actual_start: dt.date | None
    actual_end: dt.date | None
    basis: tuple[str, ...]  # the kinds the actual stay was read from

    @property
    def fingerprint(self) -> str:
        """Identifies these findings, so an officer's confirmation lapses when they change."""
        text = json.dumps([f.to_dict() for f in self.findings], sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    @property
    def needs_officer(self) -> bool:
        return self.status in (FAIL, REVIEW)

    def to_dict(self) -> dict[str, Any]:
        days = (
            (self.actual_end - self.actual_start).days + 1
            if self.actual_start and self.actual_end
            else None
        )
        return {
            "status": self.status,
            "checks": [f.to_dict() for f in self.findings],
            "actual": {
                "start_date": self.actual_start.isoformat() if self.actual_start else None,
                "end_date": self.actual_end.isoformat() if self.actual_end else None,
                "days": days,
                "from": list(self.basis),
            },
        }


def _letter(m: Mobility, letter: Read) -> Finding | None:
    start, end = letter.period
    if start is None or end is None:
        return None
    evidence = {"acceptance_letter": {"start_date": str(start), "end_date": str(end)}}
    if (start, end) == (m.start_date, m.end_date):
        return Finding(
            "letter_dates",
            PASS,
            say("The acceptance letter agrees with the planned period."),
            evidence,
        )
    if start <= m.start_date and end >= m.end_date:
        return Finding(
            "letter_dates",
            PASS,
            say(
                "The acceptance letter's period (%(period)s) covers the planned one.",
                period=period_said(start, end),
            ),
            evidence,
        )
    return Finding(
        "letter_dates",
        REVIEW,
        say(
            "The acceptance letter accepts %(period)s, but the mobility is planned %(planned)s: "
            "update the mobility or ask for a new letter.",
            period=period_said(start, end),
            planned=period_said(m.start_date, m.end_date),
        ),
        evidence,
    )


def _certificate(m: Mobility, cert: Read, letter: Read | None) -> list[Finding]:
    start, end = cert.period
    evidence = {"certificate_of_attendance": {"start_date": str(start), "end_date": str(end)}}
    findings = []
    if start > m.end_date or end < m.start_date:  # type: ignore[operator]
        findings.append(
            Finding(
                "certificate_dates",
                FAIL,
                say(
                    "The certificate confirms %(period)s, outside the planned period %(planned)s.",
                    period=period_said(start, end),
                    planned=period_said(m.start_date, m.end_date),
                ),
                evidence,
            )
        )
    elif (start, end) == (m.start_date, m.end_date):
        findings.append(
            Finding(
                "certificate_dates",
                PASS,
                say("The certificate confirms the planned period."),
                evidence,
            )
        )
    else:
        findings.append(
            Finding(
                "certificate_dates",
                REVIEW,
                say(
                    "The certificate confirms %(period)s, the mobility was planned %(planned)s: "
                    "the final grant counts only the days both cover.",
                    period=period_said(start, end),
                    planned=period_said(m.start_date, m.end_date),
                ),
                evidence,
            )
        )
    if letter is not None:
        a, b = letter.period
        if a and b and start and end and (start < a or end > b):
            findings.append(
                Finding(
                    "letter_and_certificate",
                    REVIEW,
                    say(
                        "The certificate (%(period)s) goes beyond the period the acceptance "
                        "letter accepted (%(accepted)s).",
                        period=period_said(start, end),
                        accepted=period_said(a, b),
                    ),
                    {**evidence, "acceptance_letter": {"start_date": str(a), "end_date": str(b)}},
                )
            )
    return findings


def _journey(travel: list[Read]) -> tuple[dt.date | None, dt.date | None, list[Finding]]:
    """The arrival and the return the travel documents agree on, and whether they agree."""
    outs = {r.kind: r.journey[0] for r in travel if r.journey[0]}
    backs = {r.kind: r.journey[1] for r in travel if r.journey[1]}
    findings = []
    for key, dates, label in (("outbound", outs, N_("departure")), ("return", backs, N_("return"))):
        if len(dates) < 2:
            continue
        days = sorted(d for d in dates.values() if d)
        spread = (days[-1] - days[0]).days
        evidence = {kind: str(day) for kind, day in dates.items()}
        named = Joined(
            (
                say("%(kind)s %(day)s", kind=say(DOCUMENTS[kind]), day=day_said(day))
                for kind, day in dates.items()
            ),
            ", ",
        )
        if spread <= TRAVEL_SLACK_DAYS:
            findings.append(
                Finding(
                    f"travel_{key}_agrees",
                    PASS,
                    say("The travel documents agree: %(named)s.", named=named),
                    evidence,
                )
            )
        else:
            findings.append(
                Finding(
                    f"travel_{key}_agrees",
                    FAIL,
                    say(
                        "The travel documents disagree on the %(what)s: %(named)s.",
                        what=say(label),
                        named=named,
                    ),
                    evidence,
                )
            )
    # The latest arrival and the earliest return bound the stay.
    arrived = max((d for d in outs.values() if d), default=None)
    left = min((d for d in backs.values() if d), default=None)
    return arrived, left, findings


def reconcile(m: Mobility, reads: dict[str, Read]) -> Reconciliation:
    """``reads`` holds the documents of the dossier that were read (not rejected), by kind."""
    findings: list[Finding] = []
    letter = reads.get(Kind.ACCEPTANCE_LETTER)
    if letter is not None and (found := _letter(m, letter)):
        findings.append(found)
    cert = reads.get(Kind.CERTIFICATE_OF_ATTENDANCE)
    if cert is None or None in cert.period:
        findings.append(
            Finding(
                "certificate_dates",
                PENDING,
                say("The actual stay needs a certificate of attendance whose dates could be read."),
            )
        )
        return Reconciliation(PENDING, tuple(findings), None, None, ())
    findings.extend(_certificate(m, cert, letter))
    travel = [reads[kind] for kind in TRAVEL_KINDS if kind in reads]
    arrived, left, agreement = _journey(travel)
    findings.extend(agreement)
    findings.extend(routes(reads.get(Kind.ENTRY_EXIT_RECORD), reads.get(Kind.BOARDING_PASS)))
    start, end = cert.period
    assert start is not None and end is not None
    basis = ["certificate_of_attendance"]
    if arrived is not None or left is not None:
        basis.extend(r.kind for r in travel if any(r.journey))
        evidence = {
            "arrived": str(arrived),
            "left": str(left),
            "certificate": [str(start), str(end)],
        }
        late = arrived is not None and arrived > start
        early = left is not None and left < end
        if late or early:
            parts = []
            if late:
                parts.append(
                    say(
                        "arrived on %(day)s, after the certified start %(start)s",
                        day=day_said(arrived),
                        start=day_said(start),
                    )
                )
            if early:
                parts.append(
                    say(
                        "left on %(day)s, before the certified end %(end)s",
                        day=day_said(left),
                        end=day_said(end),
                    )
                )
            findings.append(
                Finding(
                    "travel_and_certificate",
                    FAIL,
                    say(
                        "The certificate and the travel documents disagree: the participant "
                        "%(what)s. The final grant counts only the days the participant was "
                        "there.",
                        what=parts[0]
                        if len(parts) == 1
                        else say("%(first)s and %(second)s", first=parts[0], second=parts[1]),
                    ),
                    evidence,
                )
            )
        else:
            findings.append(
                Finding(
                    "travel_and_certificate",
                    PASS,
                    say("The journey brackets the certified period."),
                    evidence,
                )
            )
    elif not travel:
        findings.append(
            Finding(
                "travel_and_certificate",
                PENDING,
                say(
                    "No travel document has been read yet; the stay rests on the certificate alone."
                ),
            )
        )
    actual_start = max(d for d in (start, arrived, m.start_date) if d)
    actual_end = min(d for d in (end, left, m.end_date) if d)
    if actual_end < actual_start:
        actual_start = actual_end = None  # type: ignore[assignment]
    worst = {f.status for f in findings}
    status = next((s for s in (FAIL, REVIEW, PENDING) if s in worst), PASS)
    return Reconciliation(status, tuple(findings), actual_start, actual_end, tuple(basis))
