"""Border crossings out of and back into Türkiye, from passport stamps or the e-Devlet record.

The journey rule (domain §6): the participant leaves Türkiye on or shortly before the first day
of the activity and is back on or shortly after the last, within the office's travel window
(``travel.TravelRule``). The exit taken for the mobility is the last one in the outbound
window; the first entry after it is the return, which must fall in the return window: an entry
before the end is an early return, and crossings from another trip prove nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from checkers.mobility import MobilityLike
from checkers.phrases import N_, Joined, say
from checkers.report import Check, Evidence, Status
from checkers.travel import TravelRule, describe_window, in_window

EXIT, ENTRY = "exit", "entry"


@dataclass(frozen=True)
class Crossing:
    date: dt.date | None
    direction: str | None  # "exit", "entry" or None when the stamp does not say
    country: str | None = None
    place: str | None = None
    evidence: Evidence = field(default_factory=Evidence)

    def label(self) -> str:
        what = say({EXIT: N_("exit"), ENTRY: N_("entry"), None: N_("crossing")}[self.direction])
        when = self.date or say("an unreadable date")
        if self.place:
            return say("%(what)s on %(day)s at %(place)s", what=what, day=when, place=self.place)
        return say("%(what)s on %(day)s", what=what, day=when)


def _listed(crossings: list[Crossing]) -> str:
    dated = sorted((c for c in crossings if c.date), key=lambda c: c.date)  # type: ignore[arg-type, return-value]
    return Joined(c.label() for c in dated) if dated else say("none with a readable date")


def _journey(
    crossings: list[Crossing], m: MobilityLike, rule: TravelRule
) -> tuple[Crossing | None, Crossing | None, Crossing | None]:
    """The exit proven in the outbound window, the departure actually taken (that exit, else a
    late exit during the activity), and the return: the first entry after the departure."""
    out_window = rule.outbound_window(m.start_date)
    exits = [c for c in crossings if c.direction == EXIT and c.date]
    entries = [c for c in crossings if c.direction == ENTRY and c.date]
    leaving = [c for c in exits if in_window(c.date, out_window)]
    exit_ = max(leaving, key=lambda c: c.date) if leaving else None  # type: ignore[arg-type, return-value]
    departed = exit_ or max(
        (c for c in exits if c.date and out_window[0] <= c.date <= m.end_date),
        key=lambda c: c.date,  # type: ignore[arg-type, return-value]
        default=None,
    )
    since = departed.date if departed and departed.date else out_window[0] - dt.timedelta(days=1)
    after = [c for c in entries if c.date and c.date > since]
    back = min(after, key=lambda c: c.date) if after else None  # type: ignore[arg-type, return-value]
    return exit_, departed, back


def journey_dates(
    crossings: list[Crossing], m: MobilityLike, rule: TravelRule
) -> dict[str, str | None]:
    """The report fields ``outbound_date`` (the exit from Türkiye taken for the mobility) and
    ``return_date`` (the entry back), for the dossier's reconciliation; None when not found."""
    _, departed, back = _journey(crossings, m, rule)
    return {
        "outbound_date": departed.date.isoformat() if departed and departed.date else None,
        "return_date": back.date.isoformat() if back and back.date else None,
    }


def journey_checks(
    crossings: list[Crossing], m: MobilityLike, rule: TravelRule, *, what: str
) -> list[Check]:
    """The ``outbound`` and ``return`` checks for crossings of the Turkish border. ``what``
    names the evidence in messages ("stamps", "the record")."""
    out_window = rule.outbound_window(m.start_date)
    back_window = rule.return_window(m.end_date)
    exits = [c for c in crossings if c.direction == EXIT and c.date]
    entries = [c for c in crossings if c.direction == ENTRY and c.date]
    exit_, _, back = _journey(crossings, m, rule)
    checks = []
    if exit_ is not None:
        checks.append(
            Check(
                "outbound",
                Status.PASS,
                say(
                    "Left Türkiye: %(crossing)s (allowed %(when)s).",
                    crossing=exit_.label(),
                    when=describe_window(out_window),
                ),
                evidence=(exit_.evidence,),
            )
        )
    else:
        later = [c for c in exits if c.date and c.date > out_window[1]]
        checks.append(
            Check(
                "outbound",
                Status.FAIL,
                say(
                    "The exit from Türkiye is %(crossing)s, after the activity began; the "
                    "crossings read: %(read)s.",
                    crossing=later[0].label(),
                    read=_listed(crossings),
                )
                if later and not [c for c in exits if c.date and c.date < out_window[0]]
                else say(
                    "No exit from Türkiye %(when)s in %(what)s; the crossings read: %(read)s.",
                    when=describe_window(out_window),
                    what=what,
                    read=_listed(crossings),
                ),
                hint=say(
                    "The exit must be on or shortly before the first day of the activity. "
                    "Upload the pages (or the record) of this mobility's journey."
                ),
                evidence=tuple(c.evidence for c in exits),
            )
        )
    if back is not None and in_window(back.date, back_window):
        checks.append(
            Check(
                "return",
                Status.PASS,
                say(
                    "Back in Türkiye: %(crossing)s (allowed %(when)s).",
                    crossing=back.label(),
                    when=describe_window(back_window),
                ),
                evidence=(back.evidence,),
            )
        )
    elif back is not None and back.date and back.date < back_window[0]:
        checks.append(
            Check(
                "return",
                Status.FAIL,
                say(
                    "Back in Türkiye early: %(crossing)s, before the activity ended on %(end)s.",
                    crossing=back.label(),
                    end=m.end_date,
                ),
                hint=say("An early return needs the office's decision (force majeure)."),
                early_return=True,
                evidence=(back.evidence,),
            )
        )
    else:
        message = (
            say(
                "The entry back into Türkiye is %(crossing)s, later than allowed (%(when)s).",
                crossing=back.label(),
                when=describe_window(back_window),
            )
            if back is not None
            else say(
                "No entry back into Türkiye %(when)s in %(what)s; the crossings read: %(read)s.",
                when=describe_window(back_window),
                what=what,
                read=_listed(crossings),
            )
        )
        checks.append(
            Check(
                "return",
                Status.FAIL,
                message,
                hint=say("The entry must be on or shortly after the last day of the activity."),
                evidence=tuple(c.evidence for c in entries),
            )
        )
    return checks
