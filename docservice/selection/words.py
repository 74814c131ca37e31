"""What people call the selection's codes (categories, activities, claims, the parts of a
score), in any language: each is a phrase of the translators' catalogue. A points id an office
invents in its own rule set has no phrase and is shown as the office wrote it."""

from __future__ import annotations

from docservice.errors import Phrase, say


def category(code: str) -> Phrase | str:
    if code == "academic":
        return say("academic")
    if code == "administrative":
        return say("administrative")
    return code


def activity(code: str) -> Phrase | str:
    if code == "teaching":
        return say("teaching")
    if code == "training":
        return say("training")
    return code


def part(code: str) -> Phrase | str:
    """A claim, or a part of a score (interface §6's ``parts``)."""
    words = {
        "language": say("language score"),
        "degree_abroad": say("degree completed abroad"),
        "administrative_training": say("administrative staff in training"),
        "digital_skills": say("digital skills"),
        "artificial_intelligence": say("artificial intelligence"),
        "disability": say("disability"),
        "veteran_family": say("veteran or martyr's family"),
        "disaster_victim": say("disaster victim (AFAD)"),
        "acceptance_letter": say("acceptance letter at application"),
        "own_country": say("to the country of citizenship"),
        "no_show": say("earlier no-show"),
    }
    return words.get(code, code)
