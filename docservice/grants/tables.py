"""Rate tables, country groups, partner regions and travel bands, read from TOML data files.

The shipped files live in ``tables/`` beside this module, one file per table and call year, each
naming its source. An office adds or overrides tables by pointing ``DOCSERVICE_RATES_DIR`` at a
folder of files of the same form; a rate table there with the same ``name`` replaces the shipped
one. Nothing is read at import: :func:`load_tables` reads when called.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from docservice.errors import ConfigurationError, NoRateTable

SHIPPED_DIR = Path(__file__).parent / "tables"
CATEGORIES = ("staff", "student")


@dataclass(frozen=True)
class TravelBand:
    min_km: Decimal
    label: str
    standard: Decimal
    green: Decimal | None  # None: no green top-up in this band, green travellers get ``standard``

    def amount(self, green_travel: bool) -> Decimal:
        if green_travel and self.green is not None:
            return self.green
        return self.standard


@dataclass(frozen=True)
class TravelBands:
    id: str
    source: str
    bands: tuple[TravelBand, ...]

    def band_for(self, km: Decimal) -> TravelBand | None:
        """The band a one-way distance falls in; ``None`` below the first band (no travel grant)."""
        found = None
        for band in self.bands:
            if km >= band.min_km:
                found = band
        return found


@dataclass(frozen=True)
class CountryGroups:
    id: str
    source: str
    group_of: Mapping[str, str]  # country → group key ("1", "2", "3")
    region_groups: Mapping[str, str]  # partner region → group key whose rate it takes


@dataclass(frozen=True)
class PartnerRegions:
    id: str
    source: str
    region_of: Mapping[str, str]  # country → region number as text
    names: Mapping[str, str]


@dataclass(frozen=True)
class LongStay:
    max_days: int
    reduced_from_day: int | None = None
    reduced_share: Decimal | None = None


@dataclass(frozen=True)
class Classification:
    """Where a host country stands in a rate table."""

    rate_key: str  # "1", "2", "3" or "partner": the key of the rate paid
    group: str  # contract's ``country_group``: "1"/"2"/"3", or "partner"
    region: int | None  # partner region number, when the country is a partner country


@dataclass(frozen=True)
class RateTable:
    name: str
    category: str
    call: int
    actions: frozenset[str]
    rates: Mapping[str, Decimal]
    groups: CountryGroups
    travel: TravelBands
    regions: PartnerRegions | None
    long_stay: LongStay
    source: str
    path: Path
    # How a document names the table, by language ("en", "tr"); the office's ``source`` stays
    # out of documents. A table without titles is named by its ``name``.
    titles: Mapping[str, str] = field(default_factory=dict)

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get("en") or self.name

    def classify(self, country: str) -> Classification | None:
        group = self.groups.group_of.get(country)
        if group is not None:
            return Classification(rate_key=group, group=group, region=None)
        if self.regions is None or country not in self.regions.region_of:
            return None
        region = self.regions.region_of[country]
        mapped = self.groups.region_groups.get(region)
        if mapped is not None:
            return Classification(rate_key=mapped, group=mapped, region=int(region))
        if "partner" not in self.rates:
            return None
        return Classification(rate_key="partner", group="partner", region=int(region))


@dataclass(frozen=True)
class Selection:
    table: RateTable
    call_year: int
    fallback: bool = False  # True when no table is on file for this call: the latest earlier one


@dataclass
class TableSet:
    rate_tables: list[RateTable] = field(default_factory=list)

    def select(self, category: str, action: str, call_year: int | None) -> Selection:
        """The rate table for a mobility: the table of its call, else the latest earlier one."""
        candidates = sorted(
            (t for t in self.rate_tables if t.category == category and action in t.actions),
            key=lambda t: t.call,
        )
        if not candidates:
            raise NoRateTable(
                f"No {category} rate table on file covers {action}. Add one to the folder named "
                "by DOCSERVICE_RATES_DIR (see docservice/grants/tables/ for the form)."
            )
        if call_year is None:
            latest = candidates[-1]
            return Selection(latest, latest.call)
        for table in candidates:
            if table.call == call_year:
                return Selection(table, call_year)
        earlier = [t for t in candidates if t.call < call_year]
        calls = ", ".join(str(t.call) for t in candidates)
        if not earlier:
            raise NoRateTable(
                f"No {category} rate table on file covers {action} call {call_year} "
                f"(tables on file: calls {calls}). Add a table for call {call_year} to the "
                "folder named by DOCSERVICE_RATES_DIR."
            )
        return Selection(earlier[-1], call_year, fallback=True)


def _decimal(value: Any, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigurationError(f"{where} must be a number, not {value!r}.")
    return Decimal(str(value))


def _require(doc: Mapping[str, Any], key: str, path: Path) -> Any:
    if key not in doc:
        raise ConfigurationError(f"Rate data file {path} has no '{key}' key.")
    return doc[key]


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigurationError(f"Cannot read rate data file {path}: {exc.strerror}.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigurationError(f"Rate data file {path} is not valid TOML: {exc}.") from None


def _travel(doc: Mapping[str, Any], path: Path) -> TravelBands:
    bands = []
    for index, row in enumerate(_require(doc, "bands", path)):
        where = f"{path.name} band {index + 1}"
        green = row.get("green")
        bands.append(
            TravelBand(
                min_km=_decimal(_require(row, "min_km", path), f"{where} min_km"),
                label=str(_require(row, "label", path)),
                standard=_decimal(_require(row, "standard", path), f"{where} standard"),
                green=None if green is None else _decimal(green, f"{where} green"),
            )
        )
    if [b.min_km for b in bands] != sorted({b.min_km for b in bands}):
        raise ConfigurationError(f"Travel bands in {path} must rise strictly by min_km.")
    return TravelBands(str(doc["id"]), str(doc.get("source", "")), tuple(bands))


def _membership(doc: Mapping[str, Any], key: str, path: Path) -> dict[str, str]:
    """Country → the group or region it is listed under; a country listed twice is an error."""
    found: dict[str, str] = {}
    for label, countries in _require(doc, key, path).items():
        for country in countries:
            if country in found:
                raise ConfigurationError(f"{path}: {country} is listed under more than one {key}.")
            found[country] = str(label)
    return found


def _strings(doc: Mapping[str, Any], key: str) -> dict[str, str]:
    return {str(k): str(v) for k, v in doc.get(key, {}).items()}


def _groups(doc: Mapping[str, Any], path: Path) -> CountryGroups:
    return CountryGroups(
        str(doc["id"]),
        str(doc.get("source", "")),
        _membership(doc, "groups", path),
        _strings(doc, "region_groups"),
    )


def _regions(doc: Mapping[str, Any], path: Path) -> PartnerRegions:
    return PartnerRegions(
        str(doc["id"]),
        str(doc.get("source", "")),
        _membership(doc, "regions", path),
        _strings(doc, "names"),
    )


def _rate_table(
    doc: Mapping[str, Any],
    path: Path,
    travel: Mapping[str, TravelBands],
    groups: Mapping[str, CountryGroups],
    regions: Mapping[str, PartnerRegions],
) -> RateTable:
    def ref(key: str, pool: Mapping[str, Any]) -> Any:
        name = _require(doc, key, path)
        if name not in pool:
            raise ConfigurationError(f"{path}: {key} names '{name}', which no data file defines.")
        return pool[name]

    category = str(_require(doc, "category", path))
    if category not in CATEGORIES:
        raise ConfigurationError(f"{path}: category must be one of {CATEGORIES}.")
    long_stay = doc.get("long_stay", {})
    share = long_stay.get("reduced_share")
    return RateTable(
        name=str(_require(doc, "name", path)),
        category=category,
        call=int(_decimal(_require(doc, "call", path), f"{path.name} call")),
        actions=frozenset(str(a) for a in _require(doc, "actions", path)),
        rates={
            str(k): _decimal(v, f"{path.name} rate {k}")
            for k, v in _require(doc, "rates", path).items()
        },
        groups=ref("country_groups", groups),
        travel=ref("travel_bands", travel),
        regions=ref("partner_regions", regions) if "partner_regions" in doc else None,
        long_stay=LongStay(
            max_days=int(long_stay.get("max_days", 60 if category == "staff" else 360)),
            reduced_from_day=long_stay.get("reduced_from_day"),
            reduced_share=None if share is None else _decimal(share, f"{path.name} share"),
        ),
        source=str(_require(doc, "source", path)),
        path=path,
        titles=_titles(doc.get("title", {}), path),
    )


def _titles(given: object, path: Path) -> dict[str, str]:
    if not isinstance(given, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in given.items()
    ):
        raise ConfigurationError(
            f'{path}: [title] must name the table in each language, as en = "…" and tr = "…".'
        )
    return {k: v.strip() for k, v in given.items()}


def _files(directories: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for directory in directories:
        if not directory.is_dir():
            raise ConfigurationError(f"The rates folder {directory} does not exist.")
        files.extend(sorted(directory.glob("*.toml")))
    return files


def load_tables(extra_dirs: Sequence[Path] = ()) -> TableSet:
    """Read the shipped tables, then the office's own folders (later files win by id/name)."""
    docs = [(path, _read(path)) for path in _files([SHIPPED_DIR, *extra_dirs])]
    travel: dict[str, TravelBands] = {}
    groups: dict[str, CountryGroups] = {}
    regions: dict[str, PartnerRegions] = {}
    for path, doc in docs:
        kind = doc.get("kind")
        if kind == "rates":
            continue
        table_id = str(_require(doc, "id", path))
        if kind == "travel_bands":
            travel[table_id] = _travel(doc, path)
        elif kind == "country_groups":
            groups[table_id] = _groups(doc, path)
        elif kind == "partner_regions":
            regions[table_id] = _regions(doc, path)
        else:
            raise ConfigurationError(
                f"{path}: 'kind' must be rates, travel_bands, country_groups or partner_regions."
            )
    by_name: dict[str, RateTable] = {}
    for path, doc in docs:
        if doc.get("kind") == "rates":
            table = _rate_table(doc, path, travel, groups, regions)
            by_name[table.name] = table
    return TableSet(list(by_name.values()))
