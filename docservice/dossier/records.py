"""What the dossier's stores share: who acts, the states of an upload, a mobility's row."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy.orm import Session

from docservice.dossier.checklist import ItemStatus
from docservice.errors import NotFound
from docservice.storage.models import MobilityRow

# Statuses of an upload row: a checklist item's (checklist.ItemStatus), and "stored" for a kind
# an officer checks, shown as "review".
QUEUED, CHECKING, PASSED, FAILED, REVIEW = (
    ItemStatus.QUEUED,
    ItemStatus.CHECKING,
    ItemStatus.PASSED,
    ItemStatus.FAILED,
    ItemStatus.REVIEW,
)
STORED = "stored"
VERDICT_STATUS = {"pass": PASSED, "fail": FAILED, "review": REVIEW}
# Dossier states in which the final grant is settled (view.READY_FOR_BALANCE, view.TO_RECOVER,
# view.CLOSED).
SETTLED = ("ready_for_balance", "to_recover", "closed")


@dataclass(frozen=True)
class Actor:
    """Who does something, as the audit log names them."""

    label: str  # "office:alice", "integration:e-belge", "participant:<id>", "worker", "cli"
    remote_addr: str | None = None


def new_id() -> str:
    return secrets.token_hex(8)


def mobility_row(session: Session, mobility_id: str) -> MobilityRow:
    row = session.get(MobilityRow, mobility_id)
    if row is None:
        raise NotFound(f"There is no mobility {mobility_id!r}.", code="unknown_mobility")
    return row
