"""An institution's own grant policy: the settings an office may change, with the seeds' defaults.

A policy file is TOML with any of the keys below, e.g.::

    prefinancing_share = 0.8
    staff_min_days = 5
    staff_max_funded_days = 7      # pay at most 7 days (activity + travel); absent: no cap
    student_min_days = 60
    student_max_months = 5        # "kısmi hibelendirme": fund at most 5 months; absent: no cap
    travel_days_before = 2        # an outbound flight may leave up to 2 days before the start
    travel_days_after = 2         # a return flight may leave up to 2 days after the end
    airport_radius_km = 200       # airports this close to a city serve it (Lund: Copenhagen)
    payment_bank = "00010"        # grants are paid into a Turkish account at this bank only
    payment_bank_name = "Ziraat Bankası"   # (seed 004: a Ziraat Bankası euro account)
    assignment_days_before_start = 30   # the rectorate assignment, a month before (seed 004)
    documents_days_before_start = 0     # the other documents before departure: by the first day
    return_days_after_end = 30          # the certificate and the travel documents after return
    survey_days_after_end = 30          # the EU Survey (the grant agreement: within 30 days)
    reminder_days_before = 7            # e-mail a participant of what is due within 7 days

    [action.KA171]                # the deadlines of one key action, where they differ
    return_days_after_end = 15
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import Decimal
from pathlib import Path
from typing import Any

from docservice.errors import ConfigurationError


@dataclass(frozen=True)
class Policy:
    prefinancing_share: Decimal = Decimal("0.80")
    # The seeds' offices (İTÜ, KTÜ) require 5 consecutive days of activity for staff.
    staff_min_days: int = 5
    staff_max_funded_days: int | None = None
    # Long-term student mobility lasts at least 2 months (60 days as the Beneficiary Module counts).
    student_min_days: int = 60
    student_max_months: int | None = None
    # The journey (domain §6): departures in these windows, from airports this close to the cities.
    travel_days_before: int = 2
    travel_days_after: int = 2
    airport_radius_km: int = 200
    # The bank (its five-digit code in a Turkish IBAN) every grant is paid into, when the
    # institution requires one; absent: any valid IBAN.
    payment_bank: str | None = None
    payment_bank_name: str | None = None
    # Deadlines, in days from the mobility's first or last day (see DEADLINES), and those of a
    # key action where they differ: ((action, ((setting, days), ...)), ...).
    assignment_days_before_start: int = 30
    documents_days_before_start: int = 0
    return_days_after_end: int = 30
    survey_days_after_end: int = 30
    # A participant is reminded (once a day at most) of a document due within these days
    reminder_days_before: int = 7
    action: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()

    def days(self, setting: str, action: str) -> int:
        """A deadline setting for a mobility of ``action``: the action's own, else the policy's."""
        for name, settings in self.action:
            if name == action:
                for key, days in settings:
                    if key == setting:
                        return days
        return int(getattr(self, setting))

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], origin: str = "policy") -> Policy:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ConfigurationError(
                f"{origin}: unknown setting(s) {', '.join(unknown)}; "
                f"known: {', '.join(sorted(known))}."
            )
        settings: dict[str, Any] = {}
        for name, value in values.items():
            if name == "prefinancing_share":
                is_number = isinstance(value, int | float) and not isinstance(value, bool)
                share = Decimal(str(value)) if is_number else None
                if share is None or not Decimal(0) <= share <= Decimal(1):
                    raise ConfigurationError(f"{origin}: prefinancing_share must be from 0 to 1.")
                settings[name] = share
            elif name == "payment_bank":
                if not (isinstance(value, str) and value.isdigit() and len(value) == 5):
                    raise ConfigurationError(
                        f"{origin}: payment_bank is the bank's five-digit code in a Turkish IBAN "
                        '(e.g. "00010" for Ziraat Bankası), written in quotes.'
                    )
                settings[name] = value
            elif name == "action":
                settings[name] = _action_deadlines(value, origin)
            elif name == "payment_bank_name":
                if not isinstance(value, str) or not value.strip():
                    raise ConfigurationError(f"{origin}: payment_bank_name is the bank's name.")
                settings[name] = value.strip()
            elif value is None or (isinstance(value, int) and not isinstance(value, bool)):
                if value is not None and value < 0:
                    raise ConfigurationError(f"{origin}: {name} cannot be negative.")
                settings[name] = value
            else:
                raise ConfigurationError(f"{origin}: {name} must be a whole number.")
        return cls(**settings)

    @classmethod
    def from_file(cls, path: Path) -> Policy:
        try:
            with path.open("rb") as handle:
                values = tomllib.load(handle)
        except OSError as exc:
            raise ConfigurationError(f"Cannot read policy file {path}: {exc.strerror}.") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigurationError(f"Policy file {path} is not valid TOML: {exc}.") from None
        return cls.from_mapping(values, origin=str(path))

    def to_dict(self) -> dict[str, Any]:
        out = {
            f.name: float(v) if isinstance(v := getattr(self, f.name), Decimal) else v
            for f in fields(self)
        }
        out["action"] = {name: dict(settings) for name, settings in self.action}
        return out


DEADLINES = (
    "assignment_days_before_start",
    "documents_days_before_start",
    "return_days_after_end",
    "survey_days_after_end",
)


def _action_deadlines(
    value: Any, origin: str
) -> tuple[tuple[str, tuple[tuple[str, int], ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigurationError(
            f"{origin}: [action.KA171] and the like hold the deadlines of one key action."
        )
    out = []
    for action, settings in value.items():
        wrong = sorted(set(settings) - set(DEADLINES)) if isinstance(settings, dict) else ["?"]
        if wrong:
            raise ConfigurationError(
                f"{origin}: [action.{action}] may set only {', '.join(DEADLINES)}."
            )
        for key, days in settings.items():
            if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 366:
                raise ConfigurationError(
                    f"{origin}: [action.{action}] {key} is a number of days from 0 to 366."
                )
        out.append((str(action), tuple(sorted(settings.items()))))
    return tuple(out)
