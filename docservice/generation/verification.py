"""Is a file one we issued? Its SHA-256 against every file handed out; else the verification
codes its bytes or its text carry, each looked up (a known code on a different file: altered);
and a PDF's signature, when PDFs are signed."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from docservice import safezip
from docservice.clock import iso_utc
from docservice.errors import UnreadableInput
from docservice.formatting import Lang
from docservice.generation import codes
from docservice.generation.signing import PdfSigner, SignatureStatus
from docservice.storage.models import IssuedDocument, IssuedFile

DOCX_PART_BYTES = 16 * 2**20  # one XML part of a document we issued is well under a megabyte
TITLES: dict[str, dict[Lang, str]] = {
    "grant_agreement": {"en": "Grant agreement", "tr": "Hibe sözleşmesi"},
    "mobility_agreement": {"en": "Mobility agreement", "tr": "Hareketlilik anlaşması"},
    "certificate_of_attendance": {"en": "Certificate of attendance", "tr": "Katılım belgesi"},
    "acceptance_letter": {"en": "Letter of acceptance (draft)", "tr": "Kabul mektubu (taslak)"},
}


@dataclass
class VerifyResult:
    status: str  # authentic, revoked, altered, unknown_code, not_recognised
    sha256: str
    code: str | None = None
    document: IssuedDocument | None = None
    file_format: str | None = None
    signature: SignatureStatus | None = None
    signature_error: str | None = None
    codes_found: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.status == "authentic"

    @property
    def message(self) -> str:
        doc = self.document
        what = f"{TITLES[doc.template]['en'].lower()} {doc.code}" if doc else ""
        return {
            "authentic": f"Authentic and unaltered: this is the {what} as issued.",
            "revoked": f"This file is the {what} as issued, but the document was revoked.",
            "altered": (
                f"ALTERED: the file carries the code of {what}, but it is not the file that was "
                "issued; at least one byte differs. Do not accept it."
            ),
            "unknown_code": (
                f"NOT ISSUED BY US: the code {self.code} printed in the file was never issued. "
                "Do not accept it."
            ),
            "not_recognised": (
                "Not recognised: the file is not one docservice issued, and no verification code "
                "can be read from it. Enter the code printed on the document to look it up."
            ),
        }[self.status]

    def public_dict(self) -> dict[str, Any]:
        """What the public verify page may show: never more personal data than the name."""
        out: dict[str, Any] = {
            "status": self.status,
            "valid": self.valid,
            "message": self.message,
            "code": self.code,
            "file": {"sha256": self.sha256, "format": self.file_format},
            "document": public_document(self.document) if self.document else None,
        }
        if self.signature is not None:
            out["signature"] = {
                "signer": self.signature.signer,
                "intact": self.signature.intact,
                "trusted": self.signature.trusted,
                "covers_whole_file": self.signature.whole_file,
                "signed_at": self.signature.signed_at,
            }
        elif self.signature_error:
            out["signature"] = {"error": self.signature_error}
        return out


def public_document(doc: IssuedDocument) -> dict[str, Any]:
    return {
        "code": doc.code,
        "type": doc.template,
        "title": TITLES[doc.template]["en"],
        "title_tr": TITLES[doc.template]["tr"],
        "participant_name": doc.participant_name,
        "issuer": doc.issuer,
        "issued_at": iso_utc(doc.issued_at),
        "valid": doc.revoked_at is None,
        "revoked_at": iso_utc(doc.revoked_at) if doc.revoked_at else None,
    }


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def verify_file(
    sessions: sessionmaker[Session],
    signer: PdfSigner | None,
    data: bytes,
    *,
    expected_code: str | None = None,
) -> VerifyResult:
    if not data:
        raise UnreadableInput("The file is empty; give the document to verify.")
    digest = sha256(data)
    with sessions() as session:
        match = session.scalars(
            select(IssuedFile).where(IssuedFile.sha256 == digest).limit(1)
        ).first()
        if match is not None:
            doc = match.document
            loaded(doc)
            status = "revoked" if doc.revoked_at is not None else "authentic"
            result = VerifyResult(status, digest, doc.code, doc, match.format)
        else:
            found = codes.find_codes_in_bytes(data) or _codes_in_text(data)
            if expected_code:
                wanted = codes.normalize(expected_code)
                found = [wanted] if wanted else found
            result = VerifyResult("not_recognised", digest, codes_found=found)
            for code in found:
                claimed = loaded(session.get(IssuedDocument, code))
                if claimed is not None:
                    result = VerifyResult("altered", digest, code, claimed, codes_found=found)
                    break
            else:
                if found:
                    result = VerifyResult("unknown_code", digest, found[0], codes_found=found)
    if data.startswith(b"%PDF-") and signer is not None:
        try:
            result.signature = signer.status(data)
        except Exception as exc:  # a damaged file: its signature cannot be read, say so
            result.signature_error = f"the signature cannot be read ({type(exc).__name__})"
    return result


def loaded(doc: IssuedDocument | None) -> IssuedDocument | None:
    """Load a document's files while its session is open: callers read them after it closed."""
    if doc is not None:
        _ = list(doc.files)
    return doc


def _codes_in_text(data: bytes) -> list[str]:
    """Codes printed in a PDF's or a DOCX's text, for a file whose bytes no longer say it."""
    text = ""
    if data.startswith(b"%PDF-"):
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            text = "\n".join(page.extract_text() or "" for page in reader.pages)
        except Exception:  # damaged beyond reading: no code, reported as not recognised
            return []
    elif data.startswith(b"PK"):
        # the public /verify takes any file: a DOCX is opened within bounds (safezip), its
        # parts read as capped streams
        try:
            with safezip.open_zip(data, "The DOCX file") as z:
                parts = [n for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")]
                text = " ".join(
                    re.sub(r"<[^>]+>", "", safezip.read_part(z, n, DOCX_PART_BYTES).decode())
                    for n in parts
                )
        except (
            UnreadableInput,
            zipfile.BadZipFile,
            UnicodeDecodeError,
            KeyError,
            OSError,
            EOFError,
        ):
            return []  # not a ZIP after all: not recognised (one too large is refused, TooLarge)
    return codes.find_codes(text)
