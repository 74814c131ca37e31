"""The two LibreOffice engines: a batch run reports each file, a warm one survives a crash."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from docservice.errors import ConversionError
from docservice.generation.pdf import BatchConverter, WarmConverter
from docservice.generation.templates import SHIPPED_DIR

DOCX = (SHIPPED_DIR / "acceptance_letter.en.docx").read_bytes()


@pytest.mark.pdf
def test_batch_reports_each_file_once_written(tmp_path: Path, converter: BatchConverter) -> None:
    files = []
    for i in range(3):
        path = tmp_path / f"{i}.docx"
        path.write_bytes(DOCX)
        files.append(path)
    heard: list[Path] = []

    def on_file(path: Path) -> None:
        assert path.read_bytes().startswith(b"%PDF-")  # complete when announced
        heard.append(path)

    outputs = converter.convert_many(files, tmp_path / "pdf", on_file=on_file)
    assert sorted(p.name for p in heard) == ["0.pdf", "1.pdf", "2.pdf"]
    assert all(p.exists() for p in outputs)


@pytest.mark.pdf
def test_batch_names_a_file_it_could_not_convert(tmp_path: Path, converter: BatchConverter) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 this is not a document")
    with pytest.raises(ConversionError, match=r"broken\.docx"):
        converter.convert_many([broken], tmp_path / "pdf")


@pytest.mark.pdf
def test_warm_engine_restarts_after_libreoffice_dies() -> None:
    warm = WarmConverter()
    try:
        assert warm.convert(DOCX).startswith(b"%PDF-")
        process = warm._process
        assert process is not None
        os.killpg(process.pid, signal.SIGKILL)  # LibreOffice and unoserver die mid-service
        process.wait(timeout=10)
        assert warm.convert(DOCX).startswith(b"%PDF-")
        assert warm.running
    finally:
        warm.close()
    assert not warm.running
