"""Synthetic sample documents and the scripts that make them (see README.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def write_samples(folder: Path, samples: dict[str, tuple[bytes, dict[str, Any]]]) -> None:
    """Each sample's file, and ``expected.json`` with what checking each must give."""
    folder.mkdir(exist_ok=True)
    for name, (data, _) in samples.items():
        (folder / name).write_bytes(data)
    expected = {name: want for name, (_, want) in samples.items()}
    text = json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    (folder / "expected.json").write_text(text, encoding="utf-8")
