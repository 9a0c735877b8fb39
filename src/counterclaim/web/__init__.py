"""The web UI and JSON API: `create_app(db_url, token)` (run it with `counterclaim serve`)."""

from __future__ import annotations

from counterclaim.web.app import create_app

__all__ = ["create_app"]
