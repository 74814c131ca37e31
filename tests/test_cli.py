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


def test_grant_estimate_without_a_reference(tmp_path: Path) -> None:
    data = json.loads(STAFF.read_text(encoding="utf-8"))
    del data["reference"]
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(data), encoding="utf-8")
    result = run("grant", plan, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == 1080.0


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


def test_errors_become_statuses_only_at_the_edges() -> None:
    """An error knows its code, message and hint; the API and the command line each map it once."""
    from docservice import errors
    from docservice.api.errors import http_status
    from docservice.cli.common import exit_status

    unauthorized = errors.Unauthorized("Sign in first.")
    assert not isinstance(unauthorized, errors.InputError)
    assert (http_status(unauthorized), exit_status(unauthorized)) == (401, 1)
    assert (
        http_status(errors.TooManyAttempts("wait")),
        exit_status(errors.UnreadableInput("x")),
    ) == (
        429,
        3,
    )
    assert (http_status(errors.NoRateTable("x")), exit_status(errors.NoRateTable("x"))) == (422, 3)
    assert exit_status(errors.ConfigurationError("x")) == 2
    for cls in errors.DocserviceError.__subclasses__():
        assert not hasattr(cls, "http_status") and not hasattr(cls, "exit_status")
    body = errors.NotFound("No such code.", hint="Check the code on the document.").to_dict()
    assert body == {
        "error": {
            "code": "not_found",
            "message": "No such code.",
            "hint": "Check the code on the document.",
        }
    }


def test_a_wrong_setting_ends_any_command_with_its_name_and_what_to_do(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "DOCSERVICE_WORKERS": "two", "DOCSERVICE_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [str(Path(sys.executable).with_name("docservice")), "templates", "list"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "DOCSERVICE_WORKERS must be a whole number, not 'two'" in done.stderr
    assert "what to do:" in done.stderr and "Traceback" not in done.stderr


def test_the_document_kinds_are_the_checkers_own() -> None:
    from checkers import KINDS, Kind
    from docservice.dossier import checklist

    assert set(KINDS) == set(Kind) <= set(checklist.KINDS)
    result = CliRunner().invoke(main, ["check", "invoice", "x.pdf", "--mobility", "m.json"])
    assert result.exit_code == 2
    assert all(kind in result.output for kind in KINDS)
