"""The acceptance letter (domain §6, seed 004 "Kabul Mektubu Formatı"): on the host's headed
paper, signed and stamped, naming the participant, stating an Erasmus+ staff mobility and its
dates. Digital-skills and artificial-intelligence content earns selection points: reported."""

from __future__ import annotations

import re

from checkers import Kind
from checkers.facts.model import DocumentFacts
from checkers.host_letters import common_checks, common_fields
from checkers.mobility import MobilityLike
from checkers.report import Report

KIND = Kind.ACCEPTANCE_LETTER
DIGITAL = re.compile(
    r"\b(digital (skills|tools|teaching|education|competence|transformation|learning)|"
    r"dijital|e-learning|online teaching|programming|software)\b"
)
AI = re.compile(
    r"\b(artificial intelligence|machine learning|yapay zeka|deep learning|generative ai|"
    r"\bai\b|kunstliche intelligenz|intelligence artificielle)\b"
)


def check(facts: DocumentFacts, m: MobilityLike) -> Report:
    report, reading, period = common_checks(facts, m, KIND, paper="letter", certificate=False)
    text = reading.folded
    report.fields = common_fields(reading, m, period) | {
        "digital_skills": bool(DIGITAL.search(text)),
        "artificial_intelligence": bool(AI.search(text)),
    }
    return report
