"""A sheet of mobilities → one ZIP: every good row's documents, every bad row's reason."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from docservice.errors import UnreadableInput
from docservice.generation.batch import run_batch
from docservice.generation.service import DocumentService
from docservice.tabular import read_rows
from tests.generation.support import docx_text, pdf_text

HEADER = [
    "reference",
    "action",
    "activity",
    "call_year",
    "participant.given_names",
    "participant.surname",
    "participant.title",
    "participant.iban",
    "sending.institution",
    "sending.city",
    "sending.country",
    "receiving.institution",
    "receiving.city",
    "receiving.country",
    "start_date",
    "end_date",
    "green_travel",
    "teaching_hours",
]
ROWS = [
    ["R-1", "KA131", "teaching", "2023", "Şükrü", "Öztürk", "Dr.", "TR330006100519786457841326",
     "Karadeniz Technical University", "Trabzon", "TR", "Heidelberg University", "Heidelberg",
     "DE", "10.03.2025", "14.03.2025", "hayır", "8"],
    ["R-2", "KA171", "training", "2023", "Gülşen", "Çağlayan", "", "", "Karadeniz Technical "
     "University", "Trabzon", "TR", "Tbilisi State University", "Tbilisi", "GE", "2024-05-06",
     "2024-05-10", "evet", ""],
    ["R-3", "KA131", "teaching", "2023", "İlkay", "Ilgaz", "", "", "KTU", "Trabzon", "TR",
     "Nowhere U", "Atlantis", "DE", "2025-03-10", "2025-03-14", "", "8"],
    ["R-4", "KA131", "lecturing", "2023", "Ece", "Su", "", "", "KTU", "Trabzon", "TR", "X", "Bonn",
     "DE", "2025-03-10", "2025-03-01", "", ""],
]  # fmt: skip


def sheet_csv(
    rows: list[list[str]] = ROWS, delimiter: str = ",", encoding: str = "utf-8-sig"
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def sheet_xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in ROWS[:2]:
        values: list[object] = list(row)
        values[3] = int(row[3])  # numbers and real dates, as Excel stores them
        if row[14].count(".") == 2:
            day, month, year = (int(p) for p in row[14].split("."))
            values[14] = dt.date(year, month, day)
        sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_rows_are_read_with_turkish_dates_and_words() -> None:
    rows = read_rows(sheet_csv(), "mobilities.csv")
    assert [r.number for r in rows] == [2, 3, 4, 5]
    first = rows[0].mobility
    assert first is not None
    assert first.start_date == dt.date(2025, 3, 10) and first.green_travel is False
    assert first.participant.full_name == "Şükrü Öztürk"
    assert rows[1].mobility is not None and rows[1].mobility.green_travel is True
    assert rows[2].mobility is not None  # valid record; its city is wrong (found later)
    assert rows[3].mobility is None and rows[3].error is not None
    assert "activity" in rows[3].error and "end_date" in rows[3].error


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (sheet_csv(delimiter=";", encoding="cp1254"), "excel-tr.csv"),
        (sheet_xlsx(), "mobilities.xlsx"),
    ],
)
def test_excel_exports_are_read(data: bytes, name: str) -> None:
    rows = read_rows(data, name)
    first = rows[0].mobility
    assert first is not None
    assert first.participant.surname == "Öztürk" and first.start_date == dt.date(2025, 3, 10)
    assert first.call_year == 2023


def test_unreadable_sheets_say_why() -> None:
    with pytest.raises(UnreadableInput, match="'reference' column"):
        read_rows(b"name,surname\nA,B\n", "x.csv")
    with pytest.raises(UnreadableInput, match="no mobility rows"):
        read_rows(",".join(HEADER).encode(), "x.csv")
    with pytest.raises(UnreadableInput, match=r"\.csv or \.xlsx"):
        read_rows(b"whatever", "x.pdf")
    with pytest.raises(UnreadableInput, match="not a readable Excel workbook"):
        read_rows(b"PK\x03\x04garbage", "x.xlsx")


def test_batch_of_docx_writes_every_document_and_every_problem(
    service: DocumentService, tmp_path: Path
) -> None:
    rows = read_rows(sheet_csv(), "mobilities.csv")
    seen: list[tuple[int, int]] = []
    out = tmp_path / "out.zip"
    summary = run_batch(
        service,
        rows,
        templates=["grant_agreement", "certificate_of_attendance"],
        formats=["docx"],
        lang="tr",
        out_zip=out,
        progress=lambda done, total: seen.append((done, total)),
    )
    # both documents; R-3: certificate only (no grant for an unknown city); R-4 invalid
    assert (summary.documents, summary.errors) == (5, 2)
    assert seen[-1][0] == seen[-1][1]
    with zipfile.ZipFile(out) as z:
        manifest = list(csv.DictReader(io.StringIO(z.read("manifest.csv").decode("utf-8-sig"))))
        by_status = {(m["row"], m["template"]): m for m in manifest}
        assert by_status[("4", "grant_agreement")]["status"] == "error"
        assert "Atlantis" in by_status[("4", "grant_agreement")]["message"]
        assert by_status[("5", "")]["status"] == "invalid_row"
        good = by_status[("2", "grant_agreement")]
        assert good["status"] == "ok" and good["code"].startswith("DS-")
        text = docx_text(z.read(good["files"]))
        assert "Şükrü Öztürk" in text and good["code"] in text and "TR33 0006" not in text
        assert "TR330006100519786457841326" in text
        assert len([n for n in z.namelist() if n.endswith(".docx")]) == 5
        for line in manifest:
            if line["status"] == "ok":
                assert service.verify(z.read(line["files"])).status == "authentic"


@pytest.mark.pdf
def test_batch_with_pdfs(service: DocumentService, tmp_path: Path) -> None:
    rows = read_rows(sheet_csv(ROWS[:2]), "mobilities.csv")
    out = tmp_path / "out.zip"
    summary = run_batch(
        service,
        rows,
        templates=["grant_agreement"],
        formats=["pdf", "docx"],
        lang="en",
        out_zip=out,
        chunk=1,  # two LibreOffice runs, overlapping with rendering
    )
    assert (summary.documents, summary.files, summary.errors) == (2, 4, 0)
    with zipfile.ZipFile(out) as z:
        pdfs = sorted(n for n in z.namelist() if n.endswith(".pdf"))
        assert len(pdfs) == 2
        for name in pdfs:
            data = z.read(name)
            result = service.verify(data)
            assert result.status == "authentic" and result.signature is not None
            assert result.signature.ok
            assert result.code in pdf_text(data)


def test_the_manifest_never_runs_a_name_as_a_formula(
    service: DocumentService, tmp_path: Path
) -> None:
    hostile = ["=cmd|' /C calc'!A0", "+1+1", "@SUM(A1)", '=HYPERLINK("http://evil.example")']
    rows = [[name, *ROWS[3][1:]] for name in hostile]  # invalid rows: the reference is written
    summary = run_batch(
        service,
        read_rows(sheet_csv(rows), "mobilities.csv"),
        templates=["grant_agreement"],
        formats=["docx"],
        lang="en",
        out_zip=tmp_path / "out.zip",
    )
    assert summary.errors == len(hostile)
    with zipfile.ZipFile(tmp_path / "out.zip") as z:
        manifest = list(csv.DictReader(io.StringIO(z.read("manifest.csv").decode("utf-8-sig"))))
    assert [line["reference"] for line in manifest] == ["'" + name for name in hostile]
    assert not any(
        value.startswith(("=", "+", "-", "@")) for line in manifest for value in line.values()
    )


def test_few_libreoffice_runs_each_process_starting_early() -> None:
    from docservice.generation.batch import chunk_sizes

    # a small first round, one a process, then the rest shared, the earlier runs taking more:
    # four starts for 200, not six
    assert chunk_sizes(200, 2) == [8, 8, 101, 83]
    assert chunk_sizes(401, 4) == [8, 8, 8, 8, 101, 96, 89, 83]
    assert chunk_sizes(3, 2) == [2, 1]
    assert chunk_sizes(1, 4) == [1]
    assert chunk_sizes(0, 2) == []
    for total in range(1, 60):
        assert sum(chunk_sizes(total, 3)) == total
