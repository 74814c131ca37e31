"""Which letter from the host a document is, by its words: an acceptance letter invites or
accepts, a certificate attests what was carried out (in English, Turkish, German or French)."""

from __future__ import annotations

import re

from checkers.phrases import N_, say
from checkers.report import Check, Status

DOCUMENT_WORDS = {
    "acceptance_letter": re.compile(
        r"\b(accept\w*|invit\w*|welcom\w*|pleased to (host|receive)|agree to (host|receive)|"
        r"kabul\w*|davet\w*|einladung|eingeladen)\b"
    ),
    "certificate_of_attendance": re.compile(
        r"\b(certif\w*|attestation|attended|has carried out|carried out|completed|"
        r"participated|took part|confirm\w* (that|the) (participation|attendance|stay)|"
        r"katilim belgesi|katilmistir|gerceklestirmistir|tamamlamistir|teilgenommen|"
        r"bescheinig\w*)\b"
    ),
}
DOCUMENT_NAMES = {
    "acceptance_letter": N_("an acceptance letter"),
    "certificate_of_attendance": N_("a certificate of attendance"),
}


def check_document_type(folded: str, sure: bool, kind: str) -> Check:
    """The document is what it is uploaded as: an acceptance letter is not a certificate.
    ``folded``: its text as ``fold`` makes it; ``sure``: an absence is proof."""
    text = folded
    if DOCUMENT_WORDS[kind].search(text):
        return Check(
            "document_type",
            Status.PASS,
            say("The document reads as %(kind)s.", kind=say(DOCUMENT_NAMES[kind])),
        )
    other = next(
        (k for k, words in DOCUMENT_WORDS.items() if k != kind and words.search(text)), None
    )
    if other is not None or sure:
        wanted = say(DOCUMENT_NAMES[kind])
        return Check(
            "document_type",
            Status.FAIL,
            say(
                "The document does not read as %(kind)s; it reads as %(other)s.",
                kind=wanted,
                other=say(DOCUMENT_NAMES[other]),
            )
            if other
            else say("The document does not read as %(kind)s.", kind=wanted),
            say("Upload %(kind)s here.", kind=wanted),
        )
    return Check(
        "document_type",
        Status.REVIEW,
        say("Could not tell whether this is %(kind)s.", kind=say(DOCUMENT_NAMES[kind])),
    )
