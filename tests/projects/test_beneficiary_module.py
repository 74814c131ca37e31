"""The Beneficiary Module's import file: from docservice's own columns and from a template as
the Module exports it (built here: a title row, headers in the Module's words and one of its
own, a row of hints, an earlier mobility), with the Module's rules held before export."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook, load_workbook

from tests.projects.test_projects_api import NUMBER, PROJECT, app, dossier  # noqa: F401
from tests.support import signed_in

BM = f"/api/v1/projects/{NUMBER}/beneficiary-module"


def template() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Mobility activities export", None, None])  # a title above the headers
    sheet.append([
        "Data type*", "Grant Agreement No.*", "Mobility activity ID*", "Receiving country",
        "Receiving city", "Receiving Organisation OID", "Start date", "End date",
        "Funded duration including travel days (in days)", "Special needs support",
    ])  # fmt: skip
    sheet.append(["*", "*", "*", "DICT", None, None, "DD-MM-YYYY", "DD-MM-YYYY", None, None])
    sheet.append(["Mobility", NUMBER, "OLD-1", "FR", "Lyon", "E10000001", "01-02-2025",
                  "05-02-2025", 5, 120])  # fmt: skip
    sheet.append(["Mobility", NUMBER, "M-1", "DE", "Old city", None, None, None, None, 40])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rows_of(data: bytes) -> list[tuple[Any, ...]]:
    return list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))


def test_the_import_file_and_the_rules_before_it(app: Any) -> None:  # noqa: F811
    api = signed_in(app)
    api.post("/api/v1/projects", json=PROJECT)  # made once for the module
    made = dossier(api, "M-1", "Bir", receiving={"oid": "E10208521", "city": "Heidelberg"})
    assert made.status_code == 201, made.json
    # a teaching stay of one day: the Module refuses staff mobilities under 2 days
    short = dossier(api, "M-2", "İki", start_date="2025-05-05", end_date="2025-05-05")
    assert short.status_code == 201
    check = api.get(f"{BM}/check").json
    assert check["written"] == ["M-1"]
    assert check["left_out"] == [
        {
            "reference": "M-2",
            "mobility_id": short.json["id"],
            "problems": ["a staff mobility lasts 2 to 60 days, not 1"],
        }
    ]
    assert check["missing"] == []

    own = api.get(f"{BM}?format=xlsx")
    assert own.status_code == 200 and own.headers["X-Docservice-Left-Out"] == "1"
    rows = rows_of(own.data)
    header = rows[0]
    assert header[:3] == ("Data type", "Grant Agreement No.", "Mobility activity ID")
    line = dict(zip(header, rows[1], strict=True))
    assert len(rows) == 2
    assert line["Mobility activity ID"] == "M-1" and line["Grant Agreement No."] == NUMBER
    assert line["Receiving Organisation OID"] == "E10208521"
    assert (line["Start date"], line["End date"]) == ("10-03-2025", "14-03-2025")
    assert line["Funded duration including travel days (in days)"] == 5
    assert line["Total grant"] == 1080.0
    assert line["Activity type"] == "Staff mobility for teaching"

    filled = api.post(
        f"{BM}?format=xlsx",
        data={"template": (io.BytesIO(template()), "bm-export.xlsx")},
        content_type="multipart/form-data",
    )
    assert filled.status_code == 200, filled.data[:300]
    rows = rows_of(filled.data)
    assert rows[0][0] == "Mobility activities export"  # the rows above the headers stay
    assert rows[2][0] == "*"  # and so does the row of hints
    by_id = {r[2]: r for r in rows[3:]}
    assert set(by_id) == {"OLD-1", "M-1"}  # one row per mobility, the earlier one kept
    assert by_id["OLD-1"][4] == "Lyon"
    assert by_id["M-1"][4] == "Heidelberg"  # updated in place
    assert by_id["M-1"][5] == "E10208521"
    assert by_id["M-1"][8] == 5
    assert by_id["M-1"][9] == 40  # a column docservice does not know is left as it was

    csv = api.post(
        f"{BM}?format=csv",
        data={
            "template": (
                io.BytesIO(b"Grant Agreement No.;Mobility activity ID;Receiving city\r\n"),
                "t.csv",
            )
        },
        content_type="multipart/form-data",
    ).data.decode("utf-8-sig")
    assert csv.splitlines()[1] == f"{NUMBER};M-1;Heidelberg"

    bad = api.post(
        BM,
        data={"template": (io.BytesIO(b"name,surname\nA,B\n"), "t.csv")},
        content_type="multipart/form-data",
    )
    assert bad.status_code == 422
    assert "not a Beneficiary Module import template" in bad.json["error"]["message"]


def test_the_modules_error_log_goes_back_to_the_dossiers(app: Any) -> None:  # noqa: F811
    api = signed_in(app)
    api.post("/api/v1/projects", json=PROJECT)  # made once for the module
    made = dossier(api, "F-1", "Geri")
    assert made.status_code == 201
    log = (
        "Import error log\n"
        "Line,Grant Agreement No.,Mobility activity ID,Severity,Error message\n"
        f"2,{NUMBER},F-1,Error,Receiving Organisation OID is mandatory\n"
        f"3,{NUMBER},GHOST-9,Error,Unknown mobility\n"
    ).encode()
    path = f"{BM}/feedback"
    r = api.post(
        path, data={"file": (io.BytesIO(log), "log.csv")}, content_type="multipart/form-data"
    )
    assert r.status_code == 200, r.json
    assert r.json == {"lines": 2, "mobilities": 1, "unknown": ["GHOST-9"]}
    said = app.extensions["docservice"].flow.projects.store.feedback(mobility_id=made.json["id"])
    assert [(s.status, s.message) for s in said] == [
        ("error", "Receiving Organisation OID is mandatory")
    ]
    other = log.replace(NUMBER.encode(), b"2023-1-TR01-KA171-HED-000167432")
    wrong = api.post(
        path, data={"file": (io.BytesIO(other), "log.csv")}, content_type="multipart/form-data"
    )
    assert (
        wrong.status_code == 422 and "is for project 2023-1-TR01" in wrong.json["error"]["message"]
    )
    junk = api.post(
        path,
        data={"file": (io.BytesIO(b"a,b\n1,2\n"), "x.csv")},
        content_type="multipart/form-data",
    )
    assert junk.status_code == 422
