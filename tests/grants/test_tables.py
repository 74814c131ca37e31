"""Every row of the shipped tables, restated from domain.md §2–3 (not read back from the files)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from docservice.errors import ConfigurationError, NoRateTable
from docservice.grants.tables import TableSet, load_tables

TABLES = load_tables()


def table(name: str):  # type: ignore[no-untyped-def]
    return next(t for t in TABLES.rate_tables if t.name == name)


STAFF_RATES = [
    *[
        (f"TR-NA {y} staff", g, r)
        for y in (2019, 2020)
        for g, r in (("1", 153), ("2", 136), ("3", 119))
    ],
    *[
        (f"TR-NA {y} staff", g, r)
        for y in (2021, 2022, 2023)
        for g, r in (("1", 162), ("2", 144), ("3", 126), ("partner", 180))
    ],
]
STUDENT_RATES = [
    (f"TR-NA {y} student", g, r)
    for y in (2021, 2022, 2023, 2024)
    for g, r in (("1", 600), ("2", 600), ("3", 450), ("partner", 700))
]


@pytest.mark.parametrize(("name", "group", "rate"), STAFF_RATES + STUDENT_RATES)
def test_rate_rows(name: str, group: str, rate: int) -> None:
    assert table(name).rates[group] == Decimal(rate)


def test_every_table_names_its_source_and_nothing_else_is_on_file() -> None:
    names = {t.name for t in TABLES.rate_tables}
    assert names == {n for n, _, _ in STAFF_RATES + STUDENT_RATES}
    assert all(len(t.source) > 20 for t in TABLES.rate_tables)
    assert all(t.groups.source and t.travel.source for t in TABLES.rate_tables)


GROUPS_UP_TO_2023 = {
    "1": "DK FI IE IS LI LU NO SE",
    "2": "AT BE CY DE ES FR GR IT MT NL PT",
    "3": "BG CZ EE HR HU LT LV MK PL RO RS SI SK TR",
}
GROUPS_FROM_2024 = {
    "1": "AT BE DE DK FI FR IE IS IT LI LU NL NO SE",
    "2": "CY CZ EE ES GR LV MT PT SI SK",
    "3": "BG HR HU LT MK PL RO RS TR",
}


def _rows(groups: dict[str, str]) -> list[tuple[str, str]]:
    return [(c, g) for g, countries in groups.items() for c in countries.split()]


@pytest.mark.parametrize(("country", "group"), _rows(GROUPS_UP_TO_2023))
def test_groups_2021_to_2023(country: str, group: str) -> None:
    for name in ("TR-NA 2022 staff", "TR-NA 2023 student"):
        found = table(name).classify(country)
        assert found is not None and (found.group, found.region) == (group, None)


@pytest.mark.parametrize(("country", "group"), _rows(GROUPS_FROM_2024))
def test_groups_from_2024(country: str, group: str) -> None:
    found = table("TR-NA 2024 student").classify(country)
    assert found is not None and found.group == group


@pytest.mark.parametrize(("country", "group"), [*_rows(GROUPS_UP_TO_2023), ("GB", "1")])
def test_groups_up_to_2020_include_the_uk(country: str, group: str) -> None:
    found = table("TR-NA 2020 staff").classify(country)
    assert found is not None and found.group == group


def test_group_files_cover_exactly_the_listed_countries() -> None:
    assert set(table("TR-NA 2022 staff").groups.group_of) == {
        c for c, _ in _rows(GROUPS_UP_TO_2023)
    }
    assert set(table("TR-NA 2024 student").groups.group_of) == {
        c for c, _ in _rows(GROUPS_FROM_2024)
    }


REGIONS = {
    1: "AL BA XK ME",
    2: "AM AZ BY GE MD UA",
    3: "DZ EG IL JO LB LY MA PS SY TN",
    4: "RU",
    5: "BD BT BN KH CN KP HK IN ID JP KR LA MO MY MV MN MM NP PK PH SG LK TW TH VN",
    6: "AF KZ KG TJ TM UZ",
    7: "BH IR IQ KW OM QA SA AE YE",
    8: "AU CK FJ KI MH FM NR NZ NU PW PG WS SB TL TO TV VU",
    9: (
        "AO BJ BW BF BI CM CV CF TD KM CG CD CI DJ GQ ER SZ ET GA GM GH GN GW KE LS LR MG MW ML "
        "MR MU MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG UG ZM ZW"
    ),
    10: "AR BO BR CL CO CR EC SV GT HN MX NI PA PY PE UY VE",
    11: "AG BS BB BZ CU DM DO GD GY HT JM KN LC VC SR TT",
    12: "US CA",
    13: "AD MC SM VA",
    14: "FO CH GB",
}


@pytest.mark.parametrize(
    ("country", "region"), [(c, r) for r, cs in REGIONS.items() for c in cs.split()]
)
def test_partner_regions(country: str, region: int) -> None:
    staff, student = table("TR-NA 2022 staff"), table("TR-NA 2024 student")
    for t in (staff, student):
        found = t.classify(country)
        assert found is not None and found.region == region
    # Regions 1–12 take the partner rate; 13 the group 2 rate; 14 the group 1 rate.
    expected = {13: "2", 14: "1"}.get(region, "partner")
    assert staff.classify(country).rate_key == expected  # type: ignore[union-attr]


def test_programme_tables_before_2021_have_no_partner_countries() -> None:
    assert table("TR-NA 2020 staff").classify("GE") is None
    assert table("TR-NA 2020 staff").classify("US") is None


BANDS = {
    "travel-2014": [20, 180, 275, 360, 530, 820, 1500],
    "travel-2021": [23, 180, 275, 360, 530, 820, 1500],
    "travel-2024": [28, 211, 309, 395, 580, 1188, 1735],
}
GREEN = {
    "travel-2014": [None] * 7,
    "travel-2021": [None, 210, 320, 410, 610, None, None],
    "travel-2024": [56, 285, 417, 535, 785, 1188, 1735],
}
LOWER_EDGES = [10, 100, 500, 2000, 3000, 4000, 8000]
TRAVEL_OF = {
    "travel-2014": "TR-NA 2020 staff",
    "travel-2021": "TR-NA 2022 staff",
    "travel-2024": "TR-NA 2024 student",
}


@pytest.mark.parametrize("bands_id", list(BANDS))
@pytest.mark.parametrize("index", range(7))
def test_band_rows_and_edges(bands_id: str, index: int) -> None:
    bands = table(TRAVEL_OF[bands_id]).travel
    assert bands.id == bands_id
    lower = Decimal(LOWER_EDGES[index])
    band = bands.band_for(lower)
    assert band is not None and band.min_km == lower
    assert band.amount(green_travel=False) == BANDS[bands_id][index]
    green = GREEN[bands_id][index]
    assert band.amount(green_travel=True) == (
        green if green is not None else BANDS[bands_id][index]
    )
    # The band runs up to, not including, the next band's lower edge.
    below = bands.band_for(lower - Decimal("0.1"))
    if index == 0:
        assert below is None
    else:
        assert below is not None and below.amount(False) == BANDS[bands_id][index - 1]


def test_far_distances_stay_in_the_top_band() -> None:
    band = table("TR-NA 2024 student").travel.band_for(Decimal("19999"))
    assert band is not None and band.label == "8000+"


def test_select_exact_call() -> None:
    chosen = TABLES.select("staff", "KA131", 2022)
    assert (chosen.table.name, chosen.fallback) == ("TR-NA 2022 staff", False)


def test_select_later_call_falls_back_to_latest_earlier_table() -> None:
    chosen = TABLES.select("staff", "KA131", 2025)
    assert (chosen.table.name, chosen.call_year, chosen.fallback) == (
        "TR-NA 2023 staff",
        2025,
        True,
    )


def test_select_without_call_takes_latest() -> None:
    assert TABLES.select("student", "KA171", None).table.name == "TR-NA 2024 student"
    assert TABLES.select("staff", "KA103", None).table.name == "TR-NA 2020 staff"


@pytest.mark.parametrize(
    ("category", "action", "call"),
    [("staff", "KA131", 2020), ("staff", "KA103", 2018), ("student", "KA107", 2020)],
)
def test_select_without_a_table_is_a_clear_error(category: str, action: str, call: int) -> None:
    with pytest.raises(NoRateTable, match="DOCSERVICE_RATES_DIR"):
        TABLES.select(category, action, call)


def test_office_folder_adds_a_call_year(tmp_path: Path) -> None:
    (tmp_path / "staff-2024.toml").write_text(
        """kind = "rates"
name = "TR-NA 2024 staff"
category = "staff"
call = 2024
actions = ["KA131"]
country_groups = "groups-2024"
travel_bands = "travel-2024"
source = "the office's own copy of the 2024 handbook"
[rates]
"1" = 190
"2" = 170
"3" = 150
""",
        encoding="utf-8",
    )
    tables = load_tables([tmp_path])
    chosen = tables.select("staff", "KA131", 2024)
    assert (chosen.table.name, chosen.fallback) == ("TR-NA 2024 staff", False)
    assert chosen.table.classify("DE").group == "1"  # type: ignore[union-attr]
    assert len(tables.rate_tables) == len(TABLES.rate_tables) + 1


def test_office_folder_replaces_a_table_by_name(tmp_path: Path) -> None:
    shipped = (Path(table("TR-NA 2022 staff").path)).read_text(encoding="utf-8")
    (tmp_path / "mine.toml").write_text(shipped.replace('"2" = 144', '"2" = 150'), "utf-8")
    tables = load_tables([tmp_path])
    assert tables.select("staff", "KA131", 2022).table.rates["2"] == 150


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kind = 'rates'\nname = 'x'", "no 'category' key"),
        ("not toml [", "not valid TOML"),
        (
            "kind = 'rates'\nname = 'x'\ncategory = 'staff'\ncall = 2030\nactions = ['KA131']\n"
            "country_groups = 'groups-2021'\ntravel_bands = 'travel-2021'\nsource = 's'",
            "no 'rates' key",
        ),
        (
            "kind = 'rates'\nname = 'x'\ncategory = 'staff'\ncall = 'soon'\n",
            "call must be a number",
        ),
        ("kind = 'country_groups'\nid = 'g'\ngroups = {1 = ['DE'], 2 = ['DE']}", "more than one"),
        ("kind = 'menu'\nid = 'x'", "'kind' must be"),
        (
            "kind = 'travel_bands'\nid = 't'\nsource = 's'\nbands = [{min_km = 100, label = 'a', "
            "standard = 1}, {min_km = 10, label = 'b', standard = 2}]",
            "rise strictly",
        ),
    ],
)
def test_bad_table_files_are_clear_errors(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "bad.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigurationError, match=message) as caught:
        load_tables([tmp_path])
    if "kind = 'rates'" in text:
        assert "bad.toml" in caught.value.message


def test_missing_office_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="does not exist"):
        load_tables([tmp_path / "nope"])


def test_empty_table_set_says_what_to_do() -> None:
    with pytest.raises(NoRateTable, match="covers KA131"):
        TableSet().select("staff", "KA131", 2022)
