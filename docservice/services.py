"""Build the long-lived parts from settings, once, for the web service and the command line."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from docservice.auth import TokenStore
from docservice.documents import DocumentService
from docservice.dossier.service import Dossiers
from docservice.dossier.store import DossierStore
from docservice.generation.institution import (
    InstitutionProfile,
    demo_institution,
)
from docservice.generation.pdf import BatchConverter, PdfConverter, WarmConverter
from docservice.generation.signing import PdfSigner, make_demo_certificate
from docservice.generation.templates import TemplateStore
from docservice.grants.engine import GrantEngine
from docservice.settings import Settings
from docservice.storage.blobs import BlobStore
from docservice.storage.db import migrate, open_engine, session_factory, sqlite_url
from docservice.tasks import CheckQueue, make_huey
from docservice.webhooks import Webhooks

log = logging.getLogger(__name__)


def database(settings: Settings) -> tuple[Engine, sessionmaker[Session]]:
    engine = open_engine(settings.database_url or sqlite_url(settings.data_dir))
    migrate(engine)
    return engine, session_factory(engine)


def institution(settings: Settings) -> InstitutionProfile:
    if settings.institution_file is None:
        return demo_institution()
    return InstitutionProfile.from_file(settings.institution_file)


def signer(settings: Settings, profile: InstitutionProfile) -> PdfSigner | None:
    if not settings.sign_pdf:
        return None
    path = settings.signing_cert
    if path is None:  # the demo certificate, made on first use
        path = make_demo_certificate(settings.demo_certificate, profile.name_en)
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


@dataclass(frozen=True)
class Workflow:
    """The dossier workflow's parts, wired to each other and to the queue."""

    store: DossierStore
    dossiers: Dossiers
    webhooks: Webhooks
    tasks: CheckQueue
    tokens: TokenStore


def workflow(
    settings: Settings,
    grants: GrantEngine,
    sessions: sessionmaker[Session],
    *,
    documents: DocumentService | None = None,
    immediate: bool = False,
) -> Workflow:
    store = DossierStore(sessions, BlobStore(settings.data_dir / "files"))
    webhooks = Webhooks(
        sessions,
        settings.webhook_urls,
        settings.webhook_secret,
        retry_base_s=settings.webhook_retry_seconds,
    )
    dossiers = Dossiers(store, grants, webhooks, documents)
    tasks = CheckQueue(
        make_huey(settings, immediate=immediate), dossiers, store, webhooks, settings
    )
    return Workflow(store, dossiers, webhooks, tasks, TokenStore(sessions))
