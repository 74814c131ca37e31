"""The grant engine as the service and the command line hold it: tables, gazetteer and policy."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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

    @classmethod
    def from_paths(
        cls, rates_dir: Path | None = None, policy_file: Path | None = None
    ) -> GrantEngine:
        tables = load_tables([rates_dir] if rates_dir else [])
        policy = Policy.from_file(policy_file) if policy_file else Policy()
        return cls(tables=tables, policy=policy)

    def calculate(self, mobility: Mobility, *, force_majeure: bool = False) -> Breakdown:
        return calculate(
            mobility, self.tables, self.gazetteer, self.policy, force_majeure=force_majeure
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
