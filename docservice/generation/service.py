"""Generate documents and verify them: the service behind ``docservice generate``, ``verify`` and
the documents and verify routes.

A generated document gets a fresh verification code, printed on it with a QR code of its verify
address. The code, what the document is, for whom, when, and the SHA-256 of every file handed
out are stored; a file is authentic when its hash is one of those.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from checkers.text import strip_marks
from docservice import safezip
from docservice.clock import iso_utc, utc_now
from docservice.errors import DocserviceError, InputError, NotFound, UnreadableInput
from docservice.formatting import Lang
from docservice.generation import codes
from docservice.generation.context import Verification, build_context
from docservice.generation.institution import InstitutionProfile
from docservice.generation.pdf import PdfConverter
from docservice.generation.qr import qr_png
from docservice.generation.render import render_docx
from docservice.generation.signing import PdfSigner, SignatureStatus
from docservice.generation.templates import TemplateFile, TemplateStore, uses_grant, variant_for
from docservice.grants.calculate import Breakdown
from docservice.grants.engine import GrantEngine
from docservice.mobility import Mobility
from docservice.storage.models import IssuedDocument, IssuedFile

log = logging.getLogger(__name__)
DOCX_PART_BYTES = 16 * 2**20  # one XML part of a document we issued is well under a megabyte

FORMATS = ("docx", "pdf")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
TITLES: dict[str, dict[Lang, str]] = {
    "grant_agreement": {"en": "Grant agreement", "tr": "Hibe sözleşmesi"},
    "mobility_agreement": {"en": "Mobility agreement", "tr": "Hareketlilik anlaşması"},
    "certificate_of_attendance": {"en": "Certificate of attendance", "tr": "Katılım belgesi"},
    "acceptance_letter": {"en": "Letter of acceptance (draft)", "tr": "Kabul mektubu (taslak)"},
}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_format(fmt: str) -> str:
    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise InputError(f"The format must be docx or pdf, not {fmt!r}.")
    return fmt


def file_stem(template: str, m: Mobility) -> str:
    surname = re.sub(r"[^a-z0-9]+", "-", strip_marks(m.participant.surname).lower()).strip("-")
    reference = re.sub(r"[^A-Za-z0-9.-]+", "-", m.reference).strip("-")
    return f"{template}-{reference}-{surname or 'participant'}"


@dataclass(frozen=True)
class Prepared:
    """A rendered DOCX with everything needed to finish and record it."""

    template: TemplateFile
    mobility: Mobility
    code: str
    docx: bytes
    title: str
    summary: dict[str, Any]


@dataclass(frozen=True)
class GeneratedFile:
    code: str
    template: str
    lang: Lang
    format: str
    filename: str
    data: bytes
    signed: bool = False

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]


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


class DocumentService:
    def __init__(
        self,
        *,
        grants: GrantEngine,
        templates: TemplateStore,
        institution: InstitutionProfile,
        sessions: sessionmaker[Session],
        converter: Callable[[], PdfConverter],
        signer: PdfSigner | None,
        public_url: str,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.grants = grants
        self.templates = templates
        self.institution = institution
        self.sessions = sessions
        self._converter_factory = converter
        self._converter: PdfConverter | None = None
        self.signer = signer
        self.public_url = public_url.rstrip("/")
        self.clock = clock

    @property
    def converter(self) -> PdfConverter:
        if self._converter is None:
            self._converter = self._converter_factory()
        return self._converter

    def warm_up(self) -> None:
        """Start the PDF engine ahead of the first request (a no-op for one-shot engines)."""
        start = getattr(self.converter, "start", None)
        if start is not None:
            try:
                start()
            except DocserviceError as exc:  # said now; each PDF request will say it again
                log.warning("PDFs are not available: %s", exc.message)

    def close(self) -> None:
        if self._converter is not None:
            self._converter.close()
            self._converter = None

    def verify_url(self, code: str) -> str:
        return f"{self.public_url}/verify/{code}"

    # --- generating --------------------------------------------------------------------------

    def new_code(self) -> str:
        with self.sessions() as session:
            while True:
                code = codes.new_code()
                if session.get(IssuedDocument, code) is None:
                    return code

    def prepare(
        self, template: str, m: Mobility, lang: Lang | None, *, breakdown: Breakdown | None = None
    ) -> Prepared:
        """Pick the template, compute the grant if it shows one, and render the DOCX."""
        found = self.templates.find(template, variant_for(template, m), lang)
        if breakdown is None and uses_grant(found):
            breakdown = self.grants.calculate(m)
        code = self.new_code()
        url = self.verify_url(code)
        today = self.clock().date()
        context = build_context(
            m,
            lang=found.lang,
            institution=self.institution,
            verification=Verification(code, url, qr_png(url)),
            breakdown=breakdown,
            today=today,
        )
        title = TITLES[template][found.lang]
        docx = render_docx(found, context, title=title)
        summary: dict[str, Any] = {
            "reference": m.reference,
            "activity": m.activity.value,
            "receiving": m.receiving.institution,
            "start_date": m.start_date.isoformat(),
            "end_date": m.end_date.isoformat(),
        }
        if breakdown is not None:
            summary["total"] = float(breakdown.total)
        return Prepared(found, m, code, docx, title, summary)

    def finish_pdf(self, pdf: bytes, prepared: Prepared) -> tuple[bytes, bool]:
        """Write the code into the PDF's metadata (in plain bytes, found even in a damaged
        file), then sign it when a certificate is configured."""
        try:
            writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
            writer.add_metadata(
                {
                    "/Title": prepared.title,
                    "/Keywords": prepared.code,
                    "/Subject": f"docservice verification code {prepared.code}",
                }
            )
            out = io.BytesIO()
            writer.write(out)
            pdf = out.getvalue()
        except (PyPdfError, ValueError, KeyError) as exc:
            log.warning("could not write metadata into the PDF of %s: %s", prepared.code, exc)
        if self.signer is None:
            return pdf, False
        signed = self.signer.sign(
            pdf,
            reason=f"{prepared.title} issued with verification code {prepared.code}",
            location=self.institution.city,
        )
        return signed, True

    def record(
        self,
        prepared: Prepared,
        files: list[GeneratedFile],
        *,
        mobility_id: str | None = None,
        issued_by: str | None = None,
    ) -> None:
        row = self._row(prepared, files)
        row.mobility_id, row.issued_by = mobility_id, issued_by
        with self.sessions.begin() as session:
            session.add(row)

    def record_many(self, items: list[tuple[Prepared, list[GeneratedFile]]]) -> None:
        with self.sessions.begin() as session:
            session.add_all([self._row(p, f) for p, f in items])

    def _row(self, prepared: Prepared, files: list[GeneratedFile]) -> IssuedDocument:
        m = prepared.mobility
        return IssuedDocument(
            code=prepared.code,
            template=prepared.template.name,
            template_file=prepared.template.label,
            lang=prepared.template.lang,
            reference=m.reference,
            participant_name=m.participant.full_name,
            issuer=self.institution.name_en,
            issued_at=self.clock(),
            summary=prepared.summary,
            files=[
                IssuedFile(
                    format=f.format, sha256=sha256(f.data), size=len(f.data), signed=f.signed
                )
                for f in files
            ],
        )

    def output(self, prepared: Prepared, fmt: str, data: bytes, signed: bool) -> GeneratedFile:
        return GeneratedFile(
            code=prepared.code,
            template=prepared.template.name,
            lang=prepared.template.lang,
            format=fmt,
            filename=f"{file_stem(prepared.template.name, prepared.mobility)}.{fmt}",
            data=data,
            signed=signed,
        )

    def generate(
        self,
        template: str,
        m: Mobility,
        fmt: str = "docx",
        lang: Lang | None = None,
        *,
        mobility_id: str | None = None,
        issued_by: str | None = None,
        keep: Callable[[bytes], object] | None = None,
    ) -> GeneratedFile:
        """Render (and convert) one document and record it; ``mobility_id`` links the record
        to the dossier it was made for, and ``keep`` stores the file before it is recorded."""
        fmt = check_format(fmt)
        prepared = self.prepare(template, m, lang)
        if fmt == "docx":
            result = self.output(prepared, "docx", prepared.docx, False)
        else:
            pdf, signed = self.finish_pdf(self.converter.convert(prepared.docx), prepared)
            result = self.output(prepared, "pdf", pdf, signed)
        if keep is not None:
            keep(result.data)
        self.record(prepared, [result], mobility_id=mobility_id, issued_by=issued_by)
        log.info("generated %s %s (%s)", template, prepared.code, fmt)
        return result

    def revoke(self, code: str, reason: str) -> IssuedDocument:
        """Withdraw a document (issued by mistake, superseded): it no longer verifies as valid."""
        if not reason.strip():
            raise InputError("Say why the document is revoked (the reason is kept).")
        normal = codes.normalize(code)
        with self.sessions.begin() as session:
            doc = session.get(IssuedDocument, normal) if normal else None
            if doc is None:
                raise NotFound(
                    f"No document was issued with the code {code!r}; check it for typos.",
                    code="unknown_code",
                )
            if doc.revoked_at is None:
                doc.revoked_at = self.clock()
                doc.revoked_reason = reason.strip()
            _loaded(doc)
        log.info("revoked %s: %s", doc.code, doc.revoked_reason)
        return doc

    # --- verifying ---------------------------------------------------------------------------

    def lookup(self, code: str) -> IssuedDocument | None:
        normal = codes.normalize(code)
        if normal is None:
            return None
        with self.sessions() as session:
            return _loaded(session.get(IssuedDocument, normal))

    def verify(self, data: bytes, *, expected_code: str | None = None) -> VerifyResult:
        if not data:
            raise UnreadableInput("The file is empty; give the document to verify.")
        digest = sha256(data)
        with self.sessions() as session:
            match = session.scalars(
                select(IssuedFile).where(IssuedFile.sha256 == digest).limit(1)
            ).first()
            if match is not None:
                doc = match.document
                _loaded(doc)
                status = "revoked" if doc.revoked_at is not None else "authentic"
                result = VerifyResult(status, digest, doc.code, doc, match.format)
            else:
                found = codes.find_codes_in_bytes(data) or _codes_in_text(data)
                if expected_code:
                    wanted = codes.normalize(expected_code)
                    found = [wanted] if wanted else found
                result = VerifyResult("not_recognised", digest, codes_found=found)
                for code in found:
                    claimed = _loaded(session.get(IssuedDocument, code))
                    if claimed is not None:
                        result = VerifyResult("altered", digest, code, claimed, codes_found=found)
                        break
                else:
                    if found:
                        result = VerifyResult("unknown_code", digest, found[0], codes_found=found)
        if data.startswith(b"%PDF-") and self.signer is not None:
            try:
                result.signature = self.signer.status(data)
            except Exception as exc:  # a damaged file: its signature cannot be read, say so
                result.signature_error = f"the signature cannot be read ({type(exc).__name__})"
        return result


def _loaded(doc: IssuedDocument | None) -> IssuedDocument | None:
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
