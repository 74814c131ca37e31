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
        return {
            f.name: float(v) if isinstance(v := getattr(self, f.name), Decimal) else v
            for f in fields(self)
        }
