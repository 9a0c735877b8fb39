"""Ingest from the web: a pasted text or a fetched URL becomes a stored document and its claims."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlsplit

import httpx

from counterclaim.errors import InputError
from counterclaim.ingest.http import fetch_article, new_client
from counterclaim.models import Claim, Document
from counterclaim.store import IngestResult, Store
from counterclaim.store.records import claim_id

MAX_FETCH_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Ingested:
    """A document as stored, what storing it did, and the claims read from it."""

    document: Document
    result: IngestResult
    claims: list[tuple[str, Claim]]  # (stored claim id, claim as extracted)


def clean_text(source: str, text: str) -> str:
    """The text as storable: NUL replaced (offsets kept), lone surrogates refused."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise InputError(source, "the text is not valid Unicode (lone surrogate)") from err
    if not text.strip():
        raise InputError(source, "the text is empty")
    return text.replace("\x00", "\ufffd")


def clean_id(value: str) -> str:
    """A document id without control characters or surrounding spaces."""
    if any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in value) or not value.strip():
        raise InputError("id", "a document id must be printable text")
    return value.strip()


def text_document(text: str, doc_id: str | None = None, title: str | None = None,
                  published: date | None = None) -> Document:
    """A pasted text as a Document (its id, unless given: a hash of the text)."""
    source = doc_id or "pasted text"
    text = clean_text(source, text)
    identifier = clean_id(doc_id) if doc_id else (
        "pasted:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16])
    return Document(id=identifier, text=text, published=published,
                    title=clean_id(title) if title else None)


def url_document(url: str, published: date | None = None,
                 client_factory: Callable[[], httpx.Client] = new_client,
                 doc_id: str | None = None, title: str | None = None) -> Document:
    """The article at a URL as a Document (InputError when it cannot be fetched or read)."""
    try:
        host = urlsplit(url).hostname
    except ValueError as err:
        raise InputError(url, f"not a valid URL ({err})") from err
    if not host:
        raise InputError(url, "not a valid URL (no host)")
    with client_factory() as client:
        try:
            document = fetch_article(url, client, published, MAX_FETCH_BYTES)
        except ValueError as err:  # URLs httpx itself cannot make sense of
            raise InputError(url, f"not a valid URL ({err})") from err
    changes = {"text": clean_text(url, document.text)}
    if doc_id:
        changes["id"] = clean_id(doc_id)
    if title:
        changes["title"] = clean_id(title)
    return replace(document, **changes)


def ingest_document(store: Store, document: Document,
                    extract: Callable[[Document], list[Claim]] | None = None) -> Ingested:
    """Extract the document's claims and store both in one transaction."""
    if extract is None:
        from counterclaim import extract_document as extract
    claims = extract(document)
    result = store.add_document(document, claims)
    return Ingested(document, result, [(claim_id(c), c) for c in claims])
