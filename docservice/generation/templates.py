"""Finding templates and reading which variables they use.

Templates are DOCX files named ``NAME[.VARIANT].LANG.docx`` (``grant_agreement.tr.docx``,
``mobility_agreement.teaching.en.docx``). An office's own folder (``DOCSERVICE_TEMPLATES_DIR``)
is searched before the shipped ``templates/``, file by file, so an office replaces only what it
edited.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, Template, TemplateSyntaxError, nodes

from docservice.errors import TemplateError, UnknownTemplate
from docservice.formatting import LANGS, Lang
from docservice.generation.catalogue import ESSENTIAL, VARIABLES
from docservice.mobility import Mobility

TEMPLATE_NAMES = (
    "grant_agreement",
    "mobility_agreement",
    "certificate_of_attendance",
    "acceptance_letter",
)
SHIPPED_DIR = Path(__file__).resolve().parents[2] / "templates"
_FILE = re.compile(r"^(?P<name>[a-z_]+)(?:\.(?P<variant>[a-z_]+))?\.(?P<lang>[a-z]{2})\.docx$")


def variant_for(name: str, m: Mobility) -> str | None:
    """The mobility agreement differs by activity; students get the learning agreement layout."""
    if name != "mobility_agreement":
        return None
    return m.activity.value if m.is_staff else "student"


class _Compiled(Environment):
    """An environment that compiles each source once: docxtpl hands it every part of a
    template's XML as a string at every render, and compiling them was 40 % of rendering a
    grant agreement. A compiled template holds no values, so one serves every render."""

    COMPILED = 256  # parts kept (a template has a body, headers and footers)

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled: dict[str, Template] = {}
        self._guard = threading.Lock()

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        with self._guard:
            found = self._compiled.get(source)
        if found is None:
            found = super().from_string(source)
            with self._guard:
                if len(self._compiled) >= self.COMPILED:
                    self._compiled.clear()
                self._compiled[source] = found
        return found


@cache
def jinja_env() -> Environment:
    """The environment every template renders in: unknown names fail loudly, None prints empty,
    and values are XML-escaped (a host called "Q&A Institute" must not break the file)."""
    return _Compiled(
        undefined=StrictUndefined,
        autoescape=True,
        finalize=lambda value: "" if value is None else value,
        keep_trailing_newline=True,
    )


@dataclass(frozen=True)
class TemplateFile:
    path: Path
    name: str
    variant: str | None
    lang: Lang

    @property
    def label(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class TemplateStore:
    """Templates in an office folder (searched first) and the shipped folder."""

    dirs: tuple[Path, ...]

    @classmethod
    def from_settings(cls, office_dir: Path | None) -> TemplateStore:
        return cls(tuple(d for d in (office_dir, SHIPPED_DIR) if d is not None))

    def files(self) -> list[TemplateFile]:
        """Every template, an office's copy hiding the shipped one of the same file name."""
        seen: dict[str, TemplateFile] = {}
        for folder in self.dirs:
            for path in sorted(folder.glob("*.docx")) if folder.is_dir() else []:
                match = _FILE.match(path.name)
                if not match or path.name in seen or path.name.startswith("~$"):
                    continue
                lang = match["lang"]
                if match["name"] not in TEMPLATE_NAMES or lang not in LANGS:
                    continue
                seen[path.name] = TemplateFile(path, match["name"], match["variant"], lang)
        return sorted(seen.values(), key=lambda t: t.path.name)

    def languages(self, name: str, variant: str | None) -> list[Lang]:
        return [t.lang for t in self.files() if t.name == name and t.variant == variant]

    def find(self, name: str, variant: str | None, lang: Lang | None) -> TemplateFile:
        if name not in TEMPLATE_NAMES:
            raise UnknownTemplate(
                f"There is no template {name!r}; the templates are {', '.join(TEMPLATE_NAMES)}."
            )
        candidates = [t for t in self.files() if t.name == name and t.variant == variant]
        what = f"{name} ({variant})" if variant else name
        if not candidates:
            raise TemplateError(
                f"No {what} template in {', '.join(str(d) for d in self.dirs)}; restore "
                f"{name}{'.' + variant if variant else ''}.en.docx from the shipped templates."
            )
        if lang is None:  # Turkish first where there is one: the office's own language
            return min(candidates, key=lambda t: t.lang != "tr")
        for t in candidates:
            if t.lang == lang:
                return t
        have = ", ".join(t.lang for t in candidates)
        raise UnknownTemplate(
            f"The {what} template exists in {have}, not in {lang!r}; ask for "
            f"lang={have.split(',')[0]} or add a template in that language."
        )


def parse_name(path: Path) -> TemplateFile:
    """A template file given by path, its kind read from its name."""
    match = _FILE.match(path.name)
    if not match or match["name"] not in TEMPLATE_NAMES or match["lang"] not in LANGS:
        raise UnknownTemplate(
            f"{path.name}: a template's file name says what it is, as NAME[.VARIANT].LANG.docx "
            f"with NAME one of {', '.join(TEMPLATE_NAMES)} and LANG en or tr "
            "(grant_agreement.tr.docx)."
        )
    if not path.is_file():
        raise UnknownTemplate(f"{path} does not exist.")
    return TemplateFile(path, match["name"], match["variant"], match["lang"])


# --- Reading the variables a template uses -------------------------------------------------------


def template_source(path: Path) -> str:
    """The Jinja source docxtpl renders: the body, headers and footers, with Word's run breaks
    inside tags removed."""
    try:
        doc = Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise TemplateError(f"{path.name} is not a Word (.docx) file: {exc}.") from None
    tpl = DocxTemplate(str(path))
    parts = [tpl.patch_xml(tpl.xml_to_string(doc.element.body))]
    for rel in doc.part.rels.values():
        if rel.reltype in (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI):
            parts.append(tpl.patch_xml(tpl.xml_to_string(parse_xml(rel.target_part.blob))))
    return "\n".join(parts)


def _known() -> frozenset[str]:
    known = set(VARIABLES)
    for path in VARIABLES:
        pieces = path.replace("[]", "").split(".")
        known.update(".".join(pieces[:i]) for i in range(1, len(pieces)))
    return frozenset(known)


KNOWN = _known()


def _chain(node: nodes.Node, scope: dict[str, str | None]) -> str | None:
    """``a.b.c`` (or ``a['b']``) as a dotted path, with loop variables replaced by ``list[]``."""
    if isinstance(node, nodes.Name):
        if node.name in scope:
            return scope[node.name]
        return node.name
    if isinstance(node, nodes.Getattr):
        base = _chain(node.node, scope)
        return None if base is None else f"{base}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        base = _chain(node.node, scope)
        if base is None:
            return None
        return f"{base}.{node.arg.value}" if isinstance(node.arg.value, str) else f"{base}[]"
    return None


def _names(target: nodes.Node) -> Iterator[str]:
    if isinstance(target, nodes.Name):
        yield target.name
    elif isinstance(target, nodes.Tuple):
        for item in target.items:
            yield from _names(item)


def _walk(node: nodes.Node, scope: dict[str, str | None], used: set[str]) -> None:
    if isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem):
        path = _chain(node, scope)
        if path is not None:
            if not (isinstance(node, nodes.Name) and node.ctx == "store"):
                used.add(path)
            return
    if isinstance(node, nodes.For):
        _walk(node.iter, scope, used)
        source = _chain(node.iter, scope)
        inner = dict(scope, loop=None)
        for name in _names(node.target):
            inner[name] = f"{source}[]" if source else None
        for child in [*node.body, *node.else_, *([node.test] if node.test else [])]:
            _walk(child, inner, used)
        return
    if isinstance(node, nodes.Assign | nodes.AssignBlock):
        for name in _names(node.target):
            scope[name] = None  # a template's own variable, not one of ours
    if isinstance(node, nodes.Macro | nodes.CallBlock):
        inner = dict(scope, caller=None)
        for arg in getattr(node, "args", []):
            inner[arg.name] = None
        for child in node.body:
            _walk(child, inner, used)
        return
    for child in node.iter_child_nodes():
        _walk(child, scope, used)


def used_variables(source: str) -> set[str]:
    tree = jinja_env().parse(source)
    used: set[str] = set()
    _walk(tree, {}, used)
    return used


@dataclass(frozen=True)
class Analysis:
    template: TemplateFile
    used: frozenset[str] = frozenset()
    unknown: tuple[str, ...] = ()
    unused: tuple[str, ...] = ()  # what the document must show but the template no longer uses
    syntax_error: str | None = None
    available: tuple[str, ...] = field(default=())  # every catalogue variable not used

    @property
    def ok(self) -> bool:
        return not (self.unknown or self.unused or self.syntax_error)


def _syntax_message(exc: TemplateSyntaxError, source: str) -> str:
    lines = source.splitlines()
    line = lines[exc.lineno - 1] if exc.lineno and exc.lineno <= len(lines) else ""
    text = re.sub(r"<[^>]+>", "", line)
    text = re.sub(r"\s+", " ", text).strip()
    near = f' near "{text[:120]}"' if text else ""
    return f"{exc.message}{near}"


def analyse(template: TemplateFile) -> Analysis:
    return _analyse_cached(template, template.path.stat().st_mtime_ns)


@cache
def _analyse_cached(template: TemplateFile, _mtime: int) -> Analysis:
    source = template_source(template.path)
    try:
        used = used_variables(source)
    except TemplateSyntaxError as exc:
        return Analysis(template, syntax_error=_syntax_message(exc, source))
    unknown = sorted(p for p in used if p not in KNOWN)
    unused = [
        " or ".join(choice)
        for choice in ESSENTIAL[template.name]
        if not any(option in used for option in choice)
    ]
    available = sorted(p for p in VARIABLES if p not in used and "[]" not in p)
    return Analysis(
        template,
        used=frozenset(used),
        unknown=tuple(unknown),
        unused=tuple(unused),
        available=tuple(available),
    )


def uses_grant(template: TemplateFile) -> bool:
    return any(p == "grant" or p.startswith("grant.") for p in analyse(template).used)


# --- A template as text, for reviewing a change --------------------------------------------------


def template_text(path: Path) -> str:
    """What a template says, in reading order, one paragraph a line and a table's row as its
    cells between ``|``, its headers and footers after the body: a Word file's changes read as
    a text diff (``git config diff.docx.textconv "docservice templates text"``)."""
    try:
        doc = Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise TemplateError(f"{path.name} is not a Word (.docx) file: {exc}.") from None
    lines = list(_blocks(doc.element.body))
    seen: set[int] = set()
    for number, section in enumerate(doc.sections, start=1):
        for label, part in (("header", section.header), ("footer", section.footer)):
            if part.is_linked_to_previous or id(part.part) in seen:
                continue
            seen.add(id(part.part))
            inner = [line for line in _blocks(part._element) if line.strip()]
            if inner:
                lines += ["", f"--- {label} (section {number}) ---", *inner]
    return "\n".join(lines).rstrip() + "\n"


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _blocks(element: object) -> Iterator[str]:
    """The paragraphs and table rows directly inside a body, cell or header, in order."""
    for child in element:  # type: ignore[attr-defined]
        if child.tag == f"{_W}p":
            yield _paragraph(child)
        elif child.tag == f"{_W}tbl":
            for row in child.iter(f"{_W}tr"):
                cells = [
                    " / ".join(t for t in _blocks(cell) if t.strip())
                    for cell in row.iterchildren(f"{_W}tc")
                ]
                yield "| " + " | ".join(cells) + " |"


def _paragraph(p: object) -> str:
    marks = {f"{_W}tab": "\t", f"{_W}br": " "}
    nodes_ = p.iter(f"{_W}t", *marks)  # type: ignore[attr-defined]
    return "".join(marks.get(node.tag, node.text or "") for node in nodes_)
