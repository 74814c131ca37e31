"""Signing with an office's own certificate: a chain of large RSA keys fits the room the
signature is given up front."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pypdf import PdfWriter

from docservice.generation.signing import PdfSigner


def _certificate(name: str, key: rsa.RSAPrivateKey, issuer: tuple[str, rsa.RSAPrivateKey] | None,
                 ca: bool) -> x509.Certificate:  # fmt: skip
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    issuer_name = (
        x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer[0])]) if issuer else subject
    )
    now = dt.datetime.now(dt.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .sign(issuer[1] if issuer else key, hashes.SHA256())
    )


def test_a_chain_of_rsa_4096_certificates_signs(tmp_path: Path) -> None:
    keys = [rsa.generate_private_key(public_exponent=65537, key_size=4096) for _ in range(3)]
    root = _certificate("Root CA", keys[0], None, True)
    middle = _certificate("Issuing CA", keys[1], ("Root CA", keys[0]), True)
    leaf = _certificate("Erasmus+ Office, Demo University", keys[2], ("Issuing CA", keys[1]), False)
    p12 = tmp_path / "office.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"office", keys[2], leaf, [middle, root], serialization.NoEncryption()
        )
    )
    pdf = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(pdf)
    signer = PdfSigner(p12).load()
    signed = signer.sign(pdf.getvalue(), reason="test", location="Trabzon")
    status = signer.status(signed)
    assert status is not None and status.intact and status.whole_file
