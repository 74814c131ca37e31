"""The web pages in a real browser: the service on a local port (a threaded WSGI server, two
embedded worker threads) and headless Chromium driven by Playwright.

The browser is Debian's ``chromium`` (``./run test`` installs it), or the one named by
``DOCSERVICE_TEST_CHROMIUM``. Without it the browser tests are skipped with the reason; with
``CI=true`` they fail instead. Screenshots of every page in both languages are written to
``screenshots/`` (``DOCSERVICE_SCREENSHOTS`` to change it).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.dossier.conftest import close_app, make_app
from tests.support import ROOT
from tests.web.smtp import Server

SCREENSHOTS = Path(os.environ.get("DOCSERVICE_SCREENSHOTS", ROOT / "screenshots"))
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    app = make_app(tmp_path_factory.mktemp("instance"), WORKERS=0)
    app.extensions["docservice"].users.create("ayse", "Ayşe Yılmaz", PASSWORD)
    yield app
    close_app(app)


def chromium_or_skip() -> str:
    path = os.environ.get("DOCSERVICE_TEST_CHROMIUM") or shutil.which("chromium")
    if not path:
        reason = "no Chromium to drive (apt-get install chromium, or DOCSERVICE_TEST_CHROMIUM)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    from werkzeug.serving import make_server

    smtp = Server()
    smtp.start()
    app = make_app(
        tmp_path_factory.mktemp("instance"),
        CHECK_LEASE=10,
        SMTP_URL=f"smtp://127.0.0.1:{smtp.port}",
    )
    app.extensions["docservice"].flow.tasks.start(2)
    app.extensions["docservice"].users.create("ayse", "Ayşe Yılmaz", PASSWORD, is_admin=True)
    # A threaded server that stops cleanly between tests (serve_forever / shutdown).
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    try:
        yield {"app": app, "url": url, "smtp": smtp}
    finally:
        server.shutdown()
        server.server_close()
        smtp.stop()
        thread.join(5)
        close_app(app)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        yield chromium
        chromium.close()


def shoot(page: Any, name: str) -> list[str]:
    """Screenshot the page, and check it with axe-core (WCAG 2.1 A and AA rules): the
    accessibility problems found, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    results = Axe().run(page, options=options)
    return [
        f"{name}: {v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in results.response["violations"]
    ]
