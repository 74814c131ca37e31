"""A participant's own link (the page to upload their documents), made, and e-mailed in the
participant's language (the record's ``participant.language``, Turkish by default), kept in
the outbox and sent by a worker through the institution's SMTP server."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from docservice.access.auth import TokenStore
from docservice.background.mail import Mailer, checked_address
from docservice.clock import iso_utc
from docservice.dossier.store import DossierStore
from docservice.formatting import LANGS, Lang
from docservice.formatting import date as day_of
from docservice.generation.institution import InstitutionProfile
from docservice.generation.qr import qr_png
from docservice.messaging import texts
from docservice.settings import Settings


def participant_language(record: dict[str, Any]) -> Lang:
    said = str((record.get("participant") or {}).get("language") or "tr").lower()[:2]
    return next((lang for lang in LANGS if lang == said), "tr")


@dataclass(frozen=True)
class Link:
    url: str
    token: str
    expires_at: str | None


@dataclass(frozen=True)
class ParticipantLinks:
    """The participants' links: made (the older one stops working) and, when asked, e-mailed.
    Wired once with the service's parts (``services.workflow``)."""

    store: DossierStore
    tokens: TokenStore
    mailer: Mailer
    settings: Settings
    institution: InstitutionProfile

    def make(self, mobility_id: str, by: str) -> Link:
        row = self.store.get(mobility_id)
        token, token_row = self.tokens.participant_link(
            mobility_id,
            row.reference,
            valid_days=self.settings.participant_link_days,
            actor=by,
        )
        return Link(f"{self.settings.public_url}/p/{token}", token, iso_utc(token_row.expires_at))

    def email(self, mobility_id: str, by: str) -> dict[str, Any]:
        """A new link e-mailed to the participant's address on the record: the outbox's entry
        (``email``), the link and when it ends. An input error when the record has no usable
        address (and the older link still works)."""
        record = self.store.get(mobility_id).record
        participant = record.get("participant") or {}
        address = checked_address(participant.get("email"))  # before the old link is revoked
        link = self.make(mobility_id, by)
        lang = participant_language(record)
        profile = self.institution
        start = dt.date.fromisoformat(str(record.get("start_date")))
        end = dt.date.fromisoformat(str(record.get("end_date")))
        body = texts.body(
            "participant_link",
            lang,
            given=participant.get("given_names", ""),
            office=profile.office(lang),
            institution=profile.name(lang),
            host=(record.get("receiving") or {}).get("institution", ""),
            dates=f"{day_of(start, lang)} – {day_of(end, lang)}",
            link=link.url,
            days=max(1, round(self.settings.participant_link_days)),
            reference=record.get("reference", ""),
            contact=profile.contact_email or profile.email,
        )
        sent = self.mailer.send(
            kind="participant_link",
            to=address,
            subject=texts.subject("participant_link", lang),
            body=body,
            lang=lang,
            by=by,
            mobility_id=mobility_id,
            attachments=[("erasmus-link.png", "image/png", qr_png(link.url))],  # for a phone
        )
        return {"email": sent, "url": link.url, "expires_at": link.expires_at}
