"""The code's shape, kept: no module past 400 lines, and no import cycle between modules."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support import ROOT

PACKAGES = ("docservice", "checkers")
LONGEST = 400
# The two entry points that import their parts when first called, so that importing the package
# stays light: ``docservice.create_app`` and ``checkers.check`` (each kind's module).
LAZY_ENTRY_POINTS = {"docservice", "checkers"}


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path], *, in_functions: bool) -> set[str]:
    """The modules ``name`` imports (``from a import b`` imports a.b when it is a module;
    importing a.b.c runs a and a.b first), outside ``if TYPE_CHECKING:`` blocks."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    named: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) and not in_functions:
                continue
            if isinstance(child, ast.Import):
                named.update(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    parts = package.split(".")[: len(package.split(".")) - child.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                subs = [f"{base}.{a.name}" for a in child.names if f"{base}.{a.name}" in modules]
                named.update(subs)
                if len(subs) < len(child.names):
                    named.add(base)
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    out = {m for m in named if m in modules and m != name}
    for module in list(out):
        parts = module.split(".")
        for k in range(1, len(parts)):
            parent = ".".join(parts[:k])
            if parent in modules and not name.startswith(parent + ".") and parent != name:
                out.add(parent)
    return out


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return groups


def test_no_module_is_longer_than_a_reader_can_hold() -> None:
    """The service, the checkers, the samples' generators, the tests and the benchmarks."""
    folders = (*PACKAGES, "samples", "tests", "bench")
    long = {
        str(path.relative_to(ROOT)): n
        for folder in folders
        for path in (ROOT / folder).rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST
    }
    assert long == {}


def test_no_import_cycle() -> None:
    modules = _modules()
    at_import = {m: _imports(m, p, modules, in_functions=False) for m, p in modules.items()}
    assert _cycles(at_import) == []
    # imports inside functions too: a cycle may pass only through the two lazy entry points
    anywhere = {m: _imports(m, p, modules, in_functions=True) for m, p in modules.items()}
    for entry in LAZY_ENTRY_POINTS:
        anywhere[entry] = set()
    assert _cycles(anywhere) == []


def test_the_cycle_finder_finds_one() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
