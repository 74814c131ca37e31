"""A call's partner institutions (the inter-institutional agreements): an acceptance letter given
at application counts only from one of them (seed 004). The list comes from a sheet or a text
file, one institution a line, by its Erasmus code, its name, or both (columns ``erasmus_code``
and ``institution``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from docservice.errors import InputError, UnreadableInput
from docservice.selection.applications import Application
from docservice.tabular import MAX_ROWS, sheet_rows


def code_key(code: str) -> str:
    """An Erasmus code compared without its spaces and case ("D  HEIDELB01" = "d heidelb01")."""
    return re.sub(r"\s+", "", code).upper()


def name_key(name: str) -> str:
    return " ".join(name.casefold().replace("i̇", "i").split())


@dataclass(frozen=True)
class Partners:
    codes: frozenset[str]
    names: frozenset[str]

    def __len__(self) -> int:
        return max(len(self.codes), len(self.names))

    def knows(self, app: Application) -> bool | None:
        """Whether the application's host is a partner; None when it names no host."""
        if app.host_erasmus_code:
            return code_key(app.host_erasmus_code) in self.codes
        if app.host_institution:
            return name_key(app.host_institution) in self.names
        return None

    def as_lines(self) -> list[str]:
        return sorted(self.codes) + sorted(self.names)


_CODE = re.compile(r"^[A-Z]{1,3}\s*[A-Z-]{2,}\d{2,3}$", re.IGNORECASE)


def read_partners(data: bytes, filename: str) -> Partners:
    """The partners of a sheet (``erasmus_code``/``institution`` columns) or of a text file."""
    rows = sheet_rows(data, filename if filename.endswith(".xlsx") else "partners.csv", "partners")
    codes: set[str] = set()
    names: set[str] = set()
    header: list[str] | None = None
    for count, row in enumerate(rows):
        if count > MAX_ROWS:
            raise InputError(f"{filename} has more than {MAX_ROWS} partners; split it.")
        cells = [str(c).strip() if c is not None else "" for c in row]
        if header is None:
            lowered = [c.lower().lstrip("\ufeff") for c in cells]
            if "erasmus_code" in lowered or "institution" in lowered:
                header = lowered
                continue
            header = []
        if header:
            values = dict(zip(header, cells, strict=False))
            if values.get("erasmus_code"):
                codes.add(code_key(values["erasmus_code"]))
            if values.get("institution"):
                names.add(name_key(values["institution"]))
            continue
        line = " ".join(c for c in cells if c)
        if not line:
            continue
        if _CODE.match(line):
            codes.add(code_key(line))
        else:
            names.add(name_key(line))
    if not codes and not names:
        raise UnreadableInput(f"{filename} names no partner institution.")
    return Partners(frozenset(codes), frozenset(names))
