"""The web application: `create_app(db_url, token)` gives a FastAPI app over one store.

Pages are rendered on the server with Jinja2 (autoescaped: document text is hostile input and
is only ever printed as text), scripts and styles are served from the package, and a Content
Security Policy lets no other script run. The JSON API lives under /api and is described at
/openapi.json. Every error is a short message (JSON under /api, a page elsewhere), never a
stack trace. Without a write token the server is read-only and says so.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import httpx
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from counterclaim.errors import CounterclaimError, InputError, StorageError
from counterclaim.ingest.http import new_client
from counterclaim.models import Claim, Document
from counterclaim.reconcile import Settings
from counterclaim.reconcile.rules import figure_text
from counterclaim.store import Store, open_store
from counterclaim.web.estimates import EstimateCache, SeriesPendingError
from counterclaim.web.queries import WebQueries

MAX_BODY_BYTES = 5 * 1024 * 1024
STATIC = Path(__file__).parent / "static"
SECURITY_HEADERS = [
    # Scripts only from this server; matplotlib's SVG needs inline style attributes.
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; "
                                 b"style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                                 b"object-src 'none'; base-uri 'none'; form-action 'self'; "
                                 b"frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]
READ_ONLY_MESSAGE = ("this server is read-only: start it with COUNTERCLAIM_TOKEN set to "
                     "accept documents")
log = logging.getLogger("counterclaim.web")


class ApiError(Exception):
    """An error the API reports as it is: a status and a message."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers


@dataclass
class WebContext:
    """What every view needs: the store, its queries, the estimates, the token, the templates."""

    store: Store
    queries: WebQueries
    estimates: EstimateCache
    token: str | None
    templates: Environment
    client_factory: Callable[[], httpx.Client]
    extract: Callable[[Document], list[Claim]] | None

    @property
    def writable(self) -> bool:
        """True when the server accepts documents (a write token is set)."""
        return bool(self.token)

    def token_matches(self, given: str | None) -> bool:
        """True when the given token is the write token (compared in constant time)."""
        return bool(self.token) and given is not None and hmac.compare_digest(
            given.encode("utf-8", "surrogatepass"), self.token.encode("utf-8"))


def context(request: Request) -> WebContext:
    """The WebContext of the app serving the request."""
    return request.app.state.web


class LimitsAndHeaders:
    """ASGI middleware: refuse bodies over the limit (413), add the security headers."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY_BYTES) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_body:
            await _too_large(scope, receive, send, self.max_body)
            return
        # Read the whole body first (it is small, or refused): the app then never sees
        # a body over the limit, however it was sent (with or without a length).
        body, more = bytearray(), True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_body:
                await _too_large(scope, receive, send, self.max_body)
                return
        replayed = False

        async def replay_receive() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []),
                                                  *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, replay_receive, send_with_headers)


async def _too_large(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
    response = JSONResponse({"message": f"request body over the limit of {limit:,} bytes"},
                            status_code=413, headers=dict((k.decode(), v.decode())
                                                          for k, v in SECURITY_HEADERS))
    await response(scope, receive, send)


def wants_json(request: Request) -> bool:
    """True for API requests (and anything not asking for HTML)."""
    if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
        return True
    return "text/html" not in request.headers.get("accept", "text/html")


def error_response(request: Request, status: int, message: str,
                   headers: dict[str, str] | None = None) -> Response:
    """The error as JSON {"message": ...} for the API, as a page for a person."""
    if wants_json(request):
        return JSONResponse({"message": message}, status_code=status, headers=headers)
    page = context(request).templates.get_template("error.html").render(
        status=status, message=message, writable=context(request).writable,
        **template_helpers())
    return HTMLResponse(page, status_code=status, headers=headers)


def validation_message(err: RequestValidationError) -> str:
    """One line naming each invalid field and what is wrong with it."""
    parts = []
    for problem in err.errors()[:5]:
        where = ".".join(str(p) for p in problem.get("loc", ()) if p != "body") or "request"
        parts.append(f"{where}: {problem.get('msg', 'invalid')}")
    return "invalid request: " + "; ".join(parts)


def install_error_handlers(app: FastAPI) -> None:
    """Every error becomes a short message; no stack trace ever reaches the client."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> Response:
        detail = err.detail if isinstance(err.detail, str) else "request refused"
        if err.status_code == 404 and detail == "Not Found":
            detail = f"nothing at {request.url.path}"
        return error_response(request, err.status_code, detail, getattr(err, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, err: RequestValidationError) -> Response:
        return error_response(request, 422, validation_message(err))

    @app.exception_handler(ApiError)
    async def api_error(request: Request, err: ApiError) -> Response:
        return error_response(request, err.status, err.message, err.headers)

    @app.exception_handler(InputError)
    async def input_error(request: Request, err: InputError) -> Response:
        return error_response(request, 400, str(err))

    @app.exception_handler(StorageError)
    async def storage_error(request: Request, err: StorageError) -> Response:
        log.error("storage error: %s", err)
        return error_response(request, 503, str(err))

    @app.exception_handler(SeriesPendingError)
    async def series_pending(request: Request, err: SeriesPendingError) -> Response:
        return error_response(request, 503, str(err), {"Retry-After": "30"})

    @app.exception_handler(CounterclaimError)
    async def domain_error(request: Request, err: CounterclaimError) -> Response:
        return error_response(request, 400, str(err))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, err: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, "internal error: the server could not answer "
                                            "this request (see the server's log)")


def url_for_claim(claim_id: str) -> str:
    """The page of a claim."""
    return f"/claims/{quote(claim_id, safe='')}"


def url_for_document(document_id: str) -> str:
    """The page of a document (its id may be a path or URL: every character is escaped)."""
    return f"/documents/{quote(document_id, safe='')}"


def url_for_series(series_id: str) -> str:
    """The page of a series."""
    return f"/series/{quote(series_id, safe='')}"


def url_for_claimant(actor_id: str) -> str:
    """The page of a claimant."""
    return f"/claimants/{quote(actor_id, safe='')}"


def url_with(path: str, params: dict[str, Any]) -> str:
    """A path with the non-empty parameters as its query string."""
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{path}?{query}" if query else path


def figure(value: Any) -> str:
    """A figure as the plots write it (1,100; 12k)."""
    return "" if value is None else figure_text(float(value))


def template_helpers() -> dict[str, Any]:
    """Functions every template may call."""
    return {"claim_url": url_for_claim, "document_url": url_for_document,
            "series_url": url_for_series, "claimant_url": url_for_claimant,
            "url_with": url_with}


def template_environment() -> Environment:
    """The Jinja2 environment of the pages, escaping everything by default."""
    env = Environment(loader=PackageLoader("counterclaim.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["figure"] = figure
    env.globals.update(template_helpers())
    return env


def create_app(db_url: str | None, token: str | None = None, *,
               client_factory: Callable[[], httpx.Client] = new_client,
               extract: Callable[[Document], list[Claim]] | None = None,
               settings: Settings | None = None) -> FastAPI:
    """The web UI and JSON API over the store at db_url; documents accepted only with `token`."""
    from counterclaim.web.views import api, pages

    store = open_store(db_url)
    queries = WebQueries(store.engine)
    web = WebContext(store=store, queries=queries,
                     estimates=EstimateCache(store, queries, settings), token=token or None,
                     templates=template_environment(), client_factory=client_factory,
                     extract=extract)
    app = FastAPI(title="counterclaim", version=_version(),
                  description="Source-attributed casualty and force claims: read them, their "
                              "documents, series and estimates; POST documents with the write "
                              "token (Authorization: Bearer ...).",
                  docs_url=None, redoc_url=None, lifespan=_closing(store))
    app.state.web = web
    app.add_middleware(LimitsAndHeaders)
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    return app


def _closing(store: Store) -> Callable[[FastAPI], Any]:
    """A lifespan that closes the store when the server stops."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    return lifespan


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("counterclaim")
    except PackageNotFoundError:
        return "0"
