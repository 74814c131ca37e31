"""Render a DOCX template with a context, and mark the file with its verification code.

The code goes into the document's text (the template prints it), its core properties (title,
keywords: LibreOffice carries them into the PDF) and the ZIP comment, so ``docservice verify``
finds it even in a file too damaged to open.
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from typing import Any

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import TemplateError as JinjaError
from jinja2 import TemplateSyntaxError, UndefinedError

from docservice.errors import TemplateError
from docservice.generation.templates import TemplateFile, jinja_env

PICTURE_WIDTHS_MM = {"logo": 20, "qr": 24}


@lru_cache(maxsize=32)
def _patched(xml: str) -> str:
    cleaned: str = DocxTemplate.patch_xml(None, xml)  # it reads nothing of its template
    return cleaned


class _Template(DocxTemplate):  # type: ignore[misc]
    """docxtpl's template whose parts' XML is cleaned for Jinja (a dozen regular expressions
    over the whole part) once per text of the part, not again on every render."""

    def patch_xml(self, src_xml: str) -> str:
        return _patched(src_xml)


def _pictures(tpl: DocxTemplate, context: dict[str, Any]) -> dict[str, Any]:
    out = dict(context)
    institution = dict(out["institution"])
    logo = institution.get("logo")
    institution["logo"] = (
        InlineImage(tpl, io.BytesIO(logo), width=Mm(PICTURE_WIDTHS_MM["logo"])) if logo else ""
    )
    out["institution"] = institution
    verification = dict(out["verification"])
    verification["qr"] = InlineImage(
        tpl, io.BytesIO(verification["qr"]), width=Mm(PICTURE_WIDTHS_MM["qr"])
    )
    out["verification"] = verification
    return out


def render_docx(template: TemplateFile, context: dict[str, Any], *, title: str) -> bytes:
    tpl = _Template(str(template.path))
    try:
        tpl.render(_pictures(tpl, context), jinja_env=jinja_env())
    except UndefinedError as exc:
        raise TemplateError(
            f"{template.label} uses a variable that does not exist ({exc.message}); run "
            "`docservice templates check` to list every unknown variable."
        ) from None
    except TemplateSyntaxError as exc:
        raise TemplateError(
            f"{template.label} has a template mistake: {exc.message}; run "
            "`docservice templates check` for where it is."
        ) from None
    except JinjaError as exc:
        raise TemplateError(f"{template.label} could not be rendered: {exc}.") from None
    code = context["verification"]["code"]
    props = tpl.docx.core_properties
    # Word keeps a core property to 255 characters
    props.title = title[:255]
    props.subject = f"{title} – {context['participant']['name']}"[:255]
    props.keywords = code
    props.identifier = code
    props.author = context["institution"]["name"]
    buffer = io.BytesIO()
    tpl.save(buffer)
    return _with_zip_comment(buffer.getvalue(), f"docservice verification code {code}")


def _with_zip_comment(docx: bytes, comment: str) -> bytes:
    """The DOCX with ``comment`` in its ZIP's end record (the parts are not written again)."""
    out = io.BytesIO(docx)
    with zipfile.ZipFile(out, "a") as archive:
        archive.comment = comment.encode("ascii")
    return out.getvalue()
