"""The acceptance letter (domain §6, seed 004 "Kabul Mektubu Formatı"): on the host's headed
paper, signed and stamped, naming the participant, stating an Erasmus+ staff mobility and its
dates. Digital-skills and artificial-intelligence content earns selection points: reported."""

from __future__ import annotations

import re

from checkers.facts.model import DocumentFacts
from checkers.letters import (
    Reading,
    check_dates,
    check_document_type,
    check_erasmus,
    check_mark,
    check_name,
    check_readable,
    mentions_erasmus,
    read_hours,
    read_marks,
)
from checkers.mobility import MobilityLike
from checkers.names import find_name
from checkers.report import Report
from checkers.text import fold

KIND = "acceptance_letter"
DIGITAL = re.compile(
    r"\b(digital (skills|tools|teaching|education|competence|transformation|learning)|"
    r"dijital|e-learning|online teaching|programming|software)\b"
)
AI = re.compile(
    r"\b(artificial intelligence|machine learning|yapay zeka|deep learning|generative ai|"
    r"\bai\b|kunstliche intelligenz|intelligence artificielle)\b"
)


def host_name(reading: Reading, m: MobilityLike) -> str | None:
    wanted = fold(m.receiving.institution)
    for page, line in reading.facts.lines():
        if wanted and wanted in fold(line.text):
            return line.text
        del page
    if reading.letterhead is not None:
        page = reading.letterhead.page
        top = [line for line in page.lines if line.box[3] <= reading.letterhead.box[3]]
        if top:
            return max(top, key=lambda line: line.box[3] - line.box[1]).text
    return None


def check(facts: DocumentFacts, m: MobilityLike) -> Report:
    reading = read_marks(facts)
    report = Report(KIND, pages=len(facts.pages), sources=facts.sources)
    report.add(check_readable(reading))
    report.add(check_document_type(reading, KIND))
    report.add(
        check_mark(
            reading,
            "letterhead",
            reading.letterhead,
            "The letter must be on the host's headed paper.",
        )
    )
    report.add(
        check_mark(
            reading,
            "signature",
            reading.signatures,
            "An authorised person at the host must sign it.",
        )
    )
    report.add(
        check_mark(reading, "stamp", reading.stamps, "The host's stamp or seal must be on it.")
    )
    report.add(check_name(reading, m))
    report.add(check_erasmus(reading, m))
    dates, period = check_dates(reading, m, certificate=False)
    report.add(dates)
    text = reading.folded
    hours, _page, _line = read_hours(reading)
    name = find_name(facts, m.participant.given_names, m.participant.surname)
    report.fields = {
        "participant_name": name.text or None,
        "host_institution": host_name(reading, m),
        "start_date": period.start.isoformat() if period else None,
        "end_date": period.end.isoformat() if period else None,
        "letterhead": reading.letterhead is not None,
        "signature": bool(reading.signatures),
        "stamp": bool(reading.stamps),
        "erasmus_mention": mentions_erasmus(text),
        "digital_skills": bool(DIGITAL.search(text)),
        "artificial_intelligence": bool(AI.search(text)),
        "teaching_hours": hours,
    }
    return report
