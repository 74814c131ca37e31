"""Payments as officers record them: the prefinancing and the balance paid to a participant, and
an amount recovered from one. The dossier's state and its final balance follow what was paid,
never what was planned. A mistaken entry is cancelled with a reason and stays listed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from docservice.access import audit
from docservice.clock import iso_utc, utc_now
from docservice.dossier.records import Actor, mobility_row
from docservice.errors import Conflict, InputError, NotFound, say
from docservice.storage.models import MobilityRow, PaymentRow

PREFINANCING, BALANCE, RECOVERY = "prefinancing", "balance", "recovery"
KINDS = (PREFINANCING, BALANCE, RECOVERY)
MAX_AMOUNT = Decimal("100000")  # more than any single Erasmus+ grant: a typing mistake
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Paid:
    """What a dossier's payments (those not cancelled) add up to."""

    prefinancing: Decimal = Decimal(0)
    balance: Decimal = Decimal(0)
    recovered: Decimal = Decimal(0)

    @property
    def net(self) -> Decimal:
        """Paid to the participant, less what came back."""
        return self.prefinancing + self.balance - self.recovered

    @property
    def settling(self) -> bool:
        """A balance was paid or an amount recovered: the dossier's account was settled."""
        return bool(self.balance or self.recovered)


def paid(rows: list[PaymentRow]) -> Paid:
    live = [r for r in rows if r.cancelled_at is None]
    return Paid(
        *(sum((Decimal(r.amount) for r in live if r.kind == kind), Decimal(0)) for kind in KINDS)
    )


def euros_text(value: object) -> str:
    """An amount as an office types it (``1.080,00``, ``1,080.00``, ``864``, ``€ 864,5``) in
    the digits a number is read from (``1080.00``)."""
    text = str(value)[:40].strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
    if "," in text and "." in text:  # 1.080,00 (Turkish) or 1,080.00 (English)
        text = (
            text.replace(".", "").replace(",", ".")
            if text.rfind(",") > text.rfind(".")
            else text.replace(",", "")
        )
    elif re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):  # 1.080 or 1,080: thousands, no cents
        text = re.sub(r"[.,]", "", text)
    return text.replace(",", ".")


def amount_of(value: object) -> Decimal:
    """An amount in euros as an office types it (``864``, ``864.00``, ``864,00``)."""
    text = euros_text(value)
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise InputError(
            say(
                "The amount %(value)s is not a number of euros; write it as 864 or 864,00.",
                value=repr(value),
            )
        ) from None
    if not amount.is_finite() or amount <= 0 or amount > MAX_AMOUNT:
        raise InputError(
            say("The amount must be more than 0 and at most %(most)s euros.", most=MAX_AMOUNT)
        )
    if amount != amount.quantize(CENT):
        raise InputError(say("The amount has at most two decimals (cents)."))
    return amount.quantize(CENT)


def day_of(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(
            say(
                "The payment date %(value)s is not a date; write it as 2025-03-01.",
                value=repr(value),
            )
        ) from None


class Payments:
    """The payments table."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def of(self, mobility_id: str) -> list[PaymentRow]:
        with self.sessions() as session:
            return list(
                session.scalars(
                    select(PaymentRow)
                    .where(PaymentRow.mobility_id == mobility_id)
                    .order_by(PaymentRow.paid_on, PaymentRow.id)
                )
            )

    def record(
        self,
        mobility_id: str,
        kind: str,
        amount: Decimal,
        paid_on: dt.date,
        bank_reference: str | None,
        actor: Actor,
    ) -> PaymentRow:
        if kind not in KINDS:
            raise InputError(f"A payment is one of {', '.join(KINDS)}, not {kind!r}.")
        if paid_on > utc_now().date():
            raise InputError(say("The payment date is in the future; record a payment once made."))
        with self.sessions.begin() as session:
            mobility_row(session, mobility_id)
            same = session.scalars(
                select(PaymentRow).where(
                    PaymentRow.mobility_id == mobility_id,
                    PaymentRow.kind == kind,
                    PaymentRow.cancelled_at.is_(None),
                )
            ).first()
            if same is not None:
                raise Conflict(
                    say(
                        "This payment is already recorded for this mobility (%(amount)s € on "
                        "%(day)s); cancel it first if it was wrong.",
                        amount=same.amount,
                        day=same.paid_on,
                    )
                )
            row = PaymentRow(
                mobility_id=mobility_id,
                kind=kind,
                amount=amount,
                paid_on=paid_on,
                bank_reference=(bank_reference or "").strip()[:120] or None,
                recorded_by=actor.label,
                recorded_at=utc_now(),
            )
            session.add(row)
            audit.record(
                session,
                actor.label,
                "payment.recorded",
                mobility_id=mobility_id,
                subject=kind,
                remote_addr=actor.remote_addr,
                amount=str(amount),
                paid_on=paid_on.isoformat(),
            )
        return row

    def cancel(self, mobility_id: str, payment_id: int, reason: str, actor: Actor) -> PaymentRow:
        if not reason.strip():
            raise InputError(say("Say why the payment entry is cancelled (the reason is kept)."))
        with self.sessions.begin() as session:
            row = session.get(PaymentRow, payment_id)
            if row is None or row.mobility_id != mobility_id:
                raise NotFound(
                    f"This mobility has no payment {payment_id}.", code="unknown_payment"
                )
            if row.cancelled_at is None:
                row.cancelled_at, row.cancelled_by = utc_now(), actor.label
                row.cancel_reason = reason.strip()
                audit.record(
                    session,
                    actor.label,
                    "payment.cancelled",
                    mobility_id=mobility_id,
                    subject=row.kind,
                    remote_addr=actor.remote_addr,
                    payment=payment_id,
                    reason=reason.strip(),
                )
        return row

    def between(self, first: dt.date, last: dt.date) -> list[tuple[PaymentRow, MobilityRow]]:
        """The payments made from ``first`` to ``last`` (both included), not cancelled."""
        with self.sessions() as session:
            rows = session.execute(
                select(PaymentRow, MobilityRow)
                .join(MobilityRow, MobilityRow.id == PaymentRow.mobility_id)
                .where(
                    PaymentRow.paid_on >= first,
                    PaymentRow.paid_on <= last,
                    PaymentRow.cancelled_at.is_(None),
                )
                .order_by(PaymentRow.paid_on, PaymentRow.id)
            )
            return [(p, m) for p, m in rows]


def period(first: str | None, last: str | None) -> tuple[dt.date, dt.date]:
    """A period's first and last days as given (both included); this month by default."""
    today = utc_now().date()
    start = day_of(first or today.replace(day=1))
    end = day_of(last or today)
    if end < start:
        raise InputError(say("The period ends before it starts; swap its first and last days."))
    return start, end


def bank_rows(pairs: list[tuple[PaymentRow, MobilityRow]]) -> list[dict[str, Any]]:
    """Payments as the bank's sheet lists them: day, name, IBAN, amount, kind, reference."""
    out = []
    for payment, mobility in pairs:
        person = mobility.record.get("participant", {})
        out.append(
            {
                "paid_on": payment.paid_on.isoformat(),
                "name": " ".join(
                    str(person[k]) for k in ("given_names", "surname") if person.get(k)
                ),
                "iban": person.get("iban") or "",
                "amount": float(payment.amount),
                "currency": "EUR",
                "kind": payment.kind,
                "reference": mobility.reference,
                "bank_reference": payment.bank_reference or "",
            }
        )
    return out


def payment_dict(row: PaymentRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "kind": row.kind,
        "amount": float(row.amount),
        "currency": "EUR",
        "paid_on": row.paid_on.isoformat(),
        "bank_reference": row.bank_reference,
        "recorded_by": row.recorded_by,
        "recorded_at": iso_utc(row.recorded_at),
        "cancelled": row.cancelled_at is not None,
        "cancel_reason": row.cancel_reason,
    }
