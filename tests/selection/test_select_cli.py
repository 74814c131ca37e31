"""``docservice select`` as interface §6 fixes it, on the sample call and on bad sheets."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from docservice.cli import main
from tests.support import SAMPLES

APPLICATIONS = SAMPLES / "selection" / "ktu-2025-applications.csv"
PARTNERS = SAMPLES / "selection" / "ktu-2025-partners.csv"


def run(*args: str | Path) -> object:
    return CliRunner().invoke(main, [str(a) for a in args])


def test_json_lists_every_application_once_main_reserve_then_ineligible() -> None:
    result = run("select", APPLICATIONS, "--rules", "ktu-2025", "--quota", "6", "--json")
    assert result.exit_code == 0, result.output
    ranking = json.loads(result.stdout)["ranking"]
    assert len(ranking) == 12
    assert len({e["application_id"] for e in ranking}) == 12
    assert [e["list"] for e in ranking] == ["main"] * 6 + ["reserve"] * 4 + ["ineligible"] * 2
    assert [e["rank"] for e in ranking] == [1, 2, 3, 4, 5, 6, 1, 2, 3, 4, None, None]
    first, second = ranking[0], ranking[1]
    # without the partner list, Çağrı Aydın's letter at application counts (and says so)
    assert first["application_id"] == "2025-STT-006"
    assert first["parts"] == {
        "language": 63,
        "administrative_training": 10,
        "digital_skills": 5,
        "acceptance_letter": 10,
    }
    assert first["score"] == 88
    assert any("not checked" in note for note in first["notes"])
    assert second["application_id"] == "2025-STA-002"
    assert second["parts"] == {"degree_abroad": 75, "acceptance_letter": 10}
    assert set(first) >= {"application_id", "list", "rank", "score", "parts", "reason"}
    # first-timers before those who went before, whatever their score
    reserves = [e["application_id"] for e in ranking if e["list"] == "reserve"]
    assert reserves[-2:] == ["2025-STT-004", "2025-STT-009"]
    assert ranking[-1]["reason"] == "administrative staff cannot apply for teaching in this call"
    assert result.stderr == ""


def test_partners_decide_whether_a_letter_at_application_counts() -> None:
    result = run(
        "select", APPLICATIONS, "--rules", "ktu-2025", "--quota", "6",
        "--partners", PARTNERS, "--json",
    )  # fmt: skip
    ranking = {e["application_id"]: e for e in json.loads(result.stdout)["ranking"]}
    assert "acceptance_letter" not in ranking["2025-STT-006"]["parts"]
    assert ranking["2025-STA-002"]["parts"]["acceptance_letter"] == 10


def test_text_for_people_in_turkish(tmp_path: Path) -> None:
    result = run("select", APPLICATIONS, "--rules", "ktu-2025", "--quota", "6", "--lang", "tr")
    assert result.exit_code == 0
    assert "Asil liste" in result.stdout and "Yedek liste" in result.stdout
    assert "Şükrü Öztürk" in result.stdout
    assert "6 kontenjan içinde" in result.stdout


def test_a_bad_sheet_names_each_row_and_column_and_exits_3(tmp_path: Path) -> None:
    sheet = tmp_path / "apps.csv"
    sheet.write_text(
        "application_id;given_names;surname;category;activity;host_country;language_score;claims\n"
        "B1;Ali;Veli;academic;teaching;DE;120;\n"
        "B2;Ali;Deli;academic;teaching;DE;70;magic\n"
        "B1;Ali;Celi;academic;teaching;DE;70;\n",
        encoding="utf-8",
    )
    result = run("select", sheet, "--rules", "ktu-2025", "--json")
    assert result.exit_code == 3
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "invalid_applications"
    where = [(d["row"], d["column"]) for d in error["details"]]
    assert where == [(2, "language_score"), (3, "claims"), (4, "application_id")]
    assert "B1 is already the application of row 2" in error["message"]


def test_a_missing_column_and_an_unknown_rule_set(tmp_path: Path) -> None:
    sheet = tmp_path / "apps.csv"
    sheet.write_text("application_id,surname\nA,B\n", encoding="utf-8")
    result = run("select", sheet, "--rules", "ktu-2025")
    assert result.exit_code == 3
    assert "given_names: column is missing" in result.stderr
    unknown = run("select", APPLICATIONS, "--rules", "nowhere-1999")
    assert unknown.exit_code == 2
    assert "ktu-2025" in unknown.stderr


def test_an_office_rule_set_file(tmp_path: Path) -> None:
    rules = tmp_path / "mine.toml"
    rules.write_text(
        'name = "mine"\ntitle = "Ours"\nsource = "Our senate decision of 2026"\nquota = 1\n'
        '[[points]]\nid = "disability"\npoints = 20\nclaim = "disability"\n',
        encoding="utf-8",
    )
    result = run("select", APPLICATIONS, "--rules", rules, "--json")
    ranking = json.loads(result.stdout)["ranking"]
    assert ranking[0]["application_id"] == "2025-STA-005"  # by score: 88, no penalty here
    assert ranking[0]["parts"] == {"language": 88}
    disability = next(e for e in ranking if e["application_id"] == "2025-STT-003")
    assert disability["parts"] == {"language": 58, "disability": 20}  # no admin points here
    assert [e["list"] for e in ranking].count("main") == 1
    broken = tmp_path / "broken.toml"
    broken.write_text('name = "b"\ntitle = "B"\nsource = "somewhere else"\nquota = -1\n')
    result = run("select", APPLICATIONS, "--rules", broken)
    assert result.exit_code == 2
    assert "quota" in result.stderr


def test_the_rule_set_example_in_the_configuration_guide_is_valid() -> None:
    from docservice.selection.rules import parse_rules
    from tests.support import ROOT

    guide = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    start = guide.index('name = "ours-2026"')
    rules = parse_rules(guide[start : guide.index("```", start)], "docs/configuration.md")
    assert rules.places.country == {"AL": 2, "BA": 2} and rules.quota == 12
    assert [p.id for p in rules.points] == ["disability"]
