"""Reading generated documents back, by meaning: their text, never their bytes."""

from __future__ import annotations

import io
import re

from docx import Document
from docx.table import Table
from pypdf import PdfReader

LEFTOVER = re.compile(r"\{[{%#]|[}%#]\}")


def _table_text(table: Table) -> list[str]:
    out = []
    for row in table.rows:
        for cell in row.cells:
            out.extend(p.text for p in cell.paragraphs)
            for inner in cell.tables:
                out.extend(_table_text(inner))
    return out


def docx_text(data: bytes) -> str:
    """Body, tables, headers and footers of a DOCX, one paragraph per line."""
    doc = Document(io.BytesIO(data))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        lines.extend(_table_text(table))
    for section in doc.sections:
        for part in (section.header, section.footer):
            lines.extend(p.text for p in part.paragraphs)
            for table in part.tables:
                lines.extend(_table_text(table))
    return "\n".join(lines)


def docx_pictures(data: bytes) -> int:
    doc = Document(io.BytesIO(data))
    return sum(1 for rel in doc.part.package.parts if rel.partname.startswith("/word/media/"))


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def squash(text: str) -> str:
    """Whitespace folded, for phrases that a PDF may break across lines."""
    return re.sub(r"\s+", " ", text)
