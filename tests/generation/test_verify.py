"""Verification: the stored hash decides; one byte changed is altered; a forged code is unknown."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import update

from docservice.errors import UnreadableInput
from docservice.generation.pdf import BatchConverter
from docservice.generation.service import DocumentService
from docservice.generation.verification import sha256
from docservice.grants.engine import GrantEngine
from docservice.mobility import parse_mobility
from docservice.storage.models import IssuedDocument
from tests.conftest import make_service
from tests.generation.support import pdf_text, squash
from tests.support import EXAMPLE

MOBILITY = parse_mobility(EXAMPLE)


def flip(data: bytes, at: float = 0.5) -> bytes:
    changed = bytearray(data)
    changed[int(len(changed) * at)] ^= 0x01
    return bytes(changed)


def test_generated_docx_is_authentic_and_recorded(service: DocumentService) -> None:
    out = service.generate("certificate_of_attendance", MOBILITY, "docx")
    result = service.verify(out.data)
    assert result.status == "authentic" and result.valid
    assert result.document is not None and result.document.code == out.code
    assert result.document.participant_name == "Şükrü Öztürk"
    assert result.document.files[0].sha256 == sha256(out.data)
    assert result.file_format == "docx"


@pytest.mark.parametrize("at", [0.1, 0.5, 0.9, 0.999])
def test_docx_with_one_byte_changed_is_altered(service: DocumentService, at: float) -> None:
    out = service.generate("acceptance_letter", MOBILITY, "docx")
    result = service.verify(flip(out.data, at))
    assert result.status == "altered" and not result.valid
    assert result.code == out.code
    assert "ALTERED" in result.message


def test_docx_saved_again_is_altered_even_without_the_zip_comment(
    service: DocumentService,
) -> None:
    out = service.generate("acceptance_letter", MOBILITY, "docx")
    source = zipfile.ZipFile(io.BytesIO(out.data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, source.read(item.filename))
    result = service.verify(buffer.getvalue())
    assert result.status == "altered" and result.code == out.code


def test_code_of_another_service_is_not_issued_here(
    service: DocumentService, tmp_path: Path, engine: GrantEngine
) -> None:
    other = make_service(tmp_path, engine)
    foreign = other.generate("acceptance_letter", MOBILITY, "docx")
    result = service.verify(foreign.data)
    assert result.status == "unknown_code" and result.code == foreign.code
    assert "NOT ISSUED" in result.message


def test_unrelated_files_are_not_recognised(service: DocumentService) -> None:
    for data in (b"%PDF-1.4\n%%EOF\n", b"hello", b"PK\x03\x04broken"):
        result = service.verify(data)
        assert result.status == "not_recognised" and result.document is None
    with pytest.raises(UnreadableInput, match="empty"):
        service.verify(b"")


def test_a_revoked_document_is_not_valid(service: DocumentService) -> None:
    out = service.generate("acceptance_letter", MOBILITY, "docx")
    with service.sessions.begin() as session:
        session.execute(
            update(IssuedDocument)
            .where(IssuedDocument.code == out.code)
            .values(revoked_at=service.clock(), revoked_reason="issued twice")
        )
    result = service.verify(out.data)
    assert result.status == "revoked" and not result.valid


def test_public_view_shows_the_name_and_nothing_more_personal(service: DocumentService) -> None:
    out = service.generate("grant_agreement", MOBILITY, "docx")
    public = service.verify(out.data).public_dict()
    assert set(public["document"]) == {
        "code",
        "type",
        "title",
        "title_tr",
        "participant_name",
        "issuer",
        "issued_at",
        "valid",
        "revoked_at",
    }
    assert public["document"]["participant_name"] == "Şükrü Öztürk"
    text = repr(public)
    for private in ("example.edu.tr", "Heidelberg", "1080", "2025-03-10", MOBILITY.reference):
        assert private not in text


@pytest.mark.pdf
def test_pdf_is_signed_authentic_and_a_changed_byte_is_caught(
    service: DocumentService,
) -> None:
    out = service.generate("grant_agreement", MOBILITY, "pdf", "en")
    assert out.data.startswith(b"%PDF-") and out.signed
    text = squash(pdf_text(out.data))
    assert "Dr. Şükrü Öztürk" in text and "€1,080.00" in text and out.code in text
    good = service.verify(out.data)
    assert good.status == "authentic"
    assert good.signature is not None and good.signature.ok
    for at in (0.3, 0.6, 0.95):
        bad = service.verify(flip(out.data, at))
        assert bad.status == "altered", at  # whatever byte changed: the hash decides
        assert bad.code == out.code
    # a byte inside what the signature covers also breaks the signature
    first, length = (
        int(n) for n in re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)", out.data).groups()
    )  # type: ignore[union-attr]
    inside = bytearray(out.data)
    inside[first + length // 2] ^= 0x01
    broken = service.verify(bytes(inside))
    assert broken.status == "altered"
    assert broken.signature is None or not broken.signature.intact


@pytest.mark.pdf
def test_unsigned_pdf_when_signing_is_off(
    tmp_path: Path, engine: GrantEngine, converter: BatchConverter
) -> None:
    service = make_service(tmp_path, engine, converter, SIGN_PDF="false")
    out = service.generate("certificate_of_attendance", MOBILITY, "pdf")
    assert not out.signed
    assert service.verify(out.data).status == "authentic"
    assert service.verify(flip(out.data)).status == "altered"
    text = squash(pdf_text(out.data))
    assert "CERTIFICATE OF ATTENDANCE" in text and "Şükrü Öztürk" in text


@pytest.mark.pdf
def test_every_page_carries_a_qr_code_that_leads_to_the_verify_page(
    service: DocumentService,
) -> None:
    import pypdfium2 as pdfium
    import zxingcpp

    out = service.generate("grant_agreement", MOBILITY, "pdf", "tr")
    pdf = pdfium.PdfDocument(out.data)
    try:
        assert len(pdf) >= 2
        for index in range(len(pdf)):
            image = pdf[index].render(scale=3).to_pil()
            found = [r.text for r in zxingcpp.read_barcodes(image)]
            assert found == [service.verify_url(out.code)], index
    finally:
        pdf.close()
