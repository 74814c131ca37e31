"""Which documents a mobility needs, before and after (domain §1), and what each status means.

Six kinds have an automatic checker; the others (the language certificate, the signed mobility
and grant agreements, the rectorate's assignment letter) are stored and an officer accepts them.
Passport stamps and the e-Devlet entry/exit record prove the same thing: either one will do.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

import checkers
from checkers import Kind
from docservice.mobility import Mobility

BEFORE, AFTER = "before", "after"


class ItemStatus(StrEnum):
    """A checklist item's status (interface §5), defined here once: the API's models, the pages'
    labels and the stores take it from here. "passed" and "accepted" complete an item."""

    MISSING = "missing"
    QUEUED = "queued"
    CHECKING = "checking"
    PASSED = "passed"
    FAILED = "failed"
    REVIEW = "review"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


MISSING, QUEUED, CHECKING = ItemStatus.MISSING, ItemStatus.QUEUED, ItemStatus.CHECKING
PASSED, FAILED, REVIEW = ItemStatus.PASSED, ItemStatus.FAILED, ItemStatus.REVIEW
ACCEPTED, REJECTED = ItemStatus.ACCEPTED, ItemStatus.REJECTED
STATUSES = tuple(ItemStatus)
BUSY = frozenset({QUEUED, CHECKING})  # an upload whose check has not answered yet
COMPLETE = frozenset({PASSED, ACCEPTED})
DECISIONS = (ACCEPTED, REJECTED)

BORDER = "border_crossing"


@dataclass(frozen=True)
class Item:
    kind: str
    phase: str
    title: str
    title_tr: str
    required: bool = True
    # Items of one group are alternatives: one of them complete completes the group.
    group: str | None = None

    @property
    def checked(self) -> bool:
        """Whether docservice checks this kind itself (else an officer does)."""
        return self.kind in checkers.KINDS


_ITEMS: tuple[Item, ...] = (
    Item(Kind.ACCEPTANCE_LETTER, BEFORE, "Acceptance letter", "Kabul mektubu"),
    Item("language_certificate", BEFORE, "Language certificate", "Dil belgesi"),
    Item("mobility_agreement", BEFORE, "Mobility agreement", "Hareketlilik anlaşması"),
    Item("rectorate_assignment", BEFORE, "Rectorate assignment letter", "Rektörlük görevlendirme"),
    Item("grant_agreement", BEFORE, "Grant agreement, signed", "Hibe sözleşmesi"),
    Item(Kind.CERTIFICATE_OF_ATTENDANCE, AFTER, "Certificate of attendance", "Katılım belgesi"),
    Item(Kind.BOARDING_PASS, AFTER, "Boarding passes", "Biniş kartları"),
    Item(
        Kind.PASSPORT_STAMPS,
        AFTER,
        "Passport pages with stamps",
        "Pasaport giriş-çıkış",
        group=BORDER,
    ),
    Item(
        Kind.ENTRY_EXIT_RECORD,
        AFTER,
        "e-Devlet entry/exit record",
        "e-Devlet giriş-çıkış kaydı",
        group=BORDER,
    ),
    Item(Kind.EU_SURVEY, AFTER, "EU Survey participant report", "AB anketi (EU Survey)"),
)
KINDS: tuple[str, ...] = tuple(item.kind for item in _ITEMS)


def items_for(m: Mobility) -> list[Item]:
    """The checklist of one mobility, in the order the office works through it. Students have
    no rectorate assignment; a green traveller (train, bus) has no boarding passes to show."""
    items = []
    for item in _ITEMS:
        if item.kind == "rectorate_assignment" and not m.is_staff:
            continue
        if item.kind == "boarding_pass" and m.green_travel:
            item = replace(item, required=False)
        if item.kind == "mobility_agreement" and not m.is_staff:
            item = replace(item, title="Learning agreement", title_tr="Öğrenim anlaşması")
        items.append(item)
    return items


def describe(kind: str) -> Item | None:
    """The checklist item of a kind, whoever's checklist it is on."""
    return next((item for item in _ITEMS if item.kind == kind), None)


def item_for(m: Mobility, kind: str) -> Item | None:
    return next((item for item in items_for(m) if item.kind == kind), None)


def phase_complete(items: list[Item], statuses: dict[str, str], phase: str) -> bool:
    """Every required item of the phase is complete; of a group, one member is enough."""
    groups: dict[str, bool] = {}
    for item in items:
        if item.phase != phase or not item.required:
            continue
        done = statuses.get(item.kind) in COMPLETE
        if item.group:
            groups[item.group] = groups.get(item.group, False) or done
        elif not done:
            return False
    return all(groups.values())


def progress(
    items: list[Item], statuses: dict[str, str], phase: str | None = None
) -> tuple[int, int]:
    """How many required items (of the phase, or of both) are complete, of how many; the
    members of a group count once."""
    wanted = [i for i in items if i.required and (phase is None or i.phase == phase)]
    groups = {i.group for i in wanted if i.group}
    single = [i for i in wanted if not i.group]
    done = sum(statuses.get(i.kind) in COMPLETE for i in single)
    done += sum(
        any(statuses.get(i.kind) in COMPLETE for i in wanted if i.group == group)
        for group in groups
    )
    return done, len(single) + len(groups)


def pending(items: list[Item], statuses: dict[str, str], phase: str) -> list[str]:
    """The kinds that still keep the phase from being complete, in checklist order; a group
    whose members are all incomplete is one entry, "a or b"."""
    out: list[str] = []
    seen: set[str] = set()
    for item in items:
        if item.phase != phase or not item.required:
            continue
        if item.group is None:
            if statuses.get(item.kind) not in COMPLETE:
                out.append(item.kind)
            continue
        if item.group in seen:
            continue
        seen.add(item.group)
        members = [i.kind for i in items if i.group == item.group and i.phase == phase]
        if not any(statuses.get(kind) in COMPLETE for kind in members):
            out.append(" or ".join(members))
    return out
