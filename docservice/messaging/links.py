"""A participant's own link by e-mail (the page to upload their documents), in
the participant's language (the record's ``participant.language``, Turkish by default), kept in
the outbox and sent by a worker through the institution's SMTP server."""

from __future__ import annotations

import datetime as dt
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


def email_link(
    store: DossierStore,
    tokens: TokenStore,
    mailer: Mailer,
    mobility_id: str,
    *,
    settings: Settings,
    institution: InstitutionProfile,
    by: str,
) -> dict[str, Any]:
    """A new participant link (the older one stops working), e-mailed to the participant's
    address on the record: the outbox's entry (``email``), the link and when it ends. An input
    error when the record has no usable address (and the older link still works)."""
    row = store.get(mobility_id)
    record = row.record
    participant = record.get("participant") or {}
    address = checked_address(participant.get("email"))  # before the old link is revoked
    actor = by
    token, token_row = tokens.participant_link(
        mobility_id, row.reference, valid_days=settings.participant_link_days, actor=actor
    )
    url = f"{settings.public_url}/p/{token}"
    lang = participant_language(record)
    profile = institution
    receiving = record.get("receiving") or {}
    start = dt.date.fromisoformat(str(record.get("start_date")))
    end = dt.date.fromisoformat(str(record.get("end_date")))
    subject = texts.subject("participant_link", lang)
    body = texts.body(
        "participant_link",
        lang,
        given=participant.get("given_names", ""),
        office=profile.office(lang),
        institution=profile.name(lang),
        host=receiving.get("institution", ""),
        dates=f"{day_of(start, lang)} – {day_of(end, lang)}",
        link=url,
        days=max(1, round(settings.participant_link_days)),
        reference=row.reference,
        contact=profile.contact_email or profile.email,
    )
    sent = mailer.send(
        kind="participant_link",
        to=address,
        subject=str(subject),
        body=body,
        lang=lang,
        by=actor,
        mobility_id=mobility_id,
        attachments=[("erasmus-link.png", "image/png", qr_png(url))],  # to open it on a phone
    )
    return {"email": sent, "url": url, "expires_at": iso_utc(token_row.expires_at)}
