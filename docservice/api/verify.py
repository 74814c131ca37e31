"""``/verify``: the public page (and JSON) that confirms a generated document.

It shows what is needed to confirm a document, never more: its kind, the participant's name,
the issuer, the date of issue and whether it is still valid. Uploading the file itself says
whether it is byte for byte the file that was issued.
"""

from __future__ import annotations

from typing import Any

from apiflask import APIBlueprint
from flask import jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from docservice import formatting as fmt
from docservice.api import services
from docservice.errors import InputError, MalformedRequest, NotFound, UnreadableInput
from docservice.formatting import Lang
from docservice.generation import codes
from docservice.generation.verification import TITLES, VerifyResult, public_document
from docservice.web.i18n import current_language

bp = APIBlueprint("verify", __name__, tag="Verify", template_folder="../web/templates")

MAX_FILE_BYTES = 30 * 1024 * 1024


def _texts() -> dict[str, str]:
    """The page's words in the reader's language (the Turkish is in the web catalogue)."""
    return {
        "title": _("Verify a document"),
        "intro": _(
            "Documents issued with docservice carry a verification code (DS-XXXX-XXXX-XXXX) and "
            "a QR code. Enter the code to see what the document is; add the file to check that "
            "it is unaltered."
        ),
        "code": _("Verification code"),
        "file": _("The document's file (PDF or DOCX), optional"),
        "check": _("Verify"),
        "valid": _("Valid document"),
        "revoked": _("Revoked document"),
        "unknown": _("No document was issued with this code"),
        "unknown_help": _("Check the code for typos: it has 12 letters and digits after DS."),
        "malformed": _("This is not a valid verification code"),
        "type": _("Document"),
        "participant": _("Participant"),
        "issuer": _("Issued by"),
        "issued_at": _("Issued on"),
        "check_file": _("Check the file you received"),
        "file_result": _("Result for the file"),
        "authentic": _("Authentic and unaltered"),
        "altered": _("Altered: this is not the file that was issued"),
        "unknown_code": _("Not issued: the code in this file was never issued"),
        "not_recognised": _("Not recognised"),
        "other": _("This file is a different document"),
        "signature": _("Digital signature"),
        "sig_ok": _("valid, covers the whole file"),
        "sig_bad": _("NOT valid"),
        "says_authentic": _("This is the %(what)s as it was issued."),
        "says_revoked": _("This file is the %(what)s as it was issued, but it was revoked."),
        "says_altered": _(
            "The file carries the code of the %(what)s, but it is not the file that was issued: "
            "at least one byte differs. Do not accept it."
        ),
        "says_unknown_code": _(
            "The code %(code)s printed in this file was never issued. Do not accept it."
        ),
        "says_not_recognised": _(
            "This file is not one that was issued here, and no verification code can be read "
            "from it. Enter the code printed on the document to look it up."
        ),
    }


def _said(result: VerifyResult, lang: Lang) -> str:
    """What the file's result means, in the page's language."""
    doc = result.document
    what = f"{TITLES[doc.template][lang].lower()} {doc.code}" if doc else ""
    return _texts()[f"says_{result.status}"] % {"what": what, "code": result.code or ""}


def _shown(document: Any, lang: Lang) -> dict[str, str]:
    """The issuer's name and the date of issue as the page's language writes them."""
    institution = services().documents.institution
    issuer = document.issuer
    if issuer in (institution.name_en, institution.name_tr):
        issuer = institution.name(lang)
    return {"issuer": issuer, "issued_on": fmt.date(document.issued_at.date(), lang)}


def _wants_json() -> bool:
    if request.args.get("format") == "json":
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return (
        best == "application/json"
        and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def _page(status: int = 200, **values: Any) -> tuple[str, int]:
    lang: Lang = "tr" if current_language() == "tr" else "en"
    if values.get("document") is not None:
        values["shown"] = _shown(values["document"], lang)
    if values.get("result") is not None:
        values["said"] = _said(values["result"], lang)
    return (
        render_template(
            "verify.html",
            t=_texts(),
            lang=lang,
            other_lang="en" if lang == "tr" else "tr",
            switch="English" if lang == "tr" else "Türkçe",
            titles=TITLES,
            **values,
        ),
        status,
    )


def _uploaded() -> bytes | None:
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return None
    data = bytes(upload.read(MAX_FILE_BYTES + 1))
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableInput(f"The file is larger than {MAX_FILE_BYTES // 2**20} MB.")
    if not data:
        raise UnreadableInput("The file is empty.")
    return data


@bp.get("/verify")
@bp.doc(summary="The verify page: enter a code or upload a file")
def start() -> Any:
    code = request.args.get("code", "").strip()
    if code:
        normal = codes.normalize(code) or code
        return redirect(url_for("verify.show", code=normal, lang=request.args.get("lang")))
    return _page()


@bp.post("/verify")
@bp.doc(
    summary="Verify an uploaded file",
    responses={200: "The result", 400: "No file or an unreadable one"},
)
def check_file() -> Any:
    """Multipart `file`: is it a document docservice issued, and unaltered? Optional `code`:
    the code printed on the document, for a file too damaged to carry it."""
    data = _uploaded()
    code = request.form.get("code", "").strip() or None
    if data is None:
        if code:
            normal = codes.normalize(code) or code
            return redirect(url_for("verify.show", code=normal, lang=current_language()), code=303)
        raise InputError(
            "Nothing to verify.", hint="Enter the code printed on the document, or choose its file."
        )
    result = services().documents.verify(data, expected_code=code)
    if _wants_json():
        return jsonify(result.public_dict())
    return _page(result=result, document=result.document, code=result.code)


@bp.get("/verify/<code>")
@bp.doc(
    summary="What the document with this code is, and whether it is valid",
    responses={404: "No document has this code"},
)
def show(code: str) -> Any:
    """Public. HTML for people; JSON with `Accept: application/json`: the document's kind, the
    participant's name, the issuer, the date of issue and whether it is valid."""
    normal = codes.normalize(code)
    if normal is not None and normal != code:
        return redirect(
            url_for("verify.show", code=normal, lang=request.args.get("lang")), code=301
        )
    document = services().documents.lookup(code) if normal else None
    if _wants_json():
        if document is None:
            raise NotFound(
                f"No document was issued with the code {code!r}; check it for typos.",
                code="unknown_code",
            )
        return jsonify({"code": document.code, **public_document(document)})
    if document is None:
        return _page(404, code=code, malformed=normal is None, missing=True)
    return _page(document=document, code=document.code)


@bp.post("/verify/<code>")
@bp.doc(summary="Check an uploaded file against this code", responses={404: "Unknown code"})
def check_against(code: str) -> Any:
    """Multipart `file`: is it, byte for byte, the file issued with this code?"""
    normal = codes.normalize(code)
    document = services().documents.lookup(code) if normal else None
    if document is None:
        if _wants_json():
            raise NotFound(f"No document was issued with the code {code!r}.", code="unknown_code")
        return _page(404, code=code, malformed=normal is None, missing=True)
    data = _uploaded()
    if data is None:
        raise MalformedRequest(
            "Send the document as the multipart field 'file'.", code="unreadable_input"
        )
    result: VerifyResult = services().documents.verify(data, expected_code=document.code)
    other = result.document is not None and result.document.code != document.code
    if _wants_json():
        body = result.public_dict()
        body["matches_code"] = result.valid and not other
        return jsonify(body)
    return _page(result=result, document=document, code=document.code, other=other)
