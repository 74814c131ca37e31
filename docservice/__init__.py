"""docservice: Erasmus+ mobility grants, documents and checks for university international offices.

``create_app`` builds the web service; importing the package opens no file, reads no
environment and imports no web framework, so the command line and the checkers stay light.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from apiflask import APIFlask

__version__ = "0.1.0"


def create_app(config: Mapping[str, Any] | None = None) -> APIFlask:
    """The Flask application: defaults, then ``DOCSERVICE_*`` environment, then ``config``."""
    from docservice.app import build_app

    return build_app(config)
