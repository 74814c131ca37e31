"""The e-Devlet "Yurda Giriş-Çıkış Kayıtları" record (domain §6): since the EU's Entry/Exit
System, Schengen borders no longer stamp passports, and offices accept this PDF instead.

It is recognised by its title, its holder compared with the participant, its table of crossings
(date, exit or entry, gate) read row by row, and its verification code, printed and in the
symbol in the corner: the two must agree, since an edited print keeps the original symbol. The
crossings then face the journey rule (``crossings.journey_checks``).
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from checkers import Kind
from checkers.crossings import ENTRY, EXIT, Crossing, journey_checks, journey_dates
from checkers.dates import compact_dates_in
from checkers.facts.model import DocumentFacts, Line, PageFacts, Word
from checkers.facts.symbols import Symbol, read_symbols
from checkers.letters import absence_is_proof, after_label, line_evidence, name_check
from checkers.mobility import MobilityLike
from checkers.names import (
    Match,
    NameFound,
    compare_labelled,
    find_name,
    labelled_name,
    plausible_misreading,
)
from checkers.phrases import say
from checkers.report import Check, Evidence, Report, Status
from checkers.text import fold
from checkers.travel import TravelRule

KIND = Kind.ENTRY_EXIT_RECORD
VERIFY_AT = "https://www.turkiye.gov.tr/belge-dogrulama"
TITLE = re.compile(
    r"\b(yurda giris cikis|giris cikis kayit|giris ve cikis kayit|entry exit record|"
    r"entry and exit record|yurt disina cikis ve giris)"
)
DIRECTIONS = {
    EXIT: re.compile(r"\b(cikis|cikti|exit|departure|out)\b"),
    ENTRY: re.compile(r"\b(giris|girdi|entry|arrival|in)\b"),
}
DIRECTION_WORDS = re.compile(r"(?i)\b(g[iİıI]r[iİıI][sş]|[cç][iİıI]k[iİıI][sş]|exit|entry)\b")
CODE_LABEL = re.compile(
    r"\b(dogrulama kodu|barkod numarasi|barkod no|belge dogrulama|verification code|barkod)\b"
)
CODE = re.compile(
    r"(?<![A-Z0-9])(?=[A-Z0-9-]*[A-Z])([A-Z0-9]{2,8}(?:-[A-Z0-9]{2,8}){2,6})(?![A-Z0-9])"
)


def _direction(text: str) -> str | None:
    folded = fold(text)
    found = [d for d, pattern in DIRECTIONS.items() if pattern.search(folded)]
    return found[0] if len(found) == 1 else None


def rows(page: PageFacts) -> list[Line]:
    """The page's words grouped into rows by where they sit, not by OCR's blocks: a table's
    columns read as separate blocks still make one row."""
    ordered = sorted(page.words, key=lambda w: (w.box[1] + w.box[3]) / 2)
    out: list[list[Word]] = []
    for word in ordered:
        middle, height = (word.box[1] + word.box[3]) / 2, word.box[3] - word.box[1]
        if out:
            last = out[-1]
            last_middle = sum((w.box[1] + w.box[3]) / 2 for w in last) / len(last)
            if abs(middle - last_middle) <= max(height, 1.0) * 0.6:
                last.append(word)
                continue
        out.append([word])
    return [Line(tuple(sorted(ws, key=lambda w: w.box[0]))) for ws in out]


def read_crossings(facts: DocumentFacts, m: MobilityLike) -> list[Crossing]:
    """One crossing per table row: a row with a date and exactly one direction."""
    out = []
    for page in facts.pages:
        for line in rows(page):
            text = line.text
            dates = compact_dates_in(text, m.start_date)
            direction = _direction(text)
            if not dates or direction is None:
                continue
            date, span = dates[0]
            rest = re.sub(DIRECTION_WORDS, " ", text[span[1] :])
            gate = re.sub(r"^[\s\d:|/-]+", "", re.sub(r"\s+", " ", rest)).strip(" |-")
            out.append(Crossing(date, direction, "TR", gate or None, line_evidence(page, line)))
    return out


def _holder(facts: DocumentFacts, m: MobilityLike) -> NameFound:
    """The holder: the participant's name where written, else the name under the record's
    labels ("Adı Soyadı", or "Adı" and "Soyadı" on lines of their own)."""
    p = m.participant
    found = find_name(facts, p.given_names, p.surname)
    if found.match in (Match.EXACT, Match.OCR):
        return found
    labelled = labelled_name(facts)
    if labelled is None:
        return found
    return compare_labelled(labelled, p.given_names, p.surname, ocr=labelled.page.source == "ocr")


def read_code(facts: DocumentFacts) -> tuple[str | None, Evidence, bool]:
    """The printed verification code (on the line of its label, or the next line), where it
    is, and whether OCR read it."""
    for page, line in after_label(facts, CODE_LABEL):
        found = CODE.search(line.text.upper())
        if found:
            return found.group(1), line_evidence(page, line), page.source == "ocr"
    return None, Evidence(), False


def check_code(
    code: str | None, where: Evidence, symbols: list[Symbol], *, by_ocr: bool = False
) -> tuple[Check, str | None]:
    """The ``verification_code`` check and the code itself (the symbol's when OCR misread one
    letter of the print)."""
    in_symbols = [s for s in symbols if CODE.search(s.text.upper())]
    symbol_codes = {CODE.search(s.text.upper()).group(1) for s in in_symbols}  # type: ignore[union-attr]
    if code is not None and by_ocr and code not in symbol_codes:
        # OCR may misread a letter of the print (one, the e-Devlet check would catch any
        # edit); the symbol holds the code itself
        close = [
            c
            for c in symbol_codes
            if plausible_misreading(code.lower(), c.lower()) or Levenshtein.distance(code, c) == 1
        ]
        if close:
            code = close[0]
    if code is None and not symbol_codes:
        return Check(
            "verification_code",
            Status.FAIL,
            say("No e-Devlet verification code was found on the record."),
            hint=say(
                "Upload the record as e-Devlet issues it, with its barcode and verification code."
            ),
        ), None
    if code is not None and symbol_codes and code not in symbol_codes:
        return Check(
            "verification_code",
            Status.FAIL,
            say(
                "The printed verification code %(code)s is not the one in the symbol "
                "(%(symbol)s): the print was changed.",
                code=code,
                symbol=", ".join(sorted(symbol_codes)),
            ),
            hint=say("Ask for the record as e-Devlet issued it."),
            evidence=(where,),
        ), code
    shown = code or sorted(symbol_codes)[0]
    return Check(
        "verification_code",
        Status.PASS,
        say(
            "Verification code %(code)s printed and in the symbol; the office can confirm it at "
            "%(at)s.",
            code=shown,
            at=VERIFY_AT,
        )
        if code and symbol_codes
        else say(
            "Verification code %(code)s printed; the office can confirm it at %(at)s.",
            code=shown,
            at=VERIFY_AT,
        ),
        evidence=(where,) if code else (),
    ), shown


def check(facts: DocumentFacts, m: MobilityLike, rule: TravelRule | None = None) -> Report:
    rule = rule or TravelRule()
    report = Report(KIND, pages=len(facts.pages), sources=facts.sources)
    folded = fold(facts.text)
    sure = absence_is_proof(facts)
    crossings = read_crossings(facts, m)
    code, code_at, by_ocr = read_code(facts)
    symbols = read_symbols(facts)
    holder = _holder(facts, m)
    if TITLE.search(folded):
        report.add(Check("document_type", Status.PASS, say("An e-Devlet entry/exit record.")))
    else:
        report.add(
            Check(
                "document_type",
                Status.FAIL if sure else Status.REVIEW,
                say('This is not the e-Devlet entry/exit record ("Yurda Giriş-Çıkış Kayıtları").'),
                hint=say(
                    "Download it from e-Devlet (turkiye.gov.tr, Emniyet Genel Müdürlüğü, "
                    "Yurda Giriş-Çıkış Kayıtları Sorgulama) and upload the PDF."
                ),
            )
        )
    report.add(name_check(holder, m, sure=sure))
    code_check, code = check_code(code, code_at, symbols, by_ocr=by_ocr)
    report.add(code_check)
    report.extend(journey_checks(crossings, m, rule, what=say("the record")))
    report.fields = {
        "holder": holder.text or None,
        "crossings": [
            {
                "date": c.date.isoformat() if c.date else None,
                "direction": c.direction,
                "gate": c.place,
            }
            for c in crossings
        ],
        "verification_code": code,
        **journey_dates(crossings, m, rule),
    }
    return report
