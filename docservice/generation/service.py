"""Generate documents and verify them: the service behind ``docservice generate``, ``verify`` and
the documents and verify routes.

A generated document gets a fresh verification code, printed on it with a QR code of its verify
address. The code, what the document is, for whom, when, and the SHA-256 of every file handed
out are stored; a file is authentic when its hash is one of those.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from checkers.text import strip_marks
from docservice.clock import utc_now
from docservice.errors import DocserviceError, InputError, NotFound
from docservice.formatting import Lang
from docservice.generation import codes
from docservice.generation.context import Verification, build_context
from docservice.generation.institution import InstitutionProfile
from docservice.generation.pdf import PdfConverter
from docservice.generation.qr import qr_png
from docservice.generation.render import render_docx
from docservice.generation.signing import PdfSigner
from docservice.generation.templates import TemplateFile, TemplateStore, uses_grant, variant_for
from docservice.generation.verification import (
    TITLES,
    VerifyResult,
    loaded,
    sha256,
    verify_file,
)
from docservice.grants.calculate import Breakdown
from docservice.grants.engine import GrantEngine
from docservice.mobility import Mobility
from docservice.storage.models import IssuedDocument, IssuedFile

log = logging.getLogger(__name__)

FORMATS = ("docx", "pdf")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


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
        file), and sign it when a certificate is configured: both in the signature's one
        incremental update, else with pypdf."""
        subject = f"docservice verification code {prepared.code}"
        if self.signer is not None:
            signed = self.signer.sign(
                pdf,
                reason=f"{prepared.title} issued with verification code {prepared.code}",
                location=self.institution.city,
                title=prepared.title,
                subject=subject,
                keywords=[prepared.code],
            )
            return signed, True
        try:
            writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
            writer.add_metadata(
                {"/Title": prepared.title, "/Keywords": prepared.code, "/Subject": subject}
            )
            out = io.BytesIO()
            writer.write(out)
            return out.getvalue(), False
        except (PyPdfError, ValueError, KeyError) as exc:
            log.warning("could not write metadata into the PDF of %s: %s", prepared.code, exc)
            return pdf, False

    def record(
        self,
        prepared: Prepared,
        files: list[GeneratedFile],
        *,
        mobility_id: str | None = None,
        issued_by: str | None = None,
    ) -> None:
        """Keep the document's record; for a dossier, the document replaces (and revokes) the
        older ones of the same kind and language, so one of each is current."""
        row = self._row(prepared, files)
        row.mobility_id, row.issued_by = mobility_id, issued_by
        with self.sessions.begin() as session:
            if mobility_id is not None:
                older = session.scalars(
                    select(IssuedDocument).where(
                        IssuedDocument.mobility_id == mobility_id,
                        IssuedDocument.template == row.template,
                        IssuedDocument.lang == row.lang,
                        IssuedDocument.revoked_at.is_(None),
                    )
                )
                for doc in older:
                    doc.revoked_at = row.issued_at
                    doc.revoked_reason = f"Replaced by {row.code}."
                    doc.superseded_by = row.code
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
            loaded(doc)
        log.info("revoked %s: %s", doc.code, doc.revoked_reason)
        return doc

    # --- verifying ---------------------------------------------------------------------------

    def lookup(self, code: str) -> IssuedDocument | None:
        normal = codes.normalize(code)
        if normal is None:
            return None
        with self.sessions() as session:
            return loaded(session.get(IssuedDocument, normal))

    def verify(self, data: bytes, *, expected_code: str | None = None) -> VerifyResult:
        return verify_file(self.sessions, self.signer, data, expected_code=expected_code)
