"""Configuration: embedded defaults, then ``DOCSERVICE_*`` environment variables, then overrides.

| setting | environment variable | default |
| --- | --- | --- |
| ``DATA_DIR`` | ``DOCSERVICE_DATA_DIR`` | ``./instance`` (embedded database and stored files) |
| ``DATABASE_URL`` | ``DOCSERVICE_DATABASE_URL`` | SQLite in ``DATA_DIR`` |
| ``RATES_DIR`` | ``DOCSERVICE_RATES_DIR`` | none: the shipped rate tables only |
| ``POLICY_FILE`` | ``DOCSERVICE_POLICY_FILE`` | none: the built-in policy (80 %, 5 days) |
| ``TEMPLATES_DIR`` | ``DOCSERVICE_TEMPLATES_DIR`` | none: the shipped templates only |
| ``INSTITUTION_FILE`` | ``DOCSERVICE_INSTITUTION_FILE`` | none: the invented demo institution |
| ``PUBLIC_URL`` | ``DOCSERVICE_PUBLIC_URL`` | ``http://127.0.0.1:8000`` (what QR codes lead to) |
| ``SIGNING_CERT`` | ``DOCSERVICE_SIGNING_CERT`` | demo: ``DATA_DIR/signing/demo.p12`` |
| ``SIGNING_PASSWORD`` | ``DOCSERVICE_SIGNING_PASSWORD`` | none |
| ``SIGN_PDF`` | ``DOCSERVICE_SIGN_PDF`` | ``true`` |
| ``PDF_ENGINE`` | ``DOCSERVICE_PDF_ENGINE`` | ``warm`` (a LibreOffice kept running); ``batch`` |
| ``BATCH_RETENTION_DAYS`` | ``DOCSERVICE_BATCH_RETENTION_DAYS`` | ``7`` (batch ZIPs hold IBANs) |
| ``LOG_LEVEL`` | ``DOCSERVICE_LOG_LEVEL`` | ``INFO`` |
| ``QUEUE_URL`` | ``DOCSERVICE_QUEUE_URL`` | none: embedded (SQLite in ``DATA_DIR``); ``redis://…`` |
| ``QUEUE_NAME`` | ``DOCSERVICE_QUEUE_NAME`` | ``docservice`` (workers of one service share it) |
| ``WORKERS`` | ``DOCSERVICE_WORKERS`` | ``2`` check threads in ``serve``; ``0``: workers apart |
| ``CHECK_TIMEOUT`` | ``DOCSERVICE_CHECK_TIMEOUT`` | ``300`` s; a slower check: ``review`` |
| ``CHECK_MEMORY_MB`` | ``DOCSERVICE_CHECK_MEMORY_MB`` | ``512``: the memory one check may add (its process, and each OCR process it starts) |
| ``VERIFY_RATE_LIMIT`` | ``DOCSERVICE_VERIFY_RATE_LIMIT`` | ``60 per minute``: requests to the public ``/verify`` pages from one address (counted in Redis when ``QUEUE_URL`` is set, else in the process) |
| ``CHECK_LEASE`` | ``DOCSERVICE_CHECK_LEASE`` | ``60`` s without a worker's heartbeat: run again |
| ``WEBHOOK_URLS`` | ``DOCSERVICE_WEBHOOK_URLS`` | none; comma-separated receivers of events |
| ``WEBHOOK_SECRET`` | ``DOCSERVICE_WEBHOOK_SECRET`` | none; the HMAC-SHA256 signing key |
| ``WEBHOOK_RETRY_SECONDS`` | ``DOCSERVICE_WEBHOOK_RETRY_SECONDS`` | ``30`` s before a retry, doubling |
| ``PARTICIPANT_LINK_DAYS`` | ``DOCSERVICE_PARTICIPANT_LINK_DAYS`` | ``365``: a participant link's life |
| ``SECRET_KEY`` | ``DOCSERVICE_SECRET_KEY`` | a random key kept in ``DATA_DIR/secret_key`` (signs sessions) |
| ``PASSPORT_RETENTION_DAYS`` | ``DOCSERVICE_PASSPORT_RETENTION_DAYS`` | none: keep; else passport scans are deleted this long after their dossier settled |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docservice.errors import ConfigurationError

DEFAULTS: dict[str, Any] = {
    "DATA_DIR": "instance",
    "DATABASE_URL": None,
    "RATES_DIR": None,
    "POLICY_FILE": None,
    "TEMPLATES_DIR": None,
    "INSTITUTION_FILE": None,
    "PUBLIC_URL": "http://127.0.0.1:8000",
    "SIGNING_CERT": None,
    "SIGNING_PASSWORD": None,
    "SIGN_PDF": True,
    "PDF_ENGINE": "warm",
    "BATCH_RETENTION_DAYS": 7,
    "LOG_LEVEL": "INFO",
    "QUEUE_URL": None,
    "QUEUE_NAME": "docservice",
    "WORKERS": 2,
    "CHECK_TIMEOUT": 300,
    "CHECK_MEMORY_MB": 512,
    "VERIFY_RATE_LIMIT": "60 per minute",
    "CHECK_LEASE": 60,
    "WEBHOOK_URLS": None,
    "WEBHOOK_SECRET": None,
    "PARTICIPANT_LINK_DAYS": 365,
    "WEBHOOK_RETRY_SECONDS": 30,
    "PASSPORT_RETENTION_DAYS": None,
    "SECRET_KEY": None,
}
PREFIX = "DOCSERVICE_"
PDF_ENGINES = ("warm", "batch")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _flag(key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE | _FALSE:
        return text in _TRUE
    raise ConfigurationError(f"{PREFIX}{key} must be true or false, not {value!r}.")


def _number(key: str, value: Any, *, minimum: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = minimum - 1
    if number < minimum:
        raise ConfigurationError(
            f"{PREFIX}{key} must be a number of at least {minimum}, not {value!r}."
        )
    return number


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str | None
    rates_dir: Path | None
    policy_file: Path | None
    templates_dir: Path | None
    institution_file: Path | None
    public_url: str
    signing_cert: Path | None
    signing_password: str | None
    sign_pdf: bool
    pdf_engine: str
    batch_retention_days: float
    log_level: str
    queue_url: str | None = None
    queue_name: str = "docservice"
    workers: int = 2
    check_timeout: float = 300
    check_memory_mb: int = 512
    verify_rate_limit: str = "60 per minute"
    check_lease: float = 60
    webhook_urls: tuple[str, ...] = ()
    webhook_secret: str | None = None
    participant_link_days: float = 365
    webhook_retry_seconds: float = 30
    passport_retention_days: float | None = None
    secret_key: str | None = None

    @property
    def demo_certificate(self) -> Path:
        return self.data_dir / "signing" / "demo.p12"

    @classmethod
    def load(
        cls, overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
    ) -> Settings:
        environ = os.environ if environ is None else environ
        values = dict(DEFAULTS)
        for key in DEFAULTS:
            if PREFIX + key in environ:
                values[key] = environ[PREFIX + key] or None
        for key, value in (overrides or {}).items():
            if key not in DEFAULTS:
                raise ConfigurationError(
                    f"Unknown setting {key!r}; known settings: {', '.join(DEFAULTS)}."
                )
            values[key] = value

        def path(key: str) -> Path | None:
            return Path(values[key]) if values[key] else None

        engine = str(values["PDF_ENGINE"] or "warm").lower()
        if engine not in PDF_ENGINES:
            raise ConfigurationError(
                f"{PREFIX}PDF_ENGINE must be one of {', '.join(PDF_ENGINES)}, not {engine!r}."
            )
        public_url = str(values["PUBLIC_URL"] or DEFAULTS["PUBLIC_URL"]).rstrip("/")
        if not public_url.startswith(("http://", "https://")):
            raise ConfigurationError(
                f"{PREFIX}PUBLIC_URL must start with http:// or https:// (got {public_url!r}); "
                "it is the address QR codes lead to."
            )
        try:
            retention = float(values["BATCH_RETENTION_DAYS"])
        except (TypeError, ValueError):
            retention = -1
        if retention <= 0:
            raise ConfigurationError(
                f"{PREFIX}BATCH_RETENTION_DAYS must be a number of days above 0, not "
                f"{values['BATCH_RETENTION_DAYS']!r}."
            )
        queue_url = values["QUEUE_URL"] or None
        if queue_url and not str(queue_url).startswith(("redis://", "rediss://", "unix://")):
            raise ConfigurationError(
                f"{PREFIX}QUEUE_URL must be a Redis URL (redis://host:6379/0), not "
                f"{queue_url!r}; leave it unset for the embedded queue."
            )
        urls = tuple(u.strip() for u in str(values["WEBHOOK_URLS"] or "").split(",") if u.strip())
        for url in urls:
            if not url.startswith(("http://", "https://")):
                raise ConfigurationError(
                    f"{PREFIX}WEBHOOK_URLS: {url!r} is not an http:// or https:// URL."
                )
        if urls and not values["WEBHOOK_SECRET"]:
            raise ConfigurationError(
                f"{PREFIX}WEBHOOK_URLS needs {PREFIX}WEBHOOK_SECRET: the receivers check each "
                "event's signature with it."
            )
        return cls(
            # Absolute: a relative folder would be read against whatever the reader takes as
            # its base (Flask's send_file takes the package's folder).
            data_dir=Path(values["DATA_DIR"] or DEFAULTS["DATA_DIR"]).expanduser().resolve(),
            database_url=values["DATABASE_URL"] or None,
            rates_dir=path("RATES_DIR"),
            policy_file=path("POLICY_FILE"),
            templates_dir=path("TEMPLATES_DIR"),
            institution_file=path("INSTITUTION_FILE"),
            public_url=public_url,
            signing_cert=path("SIGNING_CERT"),
            signing_password=values["SIGNING_PASSWORD"] or None,
            sign_pdf=_flag("SIGN_PDF", values["SIGN_PDF"]),
            pdf_engine=engine,
            batch_retention_days=retention,
            log_level=str(values["LOG_LEVEL"] or "INFO").upper(),
            queue_url=queue_url,
            queue_name=str(values["QUEUE_NAME"] or "docservice"),
            workers=int(_number("WORKERS", values["WORKERS"], minimum=0)),
            check_timeout=_number("CHECK_TIMEOUT", values["CHECK_TIMEOUT"], minimum=0.1),
            check_memory_mb=int(_number("CHECK_MEMORY_MB", values["CHECK_MEMORY_MB"], minimum=128)),
            verify_rate_limit=str(values["VERIFY_RATE_LIMIT"] or DEFAULTS["VERIFY_RATE_LIMIT"]),
            check_lease=_number("CHECK_LEASE", values["CHECK_LEASE"], minimum=1),
            webhook_urls=urls,
            webhook_secret=values["WEBHOOK_SECRET"] or None,
            webhook_retry_seconds=_number(
                "WEBHOOK_RETRY_SECONDS", values["WEBHOOK_RETRY_SECONDS"], minimum=0.01
            ),
            participant_link_days=_number(
                "PARTICIPANT_LINK_DAYS", values["PARTICIPANT_LINK_DAYS"], minimum=0.001
            ),
            secret_key=values["SECRET_KEY"] or None,
            passport_retention_days=(
                None
                if values["PASSPORT_RETENTION_DAYS"] in (None, "")
                else _number(
                    "PASSPORT_RETENTION_DAYS", values["PASSPORT_RETENTION_DAYS"], minimum=0
                )
            ),
        )
