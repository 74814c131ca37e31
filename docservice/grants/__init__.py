"""The grant engine: rate tables as data, distance bands, and the calculation (domain.md §2–4)."""

from docservice.grants.calculate import Breakdown, Notice, calculate
from docservice.grants.explain import to_dict, trace
from docservice.grants.places import Gazetteer, Place, distance_km
from docservice.grants.policy import Policy
from docservice.grants.tables import TableSet, load_tables

__all__ = [
    "Breakdown",
    "Gazetteer",
    "Notice",
    "Place",
    "Policy",
    "TableSet",
    "calculate",
    "distance_km",
    "load_tables",
    "to_dict",
    "trace",
]
