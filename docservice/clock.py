"""Time as the service stores it: UTC, always with its offset when shown."""

from __future__ import annotations

import datetime as dt


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def aware(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; they are UTC."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


def iso_utc(moment: dt.datetime | None) -> str | None:
    """ISO 8601 with the UTC offset, or None."""
    return aware(moment).isoformat() if moment is not None else None
