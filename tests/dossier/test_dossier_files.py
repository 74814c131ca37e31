"""A dossier's files through the API: passport scans deleted when their retention ends, and
downloads that work whatever the data folder's path."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from typing import Any

import pytest

from docservice.dossier.retention import expired_scans
from tests.dossier.conftest import wait_checked
from tests.dossier.support import (
    RETURN_DOCUMENTS,
    before_departure,
    new_record,
    upload,
    upload_bytes,
)
from tests.support import signed_in


def test_passport_scans_are_deleted_after_their_retention_period(app: Any, office: Any) -> None:
    store = app.extensions["docservice"].flow.store
    scan = b"%PDF-1.4\n% passport pages " + uuid.uuid4().hex.encode()
    mid = office.post("/api/v1/mobilities", json=new_record()).json["id"]
    before_departure(office, mid)
    for kind, path in RETURN_DOCUMENTS.items():
        upload(office, mid, kind, path)
    upload_bytes(office, mid, "passport_stamps", scan, "passport.pdf")
    # The same scan in a dossier that is not settled keeps its file.
    unsettled = office.post("/api/v1/mobilities", json=new_record()).json["id"]
    upload_bytes(office, unsettled, "passport_stamps", scan, "passport.pdf")
    wait_checked(office, unsettled)
    wait_checked(office, mid)
    again = scan + b" second copy"  # sent again: both uploads are passport scans
    upload_bytes(office, mid, "passport_stamps", again, "passport-again.pdf")
    dossier = wait_checked(office, mid)
    assert dossier["state"] == "ready_for_balance" and dossier["settled_at"] is not None

    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=31)
    assert expired_scans(store, dt.timedelta(days=30)) == 0  # not yet
    assert expired_scans(store, dt.timedelta(days=30), now=later) == 2
    assert expired_scans(store, dt.timedelta(days=30), now=later) == 0  # once
    assert not store.blobs.exists(hashlib.sha256(again).hexdigest())
    assert store.blobs.exists(hashlib.sha256(scan).hexdigest())  # the other dossier has it

    doc = office.get(f"/api/v1/mobilities/{mid}/documents/passport_stamps").json
    assert doc["upload"]["file_deleted_at"] is not None and doc["report"] is not None
    gone = office.get(f"/api/v1/mobilities/{mid}/documents/passport_stamps/file")
    assert gone.status_code == 404 and "retention period" in gone.json["error"]["message"]
    kept = office.get(f"/api/v1/mobilities/{unsettled}/documents/passport_stamps/file")
    assert kept.status_code == 200 and kept.data == scan
    kept.close()
    other = office.get(f"/api/v1/mobilities/{mid}/documents/entry_exit_record/file")
    assert other.status_code == 200
    other.close()
    log = office.get(f"/api/v1/mobilities/{mid}/audit").json["entries"]
    assert ("document.file_deleted", "retention") in {(e["action"], e["actor"]) for e in log}


def test_files_download_with_a_relative_data_folder(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The embedded default is ./instance: stored files must still be found when sent."""
    from tests.dossier.conftest import close_app, make_app

    monkeypatch.chdir(tmp_path)
    app = make_app("instance", WORKERS=0)
    try:
        assert app.extensions["docservice"].settings.data_dir == tmp_path / "instance"
        office = signed_in(app)
        mid = office.post("/api/v1/mobilities", json=new_record()).json["id"]
        upload_bytes(office, mid, "language_certificate", b"%PDF-1.4 B2 level", "b2.pdf")
        got = office.get(f"/api/v1/mobilities/{mid}/documents/language_certificate/file")
        assert got.status_code == 200 and got.data == b"%PDF-1.4 B2 level"
        got.close()
        made = office.post(f"/api/v1/mobilities/{mid}/generated/mobility_agreement?format=docx")
        again = office.get(made.json["files"][0]["download"])
        assert again.status_code == 200 and again.data[:2] == b"PK"
        again.close()
    finally:
        close_app(app)
