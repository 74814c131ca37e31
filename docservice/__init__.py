"""docservice: Erasmus+ mobility grants, documents and checks for university international offices.

``create_app`` builds the web service (and starts nothing); importing the package opens no file,
reads no environment and imports no web framework, so the command line and the checkers stay
light.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from apiflask import APIFlask

    from docservice.services import Services

__version__ = "0.1.0"


def create_app(
    config: Mapping[str, Any] | None = None, services: Services | None = None
) -> APIFlask:
    """The Flask application: settings from the defaults, then ``DOCSERVICE_*`` environment,
    then ``config``; or around ``services`` already built. It starts nothing: run
    ``docservice setup`` once for the data folder; ``docservice serve`` starts the work."""
    from docservice.app import build_app

    return build_app(config, services)
