"""PAdES signatures on generated PDFs (pyHanko), and the demo certificate a fresh install uses.

An office configures its own certificate as a PKCS#12 file (``DOCSERVICE_SIGNING_CERT`` and
``DOCSERVICE_SIGNING_PASSWORD``). Without one, setup makes a self-signed demo certificate in the
data folder so that signing can be seen working; a demo signature proves integrity, not identity.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from docservice.errors import SigningError

DEMO_NAME = "docservice DEMO signing certificate"


def make_demo_certificate(path: Path, organisation: str, *, years: int = 5) -> Path:
    """A self-signed signing certificate in a password-less PKCS#12 file readable by its owner
    only. An existing file is kept."""
    if path.exists():
        return path
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            # X.509 names hold at most 64 characters
            x509.NameAttribute(NameOID.COMMON_NAME, f"DEMO signature – {organisation}"[:64]),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation[:64]),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, DEMO_NAME),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "TR"),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        b"docservice-demo", key, cert, None, serialization.NoEncryption()
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    tmp.replace(path)
    return path


@dataclass(frozen=True)
class SignatureStatus:
    signer: str
    intact: bool  # the signed bytes are unchanged
    trusted: bool  # the signer's certificate is the configured one
    whole_file: bool  # nothing was added after signing
    signed_at: str | None

    @property
    def ok(self) -> bool:
        return self.intact and self.trusted and self.whole_file


class PdfSigner:
    """Signs PDFs with the key in a PKCS#12 file, read when it is first needed (making the
    service reads no file; ``docservice setup`` makes the demo certificate)."""

    def __init__(self, p12: Path, password: str | None = None) -> None:
        self.path = p12
        self._password = password

    @cached_property
    def _material(self) -> tuple[bytes, str, Any]:
        from pyhanko.sign import signers

        p12, password = self.path, self._password
        try:
            raw = p12.read_bytes()
            passphrase = password.encode() if password else None
            _key, cert, _others = pkcs12.load_key_and_certificates(raw, passphrase)
        except FileNotFoundError:
            raise SigningError(
                f"The signing certificate {p12} does not exist; run `docservice setup` for the "
                "demo certificate or fix DOCSERVICE_SIGNING_CERT."
            ) from None
        except (ValueError, OSError) as exc:
            raise SigningError(
                f"The signing certificate {p12} cannot be read ({exc}); check the file and "
                "DOCSERVICE_SIGNING_PASSWORD."
            ) from None
        if cert is None:
            raise SigningError(f"{p12} holds no certificate.")
        signer = signers.SimpleSigner.load_pkcs12_data(raw, [], passphrase=passphrase)
        if signer is None:
            raise SigningError(f"{p12} holds no usable signing key.")
        der = cert.public_bytes(serialization.Encoding.DER)
        return der, cert.subject.rfc4514_string(), signer

    def load(self) -> PdfSigner:
        """Read the certificate now: a mistake in it is found at start, not at the first PDF."""
        _ = self._material
        return self

    @property
    def certificate_der(self) -> bytes:
        return self._material[0]

    @property
    def subject(self) -> str:
        return self._material[1]

    @property
    def _signer(self) -> Any:
        return self._material[2]

    @cached_property
    def _room(self) -> int:
        """Room for the signature, in the hexadecimal digits pyhanko counts (two a byte): the
        certificates it carries, the signature value and the signed attributes (well under
        2 KB, even with an RSA-4096 key), with a margin."""
        signer = self._signer
        carried = [signer.signing_cert, *list(getattr(signer, "cert_registry", None) or [])]
        return 2 * (2048 + sum(len(cert.dump()) for cert in carried if cert is not None))

    def sign(
        self,
        pdf: bytes,
        *,
        reason: str,
        location: str,
        title: str | None = None,
        subject: str | None = None,
        keywords: list[str] | None = None,
    ) -> bytes:
        """The PDF signed, in one incremental update that also writes ``title``, ``subject``
        and ``keywords`` into its metadata (as written, ASCII ones in plain bytes)."""
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers

        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        meta_out = writer.document_meta
        if title is not None:
            meta_out.title = title
        if subject is not None:
            meta_out.subject = subject
        if keywords is not None:
            meta_out.keywords = list(keywords)
        meta = signers.PdfSignatureMetadata(
            field_name="docservice",
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            reason=reason,
            location=location,
        )
        # room for the signature given up front: pyhanko otherwise builds a throwaway signature
        # first to measure it (half the time of signing)
        out = signers.sign_pdf(writer, meta, signer=self._signer, bytes_reserved=self._room)
        return bytes(out.getvalue())

    def status(self, pdf: bytes) -> SignatureStatus | None:
        """The last signature in a PDF, checked against this certificate; None when unsigned."""
        from asn1crypto import x509 as asn1_x509
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko_certvalidator import ValidationContext

        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
        if not signatures:
            return None
        embedded = signatures[-1]
        root = asn1_x509.Certificate.load(self.certificate_der)
        context = ValidationContext(trust_roots=[root], allow_fetching=False)
        result = validate_pdf_signature(embedded, context)
        from pyhanko.sign.validation.status import SignatureCoverageLevel

        signed_at = result.signer_reported_dt.isoformat() if result.signer_reported_dt else None
        return SignatureStatus(
            signer=str(result.signing_cert.subject.native.get("common_name", "")),
            intact=bool(result.intact and result.valid),
            trusted=bool(result.trusted),
            whole_file=result.coverage == SignatureCoverageLevel.ENTIRE_FILE,
            signed_at=signed_at,
        )
