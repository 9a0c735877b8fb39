"""`counterclaim serve`: the web UI and JSON API over a store (read-only without a write token)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from counterclaim.cli.app import app, fail, stderr
from counterclaim.cli.ingest import DbOption
from counterclaim.errors import StorageError

TOKEN_ENV = "COUNTERCLAIM_TOKEN"


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the claims, series and documents as web pages and a JSON API (/openapi.json).

    Documents can be posted only when COUNTERCLAIM_TOKEN is set; clients then send
    `Authorization: Bearer <token>`. Without it the server is read-only.
    """
    import uvicorn

    from counterclaim.web import create_app

    token = os.environ.get(TOKEN_ENV) or None
    try:
        web_app = create_app(db, token)
    except StorageError as err:
        fail(str(err))
    mode = "accepting documents with the write token" if token else (
        f"read-only (set {TOKEN_ENV} to accept documents)")
    stderr.print(f"counterclaim: serving on http://{host}:{port}/ , {mode}", markup=False)
    uvicorn.run(web_app, host=host, port=port, log_level="warning", server_header=False)
