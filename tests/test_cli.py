from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from docservice.cli import main
from tests.support import SAMPLES

Record = Callable[..., dict[str, Any]]
STAFF = SAMPLES / "mobility" / "staff-teaching-ka131-heidelberg.json"


def run(*args: str | Path) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args])


def test_grant_json_is_exactly_one_document() -> None:
    result = run("grant", STAFF, "--json")
    assert result.exit_code == 0
    breakdown = json.loads(result.stdout)
    assert (breakdown["total"], breakdown["prefinancing"]) == (1080.0, 864.0)
    assert result.stderr == ""


def test_grant_text_for_people() -> None:
    result = run("grant", STAFF)
    assert result.exit_code == 0
    assert "Total" in result.stdout and "€1,080.00" in result.stdout
    assert "Distance Trabzon (TR) – Heidelberg (DE)" in result.stdout


def test_grant_text_in_turkish() -> None:
    result = run("grant", STAFF, "--lang", "tr")
    assert "Toplam" in result.stdout and "1.080,00 €" in result.stdout


def test_missing_file_exits_3_with_a_json_error(tmp_path: Path) -> None:
    result = run("grant", tmp_path / "nope.json", "--json")
    assert result.exit_code == 3
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "unreadable_input" and "does not exist" in error["message"]


def test_bad_record_exits_3_naming_keys(tmp_path: Path, record: Record) -> None:
    data = record(action="KA000")
    del data["end_date"]
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run("grant", path)
    assert result.exit_code == 3
    assert "action:" in result.stderr and "end_date: is required" in result.stderr
    assert result.stdout == ""
    as_json = json.loads(run("grant", path, "--json").stdout)
    assert {d["key"] for d in as_json["error"]["details"]} == {"action", "end_date"}


def test_not_json_exits_3(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text("reference: x", encoding="utf-8")
    result = run("grant", path, "--json")
    assert (
        result.exit_code == 3 and "not valid JSON" in json.loads(result.stdout)["error"]["message"]
    )


def test_binary_file_exits_3(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_bytes(b"\xff\xfe\x00binary")
    assert run("grant", path, "--json").exit_code == 3


def test_usage_error_exits_2() -> None:
    assert run("grant").exit_code == 2
    assert run("grant", STAFF, "--lang", "de").exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_policy_option(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text("prefinancing_share = 0.7\n", encoding="utf-8")
    breakdown = json.loads(run("grant", STAFF, "--json", "--policy", policy).stdout)
    assert (breakdown["prefinancing"], breakdown["balance"]) == (756.0, 324.0)


def test_bad_policy_file_is_a_clear_error(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text("prefinancing_share = 2\nbonus = 1\n", encoding="utf-8")
    result = run("grant", STAFF, "--json", "--policy", policy)
    assert result.exit_code == 2
    assert "unknown setting(s) bonus" in json.loads(result.stdout)["error"]["message"]


def test_office_rates_folder_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = Path(__file__).parents[1] / "docservice" / "grants" / "tables" / "staff-2023.toml"
    text = shipped.read_text(encoding="utf-8")
    (tmp_path / "staff-2024.toml").write_text(
        text.replace("call = 2023", "call = 2024").replace("2023 staff", "2024 staff"), "utf-8"
    )
    monkeypatch.setenv("DOCSERVICE_RATES_DIR", str(tmp_path))
    breakdown = json.loads(run("grant", STAFF, "--json").stdout)
    assert breakdown["rate_table"] == "TR-NA 2024 staff" and breakdown["warnings"] == []


def test_installed_console_script() -> None:
    exe = Path(sys.executable).parent / "docservice"
    done = subprocess.run(
        [exe, "grant", STAFF, "--json"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] == 1080.0
