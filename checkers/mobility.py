"""What the checkers need to know of a mobility. Any object with these attributes will do (the
service passes its validated record); the checkers never import the service."""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class PersonLike(Protocol):
    @property
    def given_names(self) -> str: ...

    @property
    def surname(self) -> str: ...


class InstitutionLike(Protocol):
    @property
    def institution(self) -> str: ...

    @property
    def city(self) -> str: ...

    @property
    def country(self) -> str: ...  # ISO 3166-1 alpha-2


class MobilityLike(Protocol):
    @property
    def participant(self) -> PersonLike: ...

    @property
    def receiving(self) -> InstitutionLike: ...

    @property
    def activity(self) -> str: ...

    @property
    def start_date(self) -> dt.date: ...

    @property
    def end_date(self) -> dt.date: ...

    @property
    def teaching_hours(self) -> float | None: ...
