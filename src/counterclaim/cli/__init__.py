"""The command line: thin commands over the Python API, one module each."""

from __future__ import annotations

from counterclaim.cli.app import app
from counterclaim.cli import extract as _extract  # noqa: F401  (registers the command)
from counterclaim.cli import claims as _claims, ingest as _ingest, reextract as _reextract  # noqa: F401  (register the store commands)
from counterclaim.cli import estimate as _estimate, report as _report  # noqa: F401  (register the reconcile commands)
from counterclaim.cli import serve as _serve  # noqa: F401  (registers the web server command)
from counterclaim.cli import eval as _eval  # noqa: F401  (registers the eval command)

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the `counterclaim` script."""
    app()
