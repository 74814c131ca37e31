"""The grant engine as the service and the command line hold it: tables, gazetteer and policy."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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

    def calculate(self, mobility: Mobility) -> Breakdown:
        return calculate(mobility, self.tables, self.gazetteer, self.policy)
