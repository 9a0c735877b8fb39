"""Fetch articles and feeds over HTTP(S) with httpx; the page's main text comes from trafilatura.

The client is a parameter everywhere, so tests hand in one with a mock transport or point it
at a server on 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlsplit

import httpx

from counterclaim.errors import InputError
from counterclaim.ingest.files import (
    DEFAULT_MAX_BYTES,
    ReadResult,
    is_warning,
    read_bytes,
    too_large,
)
from counterclaim.models import Document

TIMEOUT_SECONDS = 20.0
USER_AGENT = "counterclaim (+claims research; one request per article)"


@dataclass(frozen=True)
class Fetched:
    """The body of a response and what its headers say about it."""

    url: str
    body: bytes
    content_type: str
    encoding: str


def new_client() -> httpx.Client:
    """An HTTP client with counterclaim's timeout, redirects and user agent."""
    return httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=True,
                        headers={"User-Agent": USER_AGENT})


def fetch(url: str, client: httpx.Client, max_bytes: int = DEFAULT_MAX_BYTES) -> Fetched:
    """GET a URL, refusing error statuses and bodies over the size limit (InputError)."""
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise too_large(url, int(declared), max_bytes)
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise too_large(url, size, max_bytes)
                chunks.append(chunk)
            content_type = response.headers.get("content-type", "").lower()
            return Fetched(str(response.url), b"".join(chunks), content_type,
                           response.charset_encoding or "utf-8")
    except httpx.TimeoutException as err:
        raise InputError(url, f"unreachable: no answer within {TIMEOUT_SECONDS:g} s") from err
    except httpx.InvalidURL as err:
        raise InputError(url, f"not a valid URL ({err})") from err
    except httpx.HTTPError as err:
        raise InputError(url, f"unreachable ({_short_reason(err)})") from err


def _short_reason(err: httpx.HTTPError) -> str:
    text = str(err).strip().splitlines()[0] if str(err).strip() else ""
    return text or type(err).__name__


def outlet_of(url: str) -> str | None:
    """The host a URL points at, without a leading www., as the outlet of last resort."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def read_url(url: str, published: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
             client: httpx.Client | None = None) -> Iterator[ReadResult]:
    """The article at a URL as one Document, or each entry of the feed at it."""
    own_client = client is None
    client = client or new_client()
    try:
        try:
            fetched = fetch(url, client, max_bytes)
        except InputError as err:
            yield err
            return
        from counterclaim.ingest.feeds import looks_like_feed, read_feed

        if looks_like_feed(fetched.body, fetched.content_type):
            yield from read_feed(url, fetched.body, published, max_bytes, client)
            return
        for item in read_bytes(url, fetched.body, "", published, max_bytes,
                               fetched.encoding, fetched.content_type or "html"):
            if isinstance(item, InputError):
                yield item
                continue
            yield with_web_metadata(item, url)
    finally:
        if own_client:
            client.close()


def with_web_metadata(document: Document, url: str) -> Document:
    """A fetched page keeps the URL it was asked for as id and URL, and its host as outlet."""
    return replace(document, id=url, url=url, outlet=document.outlet or outlet_of(url))


def fetch_article(url: str, client: httpx.Client, published: date | None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """The article at a URL as one Document (InputError when it cannot be had)."""
    fetched = fetch(url, client, max_bytes)
    problems: list[InputError] = []
    for item in read_bytes(url, fetched.body, ".html", published, max_bytes, fetched.encoding,
                           fetched.content_type or "html"):
        if isinstance(item, Document):
            return with_web_metadata(item, url)
        problems.append(item)
    raise next((p for p in problems if not is_warning(p)),
               InputError(url, "no article text found"))

