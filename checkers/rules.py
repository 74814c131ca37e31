"""Programme rules the checkers and the grant engine share."""

from __future__ import annotations

import math

TEACHING_HOURS_PER_WEEK = 8


def required_teaching_hours(activity_days: int) -> int:
    """At least 8 hours a week, pro rata for the days of an incomplete week beyond the first."""
    if activity_days <= 7:
        return TEACHING_HOURS_PER_WEEK
    return math.ceil(TEACHING_HOURS_PER_WEEK * activity_days / 7)
