"""One application's score under a rule set: whether it is eligible, its base and every point
added or taken away, with a note for each claim that earned nothing and why."""

from __future__ import annotations

from dataclasses import dataclass, field

from docservice.errors import Country, Number, Phrase, say
from docservice.selection import words
from docservice.selection.applications import Application
from docservice.selection.rules import Points, RuleSet


@dataclass
class Assessment:
    score: float | None  # None: not eligible
    parts: dict[str, float] = field(default_factory=dict)
    base: float | None = None
    notes: list[Phrase] = field(default_factory=list)
    ineligible: Phrase | None = None


def _number(value: float) -> Number:
    return Number(value)


def _base(app: Application, rules: RuleSet, a: Assessment) -> tuple[str, float] | None:
    abroad = rules.language.degree_abroad
    if app.language_score is not None:
        if app.degree_abroad and abroad is not None and app.language_score < abroad:
            a.notes.append(
                say(
                    "the exam's %(score)s counts: a degree abroad counts as %(abroad)s only "
                    "when no exam result is given",
                    score=_number(app.language_score),
                    abroad=_number(abroad),
                )
            )
        return "language", app.language_score
    if app.degree_abroad and abroad is not None:
        return "degree_abroad", abroad
    return None


def assess(app: Application, rules: RuleSet) -> Assessment:
    a = Assessment(score=None)
    allowed = rules.eligible.get(app.activity)  # type: ignore[call-overload]
    if allowed is None:
        a.ineligible = say(
            "this call has no %(activity)s mobility", activity=words.activity(app.activity)
        )
        return a
    if app.category not in allowed:
        a.ineligible = say(
            "%(category)s staff cannot apply for %(activity)s in this call",
            category=words.category(app.category),
            activity=words.activity(app.activity),
        )
        return a
    countries = rules.places.country
    if countries and app.host_country not in countries:
        a.ineligible = say(
            "this call has no places in %(country)s", country=Country(app.host_country)
        )
        return a
    base = _base(app, rules, a)
    if base is None:
        a.ineligible = say("no language score, and no degree completed abroad")
        return a
    kind, value = base
    if value < rules.language.minimum:
        a.ineligible = say(
            "the language score %(score)s is below the minimum of %(minimum)s",
            score=_number(value),
            minimum=_number(rules.language.minimum),
        )
        return a
    a.base = value
    a.parts[kind] = value
    for points in rules.points:
        if _applies(points, app, a, rules):
            a.parts[points.id] = points.points
    for claim in sorted(app.claims - {p.claim for p in rules.points if p.claim}):
        a.notes.append(say("%(claim)s: this rule set gives it no points", claim=words.part(claim)))
    a.score = round(sum(a.parts.values()), 2)
    return a


def _applies(points: Points, app: Application, a: Assessment, rules: RuleSet) -> bool:
    """Whether ``points`` apply; a claim that earns nothing says why in ``a.notes``."""
    claimed = points.claim is not None
    if claimed and points.claim not in app.claims:
        return False

    def refuse(why: Phrase) -> bool:
        if claimed:
            a.notes.append(
                say("%(claim)s earns nothing: %(why)s", claim=words.part(points.id), why=why)
            )
        return False

    if points.category and app.category != points.category:
        return refuse(say("only for %(category)s staff", category=words.category(points.category)))
    if points.activity and app.activity != points.activity:
        return refuse(
            say("only in a %(activity)s mobility", activity=words.activity(points.activity))
        )
    if points.host_is_citizenship and app.citizenship != app.host_country:
        return False
    if points.needs and points.needs not in app.claims:
        return refuse(
            say("only with an acceptance letter given at application")
            if points.needs == "acceptance_letter"
            else say("only together with %(claim)s", claim=words.part(points.needs))
        )
    if (
        points.letter_says
        and app.letter is not None
        and app.letter.get(points.letter_says) is not True
    ):
        topic = words.part(points.letter_says)
        return refuse(say("the acceptance letter does not mention %(topic)s", topic=topic))
    if (
        points.claim == "acceptance_letter"
        and app.letter is not None
        and app.letter.get("for_applicant") is False
    ):
        return refuse(say("the acceptance letter names another person"))
    if points.claim == "acceptance_letter" and rules.letters.at_application_partners_only:
        return _from_partner(app, a)
    return True


def _from_partner(app: Application, a: Assessment) -> bool:
    """A letter given at application counts only from a partner institution."""
    if app.partner is None:
        a.notes.append(
            say(
                "acceptance letter at application: whether the host is a partner institution "
                "was not checked (no partner list)"
            )
        )
        return True
    if app.partner is False:
        host = app.host_institution or app.host_erasmus_code or "?"
        why = say(
            "%(host)s is not one of the call's partner institutions; a letter given at "
            "application counts only from a partner",
            host=host,
        )
        claim = words.part("acceptance_letter")
        a.notes.append(say("%(claim)s earns nothing: %(why)s", claim=claim, why=why))
        return False
    return True
