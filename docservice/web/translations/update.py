"""Keep the translators' catalogues in step with the pages.

The ``.po`` files under ``translations/`` are the sources of the pages' other languages: a
translator opens ``tr/LC_MESSAGES/messages.po`` in Poedit, Lokalize, Weblate or a text editor and
fills in ``msgstr``. After a page's English changed, ``./run messages`` (this module) extracts
the messages with pybabel, adds the new ones to every catalogue, marks the ones whose English
changed as fuzzy (the old translation kept as a suggestion), drops the ones no page uses, and
lists what still needs a translator. ``--check`` writes nothing and exits 1 when a catalogue is
behind, as the tests do.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
WIDTH = 100  # the .po's line width, so a catalogue rewritten changes only what changed
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdfr]|\{(\w+)\}")


def catalogues() -> list[Path]:
    return sorted(HERE.glob("*/LC_MESSAGES/messages.po"))


def extracted() -> Catalog:
    """Every message the pages and the verify page use, as pybabel extracts it."""
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "messages.pot"
        subprocess.run(
            [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
             "-k", "_l", "-k", "say", "-k", "N_", "-o", str(pot), "--no-location",
             "--omit-header", "."],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        with pot.open("rb") as handle:
            return read_po(handle)


def _read(path: Path) -> Catalog:
    locale = path.parents[1].name
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _key(message: Message) -> str:
    return str(message.id[0] if isinstance(message.id, tuple) else message.id)


def _placeholders(text: str | Iterable[str]) -> set[str]:
    texts = [text] if isinstance(text, str) else list(text)
    return {a or b for t in texts for a, b in _PLACEHOLDER.findall(t)}


def problems(catalogue: Catalog, wanted: Catalog) -> list[str]:
    """What a translator must still do in ``catalogue`` for the messages ``wanted``."""
    out = []
    for message in wanted:
        if not message.id:
            continue
        key = _key(message)
        found = catalogue.get(message.id)
        if found is None:
            out.append(f"not in the catalogue: {key!r}")
        elif found.fuzzy:
            out.append(f"fuzzy (the English changed; check the translation): {key!r}")
        elif not found.string or (isinstance(found.string, tuple) and not all(found.string)):
            out.append(f"no translation: {key!r}")
        elif _placeholders(found.string) != _placeholders(found.id):
            out.append(f"placeholders differ from the English: {key!r}")
    ids = {m.id for m in wanted if m.id}
    out += [f"no page uses it any more: {_key(m)!r}" for m in catalogue if m.id and m.id not in ids]
    return out


def update(path: Path, wanted: Catalog) -> Catalog:
    """``path``'s catalogue with ``wanted``'s messages: new ones added empty, changed ones fuzzy,
    unused ones dropped; written back."""
    catalogue = _read(path)
    before = _content(catalogue)
    catalogue.update(wanted, update_header_comment=False, update_creation_date=False)
    catalogue.obsolete.clear()
    if _content(catalogue) != before:  # untouched otherwise: no change of date to commit
        with path.open("wb") as handle:
            write_po(handle, catalogue, no_location=True, width=WIDTH, ignore_obsolete=True)
    return catalogue


def _content(catalogue: Catalog) -> list[tuple[object, object, bool]]:
    return [(m.id, m.string, m.fuzzy) for m in catalogue if m.id]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    check = "--check" in args
    wanted = extracted()
    status = 0
    for path in catalogues():
        catalogue = _read(path) if check else update(path, wanted)
        for problem in problems(catalogue, wanted):
            print(f"{path.relative_to(ROOT)}: {problem}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
