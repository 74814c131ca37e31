"""Work a worker holds under a lease (a check of an upload, a batch job): the row says until
when; a worker that stops renewing it loses the work to the next that looks. The rules of
taking and of finding work left behind, written once for every table that has them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, or_


def takeable(model: Any, queued: str, running: str, now: dt.datetime) -> ColumnElement[bool]:
    """A row a worker may take: queued, or running on a worker whose lease ran out."""
    return or_(model.status == queued, (model.status == running) & (model.lease_until < now))


def left_behind(
    model: Any,
    queued: str,
    running: str,
    now: dt.datetime,
    queued_since: Any,
    queued_for: dt.timedelta,
) -> ColumnElement[bool]:
    """A row to queue again: running on a worker whose lease ran out (it stopped), or queued
    since ``queued_since`` longer than ``queued_for`` without a worker taking it (the queue
    lost its message)."""
    return or_(
        (model.status == running) & (model.lease_until < now),
        (model.status == queued) & (queued_since < now - queued_for),
    )
