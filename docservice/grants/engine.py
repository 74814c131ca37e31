"""The grant engine as the service and the command line hold it: tables, gazetteer and policy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from checkers.travel import Place, TravelRule
from docservice.errors import UnknownPlace
from docservice.grants.calculate import Breakdown, calculate
from docservice.grants.places import Gazetteer
from docservice.grants.policy import Policy
from docservice.grants.tables import TableSet, load_tables
from docservice.mobility import Mobility


@dataclass
class GrantEngine:
    tables: TableSet
    policy: Policy = field(default_factory=Policy)
    gazetteer: Gazetteer = field(default_factory=Gazetteer)
    # a project's own policy keys (seed 003: KA103 paying 2-4 days), by the project's number
    project_policy: Callable[[str], dict[str, Any]] | None = None

    @classmethod
    def from_paths(
        cls, rates_dir: Path | None = None, policy_file: Path | None = None
    ) -> GrantEngine:
        tables = load_tables([rates_dir] if rates_dir else [])
        policy = Policy.from_file(policy_file) if policy_file else Policy()
        return cls(tables=tables, policy=policy)

    def policy_for(self, mobility: Mobility) -> Policy:
        """The institution's policy, with the keys the mobility's project sets for itself."""
        number = (mobility.model_extra or {}).get("project")
        if not isinstance(number, str) or self.project_policy is None:
            return self.policy
        own = self.project_policy(number.strip().upper())
        if not own:
            return self.policy
        values: dict[str, Any] = {
            key: Decimal(str(value)) if key == "prefinancing_share" else int(value)
            for key, value in own.items()
        }
        return replace(self.policy, **values)

    def calculate(self, mobility: Mobility, *, force_majeure: bool = False) -> Breakdown:
        return calculate(
            mobility,
            self.tables,
            self.gazetteer,
            self.policy_for(mobility),
            force_majeure=force_majeure,
        )

    def travel_rule(self, mobility: Mobility) -> TravelRule:
        """Where the journey of a mobility goes and when, for the travel checks. A city the
        gazetteer does not know leaves the route to an officer, not the whole check."""
        ends: list[Place | None] = []
        for side in (mobility.sending, mobility.receiving):
            try:
                found = self.gazetteer.place(side.city, side.country, side.lat, side.lon)
                ends.append(Place(found.name, found.lat, found.lon))
            except UnknownPlace:
                ends.append(None)
        return TravelRule(
            home=ends[0],
            host=ends[1],
            days_before=self.policy.travel_days_before,
            days_after=self.policy.travel_days_after,
            radius_km=float(self.policy.airport_radius_km),
        )
