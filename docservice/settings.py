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

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, PydanticBaseSettingsSource, SettingsConfigDict

from docservice.errors import ConfigurationError

PREFIX = "DOCSERVICE_"
PDF_ENGINES = ("warm", "batch")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class Settings(BaseSettings):
    """The service's settings, read once (``Settings.load``) and passed to what needs them."""

    model_config = SettingsConfigDict(
        env_prefix=PREFIX, env_ignore_empty=True, extra="forbid", frozen=True
    )

    data_dir: Path = Path("instance")
    database_url: str | None = None
    rates_dir: Path | None = None
    policy_file: Path | None = None
    templates_dir: Path | None = None
    institution_file: Path | None = None
    public_url: str = "http://127.0.0.1:8000"
    signing_cert: Path | None = None
    signing_password: str | None = None
    sign_pdf: bool = True
    pdf_engine: Literal["warm", "batch"] = "warm"
    batch_retention_days: float = Field(7, gt=0)
    log_level: str = "INFO"
    queue_url: str | None = None
    queue_name: str = "docservice"
    workers: int = Field(2, ge=0)
    check_timeout: float = Field(300, ge=0.1)
    check_memory_mb: int = Field(512, ge=128)
    verify_rate_limit: str = "60 per minute"
    check_lease: float = Field(60, ge=1)
    webhook_urls: Annotated[tuple[str, ...], NoDecode] = ()
    webhook_secret: str | None = None
    participant_link_days: float = Field(365, ge=0.001)
    webhook_retry_seconds: float = Field(30, ge=0.01)
    passport_retention_days: float | None = Field(None, ge=0)
    secret_key: str | None = None
    smtp_url: str | None = None
    mail_from: str = "Erasmus+ <erasmus@example.edu.tr>"

    @property
    def demo_certificate(self) -> Path:
        return self.data_dir / "signing" / "demo.p12"

    @classmethod
    def load(
        cls, overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
    ) -> Settings:
        """The defaults, then ``DOCSERVICE_*`` variables (of ``environ`` when given, else of the
        process), then ``overrides`` (``{"DATA_DIR": …}``); a mistake is a ConfigurationError
        naming the variable and what it must be."""
        given: dict[str, Any] = {}
        for key, value in (overrides or {}).items():
            if key.lower() not in cls.model_fields:
                raise ConfigurationError(
                    f"Unknown setting {key!r}; known settings: "
                    f"{', '.join(name.upper() for name in cls.model_fields)}."
                )
            if value is not None:
                given[key.lower()] = value
        try:
            if environ is None:
                return cls(**given)
            from_environ = {
                key[len(PREFIX) :].lower(): value
                for key, value in environ.items()
                if key.startswith(PREFIX)
                and value != ""
                and key[len(PREFIX) :].lower() in cls.model_fields
            }
            return _Given(**{**from_environ, **given})
        except ValidationError as exc:
            raise ConfigurationError(
                _explained(exc),
                hint="Set the variable as the message says, or unset it for the default; the "
                "settings are listed in docs (docservice/settings.py).",
            ) from None

    @field_validator("data_dir", mode="after")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        # absolute: a relative folder would be read against whatever the reader takes as its
        # base (Flask's send_file takes the package's folder)
        return value.expanduser().resolve()

    @field_validator("sign_pdf", mode="before")
    @classmethod
    def _flag(cls, value: Any) -> Any:
        text = str(value).strip().lower()
        if isinstance(value, bool) or text in _TRUE | _FALSE:
            return value if isinstance(value, bool) else text in _TRUE
        raise ValueError(f"must be true or false, not {value!r}")

    @field_validator("pdf_engine", mode="before")
    @classmethod
    def _engine(cls, value: Any) -> Any:
        word = str(value).strip().lower()
        if word not in PDF_ENGINES:
            raise ValueError(f"must be one of {', '.join(PDF_ENGINES)}, not {value!r}")
        return word

    @field_validator("log_level", mode="before")
    @classmethod
    def _level(cls, value: Any) -> str:
        return str(value).strip().upper()

    @field_validator("public_url", mode="after")
    @classmethod
    def _public(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(
                f"must start with http:// or https:// (got {value!r}); it is the address QR "
                "codes lead to"
            )
        return value.rstrip("/")

    @field_validator("queue_url", mode="after")
    @classmethod
    def _redis(cls, value: str | None) -> str | None:
        if value and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError(
                f"must be a Redis URL (redis://host:6379/0), not {value!r}; leave it unset for "
                "the embedded queue"
            )
        return value or None

    @field_validator("webhook_urls", mode="before")
    @classmethod
    def _urls(cls, value: Any) -> Any:
        urls = value.split(",") if isinstance(value, str) else value
        urls = tuple(str(u).strip() for u in urls if str(u).strip())
        for url in urls:
            if not url.startswith(("http://", "https://")):
                raise ValueError(f"{url!r} is not an http:// or https:// URL")
        return urls

    @model_validator(mode="after")
    def _signed_webhooks(self) -> Settings:
        if self.webhook_urls and not self.webhook_secret:
            raise ValueError(
                f"{PREFIX}WEBHOOK_URLS needs {PREFIX}WEBHOOK_SECRET: the receivers check each "
                "event's signature with it"
            )
        return self

    reads_environment: ClassVar[bool] = True

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # what is given wins over the environment
        return (init_settings, env_settings) if cls.reads_environment else (init_settings,)


class _Given(Settings):
    """Settings from the values given alone (an environment passed in, as the tests do)."""

    reads_environment: ClassVar[bool] = False


_PLAIN = {
    "greater_than": "must be above {gt}",
    "greater_than_equal": "must be at least {ge}",
    "bool_parsing": "must be true or false",
    "int_parsing": "must be a whole number",
    "float_parsing": "must be a number",
    "int_from_float": "must be a whole number",
}


def _number(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _explained(exc: ValidationError) -> str:
    """Each mistake as the variable to fix and what it must be."""
    lines = []
    for error in exc.errors():
        name = f"{PREFIX}{str(error['loc'][0]).upper()}" if error["loc"] else ""
        plain = _PLAIN.get(error["type"])
        if plain is not None:
            ctx = {k: _number(v) for k, v in error.get("ctx", {}).items()}
            message = plain.format(**ctx) + f", not {error['input']!r}"
        else:
            message = str(error["msg"]).removeprefix("Value error, ")
        lines.append(f"{name} {message}." if name else f"{message}.")
    return " ".join(lines)
