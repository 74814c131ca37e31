"""The long-lived parts of the service, built from settings once, for the web service, the
workers and the command line.

Three steps, each doing only its own work:

- ``prepare(settings)`` (``docservice setup``, and ``serve`` and ``worker`` before they start):
  the data folder, the database migrated, the embedded queue's file, the demo signing
  certificate and the session key. It writes; it is idempotent.
- ``Services.build(settings)``: every part wired to the others, each given what it uses in its
  constructor. It starts, writes and migrates nothing (``create_app`` is this and the routes).
- ``services.start(workers)`` (``serve``): batch jobs left by a restart resumed, old batches
  deleted, check threads started, LibreOffice warmed up; ``services.close()`` stops it all.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from docservice.access.auth import TokenStore
from docservice.access.users import UserStore
from docservice.background.jobs import BatchJobs
from docservice.background.mail import Mailer
from docservice.background.tasks import CheckQueue, TaskQueue, make_huey
from docservice.background.webhooks import Webhooks
from docservice.clock import utc_now
from docservice.dossier.service import Dossiers
from docservice.dossier.store import DossierStore
from docservice.errors import ConfigurationError
from docservice.generation.institution import (
    InstitutionProfile,
    demo_institution,
)
from docservice.generation.pdf import BatchConverter, PdfConverter, WarmConverter
from docservice.generation.service import DocumentService
from docservice.generation.signing import PdfSigner, make_demo_certificate
from docservice.generation.templates import TemplateStore
from docservice.grants.engine import GrantEngine
from docservice.messaging.links import ParticipantLinks
from docservice.messaging.notices import Notices
from docservice.projects.service import Projects
from docservice.projects.store import ProjectStore
from docservice.selection.calls import CallStore
from docservice.selection.ranking import partner_regions
from docservice.selection.service import Selection
from docservice.settings import Settings
from docservice.storage.blobs import BlobStore
from docservice.storage.db import migrate, open_engine, session_factory, sqlite_url

log = logging.getLogger(__name__)

SESSION_KEY_FILE = "secret_key"


def session_key(settings: Settings) -> str:
    """``DOCSERVICE_SECRET_KEY``, else a random key kept in the data folder (mode 0600), made
    the first time, so sessions outlive a restart and are shared by the processes of one
    service."""
    if settings.secret_key:
        return settings.secret_key
    path = settings.data_dir / SESSION_KEY_FILE
    if not path.exists():
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(f".{os.getpid()}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
        if not path.exists():  # another process may have made it meanwhile: keep theirs
            temp.replace(path)
        else:
            temp.unlink()
    return path.read_text().strip()


def stored_session_key(settings: Settings) -> str:
    """The session key as ``prepare`` left it; never made here."""
    if settings.secret_key:
        return settings.secret_key
    path = settings.data_dir / SESSION_KEY_FILE
    if not path.exists():
        raise ConfigurationError(
            f"The data folder {settings.data_dir} is not set up (it has no session key).",
            hint="Run `docservice setup` (or `./run setup`) once, or set DOCSERVICE_SECRET_KEY.",
        )
    return path.read_text().strip()


def open_database(settings: Settings) -> tuple[Engine, sessionmaker[Session]]:
    """The database's engine and sessions; nothing is connected until a session is used."""
    engine = open_engine(settings.database_url or sqlite_url(settings.data_dir))
    return engine, session_factory(engine)


def _require_prepared(settings: Settings) -> None:
    embedded = settings.database_url is None
    if not settings.data_dir.is_dir() or (embedded and not _sqlite_file(settings).exists()):
        raise ConfigurationError(
            f"The data folder {settings.data_dir} is not set up.",
            hint="Run `docservice setup` (or `./run setup`) once; `docservice serve` does it too.",
        )


def _sqlite_file(settings: Settings) -> Path:
    return Path(sqlite_url(settings.data_dir).removeprefix("sqlite:///"))


def prepare(settings: Settings) -> None:
    """What must exist before the service runs: the data folder (owner only), the database at
    the newest schema, the embedded queue's file, the demo signing certificate (when PDFs are
    signed and no certificate is configured) and the key that signs sessions."""
    settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    engine, _sessions = open_database(settings)
    migrate(engine)
    engine.dispose()
    if not settings.queue_url:
        storage = make_huey(settings).storage
        storage.queue_size()  # the embedded queue's file and tables, made now
        storage.close()
    if settings.sign_pdf and settings.signing_cert is None:
        make_demo_certificate(settings.demo_certificate, institution(settings).name_en)
    if not settings.secret_key:
        session_key(settings)


def institution(settings: Settings) -> InstitutionProfile:
    if settings.institution_file is None:
        return demo_institution()
    return InstitutionProfile.from_file(settings.institution_file)


def signer(settings: Settings, profile: InstitutionProfile) -> PdfSigner | None:
    if not settings.sign_pdf:
        return None
    path = settings.signing_cert or settings.demo_certificate  # made by ``prepare``
    return PdfSigner(path, settings.signing_password)


def converter_factory(
    settings: Settings, *, warm: bool | None = None
) -> Callable[[], PdfConverter]:
    use_warm = settings.pdf_engine == "warm" if warm is None else warm
    return partial(WarmConverter) if use_warm else partial(BatchConverter)


def document_service(
    settings: Settings,
    grants: GrantEngine,
    sessions: sessionmaker[Session],
    *,
    warm: bool | None = None,
    converter: Callable[[], PdfConverter] | None = None,
) -> DocumentService:
    profile = institution(settings)
    return DocumentService(
        grants=grants,
        templates=TemplateStore.from_settings(settings.templates_dir),
        institution=profile,
        sessions=sessions,
        converter=converter or converter_factory(settings, warm=warm),
        signer=signer(settings, profile),
        public_url=settings.public_url,
    )


def project_policies(sessions: sessionmaker[Session]) -> Callable[[str], dict[str, Any]]:
    """A project's own policy keys by its number (none for a number no project has)."""
    store = ProjectStore(sessions)

    def policy(number: str) -> dict[str, Any]:
        row = store.find(number)
        return dict(row.policy) if row is not None else {}

    return policy


@dataclass(frozen=True)
class Workflow:
    """The dossier workflow's parts, wired to each other and to the queue."""

    store: DossierStore
    dossiers: Dossiers
    webhooks: Webhooks
    tasks: CheckQueue
    tokens: TokenStore
    mailer: Mailer
    links: ParticipantLinks
    selection: Selection
    projects: Projects


def workflow(
    settings: Settings,
    grants: GrantEngine,
    sessions: sessionmaker[Session],
    queue: TaskQueue,
    jobs: BatchJobs,
    *,
    documents: DocumentService | None = None,
) -> Workflow:
    store = DossierStore(sessions, BlobStore(settings.data_dir / "files"))
    webhooks = Webhooks(
        sessions,
        settings.webhook_urls,
        settings.webhook_secret,
        queue,
        retry_base_s=settings.webhook_retry_seconds,
    )
    project_store = ProjectStore(sessions)

    def project_dates(number: str) -> tuple[dt.date, dt.date, str] | None:
        row = project_store.find(number)
        return None if row is None else (row.start_date, row.end_date, row.action)

    dossiers = Dossiers(store, grants, webhooks, queue, documents, project_dates)
    mailer = Mailer(sessions, queue, settings.smtp_url, settings.mail_from)
    profile = institution(settings)
    notices = Notices(store, dossiers, mailer, settings, profile)
    webhooks.listen(notices.on_event)
    tasks = CheckQueue(queue, dossiers, store, webhooks, jobs, settings, mailer, notices)
    tokens = TokenStore(sessions)
    links = ParticipantLinks(store, tokens, mailer, settings, profile)
    selection = Selection(
        CallStore(sessions),
        store,
        grants,
        profile,
        partial(partner_regions, grants.tables),
        lambda: utc_now().date(),
    )
    regions = partial(partner_regions, grants.tables)
    projects = Projects(project_store, dossiers, regions, profile)
    return Workflow(store, dossiers, webhooks, tasks, tokens, mailer, links, selection, projects)


@dataclass(frozen=True)
class Services:
    """Every long-lived part of one service, built once from its settings; ``close`` ends what
    was started."""

    settings: Settings
    grants: GrantEngine
    engine: Engine
    sessions: sessionmaker[Session]
    documents: DocumentService
    jobs: BatchJobs
    flow: Workflow
    users: UserStore

    @classmethod
    def build(
        cls,
        settings: Settings,
        *,
        immediate: bool = False,
        warm: bool | None = None,
        converter: Callable[[], PdfConverter] | None = None,
    ) -> Services:
        """Wired, and nothing started, written or migrated (see ``prepare`` and ``start``)."""
        _require_prepared(settings)
        engine, sessions = open_database(settings)
        grants = replace(
            GrantEngine.from_paths(settings.rates_dir, settings.policy_file),
            project_policy=project_policies(sessions),
        )
        documents = document_service(settings, grants, sessions, warm=warm, converter=converter)
        queue = TaskQueue(make_huey(settings, immediate=immediate))
        jobs = BatchJobs(
            documents,
            sessions,
            settings.data_dir / "batches",
            queue,
            retention=dt.timedelta(days=settings.batch_retention_days),
            lease=dt.timedelta(seconds=settings.check_lease),
            blobs=BlobStore(settings.data_dir / "files"),
        )
        flow = workflow(settings, grants, sessions, queue, jobs, documents=documents)
        return cls(settings, grants, engine, sessions, documents, jobs, flow, UserStore(sessions))

    def start(self, workers: int | None = None) -> None:
        """The background work of ``serve``: old batches go, ``workers`` threads start for the
        checks, webhooks and batch jobs (the settings' number by default), and
        LibreOffice warms up so the first PDF does not wait for it."""
        self.flow.tasks.ensure_reachable()
        self.jobs.expire()  # batch jobs a restart interrupted: the workers' sweep queues them
        threads = self.settings.workers if workers is None else workers
        if threads:
            self.flow.tasks.start(threads)
        threading.Thread(target=self.documents.warm_up, name="warm-up", daemon=True).start()

    def close(self) -> None:
        """Stop the check threads, the batch thread and LibreOffice; let go of the database."""
        self.flow.tasks.stop()
        self.documents.close()
        self.engine.dispose()
