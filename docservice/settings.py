"""Configuration: embedded defaults, then ``DOCSERVICE_*`` environment variables, then overrides.

| setting | environment variable | default |
| --- | --- | --- |
| ``DATA_DIR`` | ``DOCSERVICE_DATA_DIR`` | ``./instance`` (embedded database and stored files) |
| ``RATES_DIR`` | ``DOCSERVICE_RATES_DIR`` | none: the shipped rate tables only |
| ``POLICY_FILE`` | ``DOCSERVICE_POLICY_FILE`` | none: the built-in policy (80 %, 5 days) |
| ``LOG_LEVEL`` | ``DOCSERVICE_LOG_LEVEL`` | ``INFO`` |
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
    "RATES_DIR": None,
    "POLICY_FILE": None,
    "LOG_LEVEL": "INFO",
}
PREFIX = "DOCSERVICE_"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    rates_dir: Path | None
    policy_file: Path | None
    log_level: str

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

        return cls(
            data_dir=Path(values["DATA_DIR"] or DEFAULTS["DATA_DIR"]),
            rates_dir=path("RATES_DIR"),
            policy_file=path("POLICY_FILE"),
            log_level=str(values["LOG_LEVEL"] or "INFO").upper(),
        )
