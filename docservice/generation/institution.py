"""The sending institution's identity on every document: names, Erasmus code, address, signatory.

It comes from a TOML file (``DOCSERVICE_INSTITUTION_FILE``); without one, an invented demo
institution stands in, so a fresh install generates documents at once.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from docservice.errors import ConfigurationError
from docservice.formatting import Lang

DEMO_FILE = Path(__file__).parent / "demo" / "institution.toml"

Text = Annotated[str, Field(min_length=1)]


class InstitutionProfile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name_en: Text
    name_tr: Text
    erasmus_code: Text
    oid: str | None = None
    address: Text
    city: Text
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    email: Text
    phone: str | None = None
    website: str | None = None
    office_en: Text
    office_tr: Text
    signatory_name: Text
    signatory_title_en: Text
    signatory_title_tr: Text
    contact_name: str | None = None
    contact_email: str | None = None
    logo: Path | None = None

    def name(self, lang: Lang) -> str:
        return self.name_tr if lang == "tr" else self.name_en

    def office(self, lang: Lang) -> str:
        return self.office_tr if lang == "tr" else self.office_en

    def signatory_title(self, lang: Lang) -> str:
        return self.signatory_title_tr if lang == "tr" else self.signatory_title_en

    def logo_bytes(self) -> bytes | None:
        return self.logo.read_bytes() if self.logo else None

    @classmethod
    def from_file(cls, path: Path) -> InstitutionProfile:
        return _load(path.resolve())


@cache
def _load(path: Path) -> InstitutionProfile:
    where = f"The institution file {path}"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigurationError(
            f"{where} does not exist; fix DOCSERVICE_INSTITUTION_FILE or unset it for the demo "
            "institution."
        ) from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(f"{where} cannot be read as TOML: {exc}.") from None
    try:
        profile = InstitutionProfile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
            for e in exc.errors(include_url=False)
        )
        raise ConfigurationError(
            f"{where} has problems: {problems}. See {DEMO_FILE.name} for every key."
        ) from None
    if profile.logo is not None:
        logo = profile.logo if profile.logo.is_absolute() else path.parent / profile.logo
        if not logo.is_file():
            raise ConfigurationError(f"{where} names the logo {logo}, which does not exist.")
        if logo.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n" and logo.read_bytes()[:2] != b"\xff\xd8":
            raise ConfigurationError(f"The logo {logo} is neither a PNG nor a JPEG image.")
        profile = profile.model_copy(update={"logo": logo})
    return profile


def demo_institution() -> InstitutionProfile:
    return _load(DEMO_FILE)
