"""DOCX → PDF with LibreOffice, run headless, in two ways behind one small interface.

- :class:`BatchConverter` runs ``soffice --convert-to pdf`` once for a whole list of files: the
  cheapest way to convert many, and the only sensible one for a single command-line run.
- :class:`WarmConverter` keeps one LibreOffice running behind unoserver (LibreOffice's own UNO
  bridge, driven by Debian's ``python3-uno``) so the service does not pay a cold start per PDF.

Both take bytes and give bytes; callers never see a LibreOffice profile or a port.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import xmlrpc.client
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Protocol

from docservice.errors import ConversionError

log = logging.getLogger(__name__)
logging.getLogger("unoserver").setLevel(logging.WARNING)  # it logs every request at INFO

INSTALL_HINT = (
    "Install LibreOffice Writer and its Python bridge (./run setup does it: Debian packages "
    "libreoffice-writer-nogui and python3-uno)."
)


class PdfConverter(Protocol):
    def convert(self, docx: bytes) -> bytes: ...

    def convert_many(
        self,
        files: Sequence[Path],
        out_dir: Path,
        on_file: Callable[[Path], None] | None = None,
    ) -> list[Path]: ...

    def close(self) -> None: ...


def soffice_path() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ConversionError(f"LibreOffice (soffice) is not installed. {INSTALL_HINT}")


def _converted(line: str) -> Path | None:
    """The PDF named by a line ``convert A.docx -> B.pdf using filter : writer_pdf_Export``."""
    if not line.startswith("convert ") or " -> " not in line:
        return None
    target = line.split(" -> ", 1)[1].split(" using filter", 1)[0].strip()
    return Path(target)


def _is_pdf(path: Path) -> bool:
    with contextlib.suppress(OSError), path.open("rb") as f:
        return f.read(5) == b"%PDF-"
    return False


class BatchConverter:
    """One ``soffice --convert-to pdf`` run per call, with a private profile kept for reuse."""

    def __init__(
        self, timeout_s: float = 120.0, per_file_s: float = 10.0, *, niceness: int = 0
    ) -> None:
        """``niceness``: how far below the service's own CPU priority LibreOffice runs (a
        batch lowers it, so that the documents it waits for are rendered first)."""
        self._profile = tempfile.TemporaryDirectory(prefix="docservice-lo-")
        self._lock = threading.Lock()
        self.timeout_s = timeout_s
        self.per_file_s = per_file_s
        self.niceness = niceness

    def convert_many(
        self,
        files: Sequence[Path],
        out_dir: Path,
        on_file: Callable[[Path], None] | None = None,
    ) -> list[Path]:
        """Convert ``files`` in one LibreOffice run; ``on_file`` hears of each PDF once it is
        written."""
        if not files:
            return []
        out_dir.mkdir(parents=True, exist_ok=True)
        nice = ["nice", "-n", str(self.niceness)] if self.niceness and shutil.which("nice") else []
        command = [
            *nice,
            soffice_path(),
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            f"-env:UserInstallation={Path(self._profile.name).as_uri()}",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(out_dir),
            *[str(f) for f in files],
        ]
        timeout = self.timeout_s + self.per_file_s * len(files)
        lines: list[str] = []
        with (
            self._lock,
            subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                text=True,
                errors="replace",
            ) as process,
        ):
            timer = threading.Timer(timeout, process.kill)
            timer.start()
            try:
                assert process.stdout is not None
                # LibreOffice names a file as it starts on it: the one before is then written.
                started: Path | None = None
                for line in process.stdout:
                    lines.append(line.strip())
                    target = _converted(line)
                    if target is not None:
                        if started is not None and on_file is not None:
                            on_file(started)
                        started = target
                returncode = process.wait()
                if started is not None and on_file is not None and _is_pdf(started):
                    on_file(started)
            finally:
                timer.cancel()
        outputs = [out_dir / (f.stem + ".pdf") for f in files]
        missing = [f.name for f, out in zip(files, outputs, strict=True) if not _is_pdf(out)]
        if missing:
            detail = lines[-1] if lines else "no message"
            if returncode == -signal.SIGKILL:
                detail = f"stopped after {timeout:.0f} s; try fewer files at once"
            raise ConversionError(
                f"LibreOffice did not convert {', '.join(missing[:5])}"
                f"{' and more' if len(missing) > 5 else ''} to PDF (exit {returncode}: "
                f"{detail})."
            )
        return outputs

    def convert(self, docx: bytes) -> bytes:
        with tempfile.TemporaryDirectory(prefix="docservice-pdf-") as tmp:
            source = Path(tmp) / "document.docx"
            source.write_bytes(docx)
            (out,) = self.convert_many([source], Path(tmp) / "out")
            return out.read_bytes()

    def close(self) -> None:
        self._profile.cleanup()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def uno_python() -> str | None:
    """A Python that can ``import uno`` (Debian's, with python3-uno), or None."""
    for candidate in ("/usr/bin/python3", "/usr/lib/libreoffice/program/python"):
        if not os.access(candidate, os.X_OK):
            continue
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            probe = subprocess.run(
                [candidate, "-c", "import uno"], capture_output=True, timeout=20, check=False
            )
            if probe.returncode == 0:
                return candidate
    return None


def _unoserver_path(into: Path) -> Path:
    """A folder holding only unoserver and its metadata, for LibreOffice's Python to import."""
    dist = metadata.distribution("unoserver")
    package = Path(str(dist.locate_file("unoserver")))
    info = Path(str(dist._path))  # type: ignore[attr-defined]
    (into / "unoserver").symlink_to(package, target_is_directory=True)
    (into / info.name).symlink_to(info, target_is_directory=True)
    return into


class WarmConverter:
    """LibreOffice kept running behind unoserver; started on first use, restarted if it dies."""

    def __init__(self, start_timeout_s: float = 90.0, conversion_timeout_s: int = 120) -> None:
        self.start_timeout_s = start_timeout_s
        self.conversion_timeout_s = conversion_timeout_s
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._port = 0
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._log: Path | None = None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        with self._lock:
            self._ensure_started()

    def _ensure_started(self) -> None:
        if self.running:
            return
        self._stop()
        python = uno_python()
        if python is None:
            raise ConversionError(f"No Python with LibreOffice's uno module. {INSTALL_HINT}")
        self._tmp = tempfile.TemporaryDirectory(prefix="docservice-uno-")
        tmp = Path(self._tmp.name)
        (tmp / "lib").mkdir()
        (tmp / "profile").mkdir()
        self._port = _free_port()
        self._log = tmp / "unoserver.log"
        env = dict(os.environ, PYTHONPATH=str(_unoserver_path(tmp / "lib")))
        command = [
            python,
            "-m",
            "unoserver.server",
            "--interface",
            "127.0.0.1",
            "--port",
            str(self._port),
            "--uno-port",
            str(_free_port()),
            "--executable",
            soffice_path(),
            "--user-installation",
            str(tmp / "profile"),
            "--conversion-timeout",
            str(self.conversion_timeout_s),
            "--quiet",
        ]
        with self._log.open("wb") as logfile:
            self._process = subprocess.Popen(
                command,
                env=env,
                stdout=logfile,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        deadline = time.monotonic() + self.start_timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                break
            with contextlib.suppress(OSError, xmlrpc.client.Error):
                proxy = xmlrpc.client.ServerProxy(f"http://127.0.0.1:{self._port}", allow_none=True)
                proxy.info()
                log.info("LibreOffice is warm (unoserver on port %s)", self._port)
                return
            time.sleep(0.25)
        tail = self._log.read_text(errors="replace").strip().splitlines()[-3:]
        self._stop()
        raise ConversionError(
            "LibreOffice (unoserver) did not start"
            + (f": {' / '.join(tail)}" if tail else "")
            + f". {INSTALL_HINT}"
        )

    def _convert_once(self, docx: bytes) -> bytes:
        from unoserver.client import UnoClient

        client = UnoClient("127.0.0.1", str(self._port), host_location="remote")
        result = client.convert(indata=docx, convert_to="pdf")
        if not isinstance(result, bytes) or not result.startswith(b"%PDF-"):
            raise ConversionError("LibreOffice returned something that is not a PDF.")
        return result

    def convert(self, docx: bytes) -> bytes:
        with self._lock:
            self._ensure_started()
            try:
                return self._convert_once(docx)
            except (OSError, xmlrpc.client.Error) as exc:
                log.warning("LibreOffice failed (%s); restarting it once", exc)
                self._stop()
                self._ensure_started()
                try:
                    return self._convert_once(docx)
                except (OSError, xmlrpc.client.Error) as again:
                    raise ConversionError(
                        f"LibreOffice could not convert the file: {again}."
                    ) from None

    def convert_many(
        self,
        files: Sequence[Path],
        out_dir: Path,
        on_file: Callable[[Path], None] | None = None,
    ) -> list[Path]:
        out_dir.mkdir(parents=True, exist_ok=True)
        outputs = []
        for f in files:
            out = out_dir / (f.stem + ".pdf")
            out.write_bytes(self.convert(f.read_bytes()))
            outputs.append(out)
            if on_file is not None:
                on_file(out)
        return outputs

    def _stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._process.pid, signal.SIGTERM)
            try:
                self._process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self._process.pid, signal.SIGKILL)
                self._process.wait(timeout=5)
        self._process = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def close(self) -> None:
        with self._lock:
            self._stop()
