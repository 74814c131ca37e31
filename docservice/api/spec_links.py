"""The links of the OpenAPI document: what one answer gives the next call (a new dossier's
id, a call's id, a batch job's id, a generated document's code), for clients and for
schemathesis's sequences of calls."""

from __future__ import annotations

API_PREFIX = "/api/v1"


def ref_to(path: str, method: str) -> str:
    """The JSON pointer of an operation in the document."""
    return "#/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method


M = f"{API_PREFIX}/mobilities/{{mobility_id}}"
C = f"{API_PREFIX}/calls/{{call_id}}"
# What one answer gives the next call (OpenAPI links): a new dossier's id, a batch job's id, a
# generated document's code.
LINKS: dict[tuple[str, str, str], dict[str, tuple[str, str, dict[str, str]]]] = {
    (f"{API_PREFIX}/mobilities", "post", "201"): {
        name: (path, method, {"mobility_id": "$response.body#/id"})
        for name, path, method in [
            ("GetDossier", M, "get"),
            ("ChangeRecord", M, "put"),
            ("Audit", f"{M}/audit", "get"),
            ("Upload", f"{M}/documents/{{kind}}", "put"),
            ("DocumentStatus", f"{M}/documents/{{kind}}", "get"),
            ("Decide", f"{M}/documents/{{kind}}/decision", "post"),
            ("ForceMajeure", f"{M}/force-majeure", "put"),
            ("ConfirmReconciliation", f"{M}/reconciliation/confirm", "post"),
            ("Generate", f"{M}/generated/{{template}}", "post"),
            ("ParticipantLink", f"{M}/participant-link", "post"),
        ]
    },
    (f"{API_PREFIX}/calls", "post", "201"): {
        name: (f"{C}{tail}", method, {"call_id": "$response.body#/id"})
        for name, tail, method in [
            ("GetCall", "", "get"),
            ("ImportApplications", "/applications", "post"),
            ("Applications", "/applications", "get"),
            ("Partners", "/partners", "put"),
            ("Rank", "/ranking", "post"),
            ("Ranking", "/ranking", "get"),
            ("Letters", "/letters", "post"),
            ("Withdraw", "/withdrawals", "post"),
            ("Budget", "/budget", "get"),
            ("Dossiers", "/dossiers", "post"),
        ]
    },
    (f"{API_PREFIX}/projects", "post", "201"): {
        name: (
            f"{API_PREFIX}/projects/{{number}}{tail}",
            method,
            {"number": "$response.body#/number"},
        )
        for name, tail, method in [
            ("GetProject", "", "get"),
            ("ModuleFile", "/beneficiary-module", "get"),
            ("ModuleCheck", "/beneficiary-module/check", "get"),
            ("Report", "/report", "get"),
        ]
    },
    (f"{M}/generated/{{template}}", "post", "201"): {
        "DownloadGenerated": (
            f"{M}/generated/{{code}}/{{fmt}}",
            "get",
            {"mobility_id": "$request.path.mobility_id", "code": "$response.body#/code"},
        ),
        "IssuedDocument": (
            f"{API_PREFIX}/documents/issued/{{code}}",
            "get",
            {"code": "$response.body#/code"},
        ),
    },
    (f"{API_PREFIX}/documents/{{template}}", "post", "200"): {
        name: (path, method, {"code": "$response.header.X-Verification-Code"})
        for name, path, method in [
            ("IssuedDocument", f"{API_PREFIX}/documents/issued/{{code}}", "get"),
            ("Revoke", f"{API_PREFIX}/documents/issued/{{code}}/revoke", "post"),
            ("VerifyPage", "/verify/{code}", "get"),
        ]
    },
    (f"{API_PREFIX}/documents/batch", "post", "202"): {
        name: (path, "get", {"job_id": "$response.body#/id"})
        for name, path in [
            ("JobStatus", f"{API_PREFIX}/documents/batch/{{job_id}}"),
            ("JobDownload", f"{API_PREFIX}/documents/batch/{{job_id}}/download"),
        ]
    },
}
