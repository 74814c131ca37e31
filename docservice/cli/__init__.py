"""The ``docservice`` command: the group (``common``) and its commands, a module for each kind
of work; importing this package registers them all."""

from __future__ import annotations

from docservice.cli import documents, ops, selection, service
from docservice.cli.common import main

__all__ = ["documents", "main", "ops", "selection", "service"]
