"""The readings of a zone's band voted place by place into one zone: fillers where the
pictures of the places show them (``zone_places``), and at the places of letters what the
readings read there, tesseract's views and the line reader each in what it reads best."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import numpy as np

from checkers import mrz
from checkers.facts.zone_places import Fillers, lined, zone_fillers


def voted(texts: list[str], crop: np.ndarray | None = None) -> mrz.Mrz | None:
    zone, _settled = voting(texts, zone_fillers(crop) if crop is not None else {})
    return zone


def voting(
    texts: list[str], shapes: Fillers, lead: str | None = None
) -> tuple[mrz.Mrz | None, bool]:
    """The zone the readings agree on, character by character: for each shape, the lines of
    the right length, the character most of them read at each place. Where the pictures of the
    places show which hold fillers, the fillers are taken from them, and each reading's runs
    of letters are put in the places of letters. ``lead`` is a reading by another engine (the
    line reader) that tells letters and digits apart better than the views of ``texts``: at a
    place where its run of letters fits, its character is taken; elsewhere it is one more
    vote, and a filler the views agree on is not overruled by what it made of one (a ``K``).
    Settled when every place of a letter was filled by a reading whose run of letters fits
    there (or no picture of the places was made), so that more readings could not change it."""
    best: tuple[mrz.Mrz, bool] | None = None
    for (count, width), _kind in mrz.SHAPES.items():
        fillers = shapes.get((count, width))
        views = _Readings(texts, count, width, fillers)
        led = _Readings([lead] if lead else [], count, width, fillers, exact=True)
        if views.size + led.size < 2:
            continue
        settled = True
        agreed = True  # every letter of the name read surely (``_alike``)
        name_line, name_from = (2, 0) if count == 3 else (0, 5)
        lines = []
        for line in range(count):
            chars = []
            for i in range(width):
                if fillers is not None and fillers[line][i]:
                    chars.append("<")
                    continue
                theirs, votes = led.placed_at(line, i), views.placed_votes(line, i)
                if lead and line == name_line and i >= name_from:
                    agreed = agreed and _alike(views, led, line, i)
                if theirs is None and not votes:
                    settled = fillers is None
                    first = _fitted_vote(views, led, line, i, letter=fillers is not None)
                else:
                    first = _decided(votes, theirs)
                chars.append(first)
            lines.append("".join(chars))
        if any("?" in line for line in lines):
            continue
        try:
            zone = mrz.parse(lines, autocorrect=True)
        except mrz.MrzError:
            continue
        if not agreed:
            zone = replace(zone, name_agreed=False)
        if best is None or held(zone) > held(best[0]):
            best = (zone, settled)
    return best if best is not None else (None, False)


class _Readings:
    """Readings of a band for one zone shape: their lines of the shape's width as read
    (``fitted``; if ``exact``, only lines read at that width, not cut or filled to it), and
    their runs of letters put in the places of letters (``placed``)."""

    def __init__(
        self,
        texts: list[str],
        count: int,
        width: int,
        fillers: list[list[bool]] | None,
        *,
        exact: bool = False,
    ) -> None:
        self.fitted = [
            rows
            for t in texts
            if len(rows := mrz.zone_rows(t, width)) == count
            and (not exact or all(len(r) == width for r in mrz.rows(t)[-count:]))
        ]
        self.placed = (
            [] if fillers is None else [lined(mrz.rows(t, width // 2, 0), fillers) for t in texts]
        )
        self.size = len(self.fitted) + len(self.placed)

    def placed_at(self, line: int, i: int) -> str | None:
        """The character the (first) reading's run of letters puts here, if one fits."""
        for rows in self.placed:
            if rows[line][i] != "?":
                return rows[line][i]
        return None

    def placed_votes(self, line: int, i: int) -> Counter[str]:
        return Counter(r[line][i] for r in self.placed if r[line][i] != "?")


def _alike(views: _Readings, led: _Readings, line: int, i: int) -> bool:
    """Whether a place was read surely: some view and the leading reading read it alike, or
    two views or more all read it alike. In the places of letters where the pictures of the
    places were made, else as read (a filler the line reader made a letter of is still a
    filler)."""
    votes = views.placed_votes(line, i) or Counter(r[line][i] for r in views.fitted)
    if len(votes) == 1 and votes.total() >= 2:
        return True
    theirs = led.placed_at(line, i)
    if theirs is None and led.fitted:
        theirs = led.fitted[0][line][i]
    return theirs is not None and (
        theirs in votes or (theirs in mrz.FILLER_MISREADS and "<" in votes)
    )


def _decided(votes: Counter[str], theirs: str | None) -> str:
    """The character at a place, from the views' votes and the leading reading's character:
    tesseract's views, held to the zone's characters, take a digit for the letter it looks
    like (``0`` for ``O``, ``5`` for ``S``) where the line reader does not, so where one reads
    a letter and the other a digit, the line reader's; otherwise the line reader is one more
    vote, and breaks a tie."""
    if theirs is None:
        return votes.most_common(1)[0][0] if votes else "?"
    if not votes:
        return theirs
    mine = votes.most_common(1)[0][0]
    if mine.isdigit() != theirs.isdigit():
        return theirs
    votes = votes + Counter(theirs)
    return theirs if votes[theirs] == max(votes.values()) else mine


def _fitted_vote(views: _Readings, led: _Readings, line: int, i: int, *, letter: bool) -> str:
    """The character at a place no run of letters fits, from the lines as read (``_decided``),
    save that a filler the views read is not overruled by the letter the line reader made of
    it (a ``K``); ``letter`` when the picture shows a letter here (so not a filler)."""
    votes = Counter(r[line][i] for r in views.fitted)
    if letter and len(votes) > 1:
        del votes["<"]
    theirs = led.fitted[0][line][i] if led.fitted else None
    if theirs == "<" and letter:
        theirs = None
    if votes and votes.most_common(1)[0][0] == "<" and theirs in mrz.FILLER_MISREADS:
        theirs = None
    return _decided(votes, theirs)


def held(zone: mrz.Mrz) -> int:
    """How many of a zone's check digits hold."""
    return sum(zone.checks.values())
