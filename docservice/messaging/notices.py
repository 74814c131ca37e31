"""When docservice e-mails people on its own.

- A document that **failed its check or was rejected**: the participant hears what was wrong
  and what to do, in their language, as the page says it.
- **Reminders**: a participant with a document still to send whose deadline is near (the
  policy's ``reminder_days_before``) or passed hears once a day at most, listing them all.
- The office's **daily digest**: the documents to review, the dossiers ready for a payment and
  the documents late, to the office's address (the institution file's ``contact_email``, else
  its ``email``), once a day.

Each message's outbox row carries a key ("reminder:<dossier>:<day>"), so one notice is made once
however many workers look at the same day. Nothing goes to a record without an address, and
nothing about a dossier that is settled.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from docservice.background.mail import Mailer
from docservice.catalogue import localized
from docservice.dossier import checklist, view
from docservice.dossier.deadlines import LATE, OPEN
from docservice.dossier.service import Dossiers
from docservice.dossier.store import DossierStore
from docservice.errors import DocserviceError, InputError, from_data
from docservice.formatting import Lang
from docservice.formatting import date as day_of
from docservice.generation.institution import InstitutionProfile
from docservice.messaging import texts
from docservice.messaging.links import participant_language
from docservice.settings import Settings

log = logging.getLogger(__name__)
DONE_STATES = ("ready_for_balance", "to_recover", "closed")


class Notices:
    def __init__(
        self,
        store: DossierStore,
        dossiers: Dossiers,
        mailer: Mailer,
        settings: Settings,
        institution: InstitutionProfile,
    ) -> None:
        self.store = store
        self.dossiers = dossiers
        self.mailer = mailer
        self.settings = settings
        self.institution = institution

    # -- after an event ----------------------------------------------------------------------
    def on_event(self, event: str, data: dict[str, Any], mobility_id: str | None) -> None:
        """A document's check failed, or an officer rejected it: tell the participant."""
        failed = event == "document.checked" and data.get("status") == checklist.FAILED
        rejected = event == "document.decided" and data.get("status") == checklist.REJECTED
        if mobility_id and (failed or rejected):
            self.document_failed(mobility_id, str(data.get("kind")), rejected=rejected)

    def document_failed(self, mobility_id: str, kind: str, *, rejected: bool) -> None:
        row = self.store.get(mobility_id)
        record = row.record
        lang = participant_language(record)
        document = self.dossiers.document(mobility_id, kind)
        item = checklist.describe(kind)
        name = (item.title_tr if lang == "tr" else item.title) if item else kind
        reasons = (
            [str((document.get("decision") or {}).get("reason") or "")]
            if rejected
            else [
                _said(c, lang)
                for c in (document.get("report") or {}).get("checks", [])
                if c.get("status") != "pass"
            ]
        )
        upload = (document.get("upload") or {}).get("id")
        self._send(
            "document_failed",
            row,
            lang,
            key=f"document_failed:{upload}:{'rejected' if rejected else 'failed'}",
            subject_values={"document": name},
            document=name,
            rejected=rejected,
            reasons=[r for r in reasons if r],
        )

    # -- once a day --------------------------------------------------------------------------
    def daily(self, today: dt.date) -> int:
        """Reminders to participants and the office's digest for ``today``; how many made."""
        made = 0
        everything, _total = self.store.listing(limit=None)
        late_count, review_count, payable = 0, 0, 0
        for row in everything:
            if row.state in view.PAYABLE:
                payable += 1
            if row.state in DONE_STATES:
                continue
            try:
                d = self.dossiers.assemble(row.id, participant_language(row.record))
            except DocserviceError:
                continue
            review_count += sum(s == checklist.REVIEW for s in d.statuses.values())
            due = [x for x in d.deadlines if x.status in (OPEN, LATE)]
            late_count += sum(x.status == LATE for x in due)
            soon = [
                x
                for x in due
                if x.status == LATE
                or x.days_left(today) <= self.dossiers.grants.policy.reminder_days_before
            ]
            if soon and self._remind(row, d, soon, today):
                made += 1
        if self._digest(today, review_count, late_count, payable):
            made += 1
        return made

    def _remind(self, row: Any, d: view.Dossier, due: list[Any], today: dt.date) -> bool:
        lang = participant_language(row.record)
        lines = []
        for deadline in due:
            item = checklist.describe(deadline.kind)
            name = (item.title_tr if lang == "tr" else item.title) if item else deadline.kind
            lines.append(
                {"name": name, "due": day_of(deadline.due, lang), "late": deadline.status == LATE}
            )
        return self._send(
            "reminder",
            row,
            lang,
            key=f"reminder:{row.id}:{today.isoformat()}",
            documents=lines,
        )

    def _digest(self, today: dt.date, review: int, late: int, payable: int) -> bool:
        if not (review or late or payable):
            return False
        lang: Lang = "tr"
        try:
            self.mailer.send(
                kind="digest",
                to=self.institution.contact_email or self.institution.email,
                subject=texts.subject("digest", lang),
                body=texts.body(
                    "digest",
                    lang,
                    day=day_of(today, lang),
                    review=review,
                    late=late,
                    payable=payable,
                    link=f"{self.settings.public_url}/office/",
                ),
                lang=lang,
                by="worker",
                key=f"digest:{today.isoformat()}",
            )
        except InputError as exc:
            log.warning("the office's digest cannot be sent: %s", exc.message)
            return False
        return True

    def _send(
        self,
        kind: str,
        row: Any,
        lang: str,
        *,
        key: str,
        subject_values: dict[str, Any] | None = None,
        **values: Any,
    ) -> bool:
        participant = row.record.get("participant") or {}
        if not participant.get("email"):
            return False  # no address: the office's pages show what waits
        profile = self.institution
        try:
            self.mailer.send(
                kind=kind,
                to=str(participant["email"]),
                subject=texts.subject(kind, lang, **(subject_values or {})),  # type: ignore[arg-type]
                body=texts.body(
                    kind,
                    lang,  # type: ignore[arg-type]
                    given=participant.get("given_names", ""),
                    office=profile.office(lang),  # type: ignore[arg-type]
                    institution=profile.name(lang),  # type: ignore[arg-type]
                    reference=row.reference,
                    contact=profile.contact_email or profile.email,
                    **values,
                ),
                lang=lang,
                by="worker",
                mobility_id=row.id,
                key=key,
            )
        except InputError:
            return False  # an address the mailer cannot use
        return True


def _said(check: dict[str, Any], lang: str) -> str:
    """A check's message in ``lang`` where its report kept its words, else as it is."""
    words = (check.get("words") or {}).get("message")
    text = (
        str(localized(from_data(words), lang)) if words is not None else str(check.get("message"))
    )
    hint = (check.get("words") or {}).get("hint")
    if hint is not None:
        text += " " + str(localized(from_data(hint), lang))
    return text
