"""Read sources (text, HTML, JSONL corpora, feeds, directories, globs, URLs, stdin) as Documents.

Problems are yielded as `InputError` values rather than raised, so that one bad file or one
bad JSONL line never stops the other inputs from being read. An error whose reason starts
with "warning:" did not stop the document from being read.
"""

from __future__ import annotations

import glob
import io
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from counterclaim.errors import InputError
from counterclaim.models import Document, parse_iso_date

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
GLOB_CHARACTERS = "*?["
URL_SCHEMES = ("http://", "https://")
BINARY_SNIFF_BYTES = 8192
BINARY_SHARE = 0.3  # above this share of undecodable or control characters: not text
WARNING = "warning: "

ReadResult = Document | InputError


def is_warning(error: InputError) -> bool:
    """True for a problem that did not stop the source from being read."""
    return error.reason.startswith(WARNING)


def warning(source: str, reason: str) -> InputError:
    """A problem worth saying that did not stop the source from being read."""
    return InputError(source, WARNING + reason)


def too_large(source: str, size: int, max_bytes: int) -> InputError:
    """The refusal of a document over the size limit."""
    return InputError(source, f"{size:,} bytes is over the size limit of {max_bytes:,} bytes "
                              "(raise it with --max-bytes)")


def without_nul(text: str, warnings: list[str]) -> str:
    """The text with NUL characters replaced (databases refuse them); offsets are kept."""
    if "\x00" in text:
        warnings.append("NUL characters replaced")
        return text.replace("\x00", "\ufffd")
    return text


def looks_binary(raw: bytes) -> bool:
    """True for data that is not text: a NUL byte, or mostly control and non-UTF-8 bytes."""
    sample = raw[:BINARY_SNIFF_BYTES]
    if b"\x00" in sample:
        return True
    text = sample.decode("utf-8", errors="replace")
    strange = sum(1 for c in text if c == "\ufffd" or (c < " " and c not in "\t\n\r\f"))
    return strange > BINARY_SHARE * max(len(text), 1)


def decode_bytes(source: str, raw: bytes, encoding: str = "utf-8") -> tuple[str, list[str]]:
    """Decode text, refusing binary data and replacing undecodable bytes with a warning."""
    if looks_binary(raw):
        raise InputError(source, "binary file, not text")
    warnings: list[str] = []
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        text = raw.decode(codec)
    except LookupError:
        return decode_bytes(source, raw)
    except UnicodeDecodeError as err:
        text = raw.decode(codec, errors="replace")
        warnings.append(f"invalid {encoding.upper()} at byte {err.start}; "
                        "undecodable bytes replaced")
    return without_nul(text, warnings), warnings


def html_to_document(source: str, html: str, published: date | None) -> Document:
    """Main text and metadata of an HTML page, by trafilatura."""
    import trafilatura  # deferred: it is slow to import and only HTML needs it

    try:
        extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as err:  # noqa: BLE001 (trafilatura raises anything on hostile markup)
        raise InputError(source, f"HTML cannot be parsed ({type(err).__name__})") from err
    if extracted is None:
        raise InputError(source, "no article text found in the HTML")
    meta = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    text = (meta.get("text") or "").strip()
    if not text:
        raise InputError(source, "no article text found in the HTML")
    return Document(
        id=source, text=text,
        published=parse_iso_date(meta.get("date")) or published,
        title=meta.get("title"), url=meta.get("url"), outlet=meta.get("sitename"),
        language=meta.get("language"),
    )


def jsonl_line_document(where: str, line: str, published: date | None,
                        warnings: list[str]) -> Document:
    """One JSONL line as a Document: {"id", "text", "published"?, "url"?, "title"?, ...}."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(where, f"not valid JSON ({err.msg})") from err
    if not isinstance(row, dict) or not isinstance(row.get("text"), str):
        raise InputError(where, 'not a document: expected an object with a "text" string')
    if not row["text"].strip():
        raise InputError(where, "empty document")
    doc_id = row.get("id")
    return Document(
        id=str(doc_id) if doc_id is not None else where,
        text=without_nul(row["text"], warnings),
        published=parse_iso_date(row.get("published")) or published,
        **{key: row[key] if isinstance(row.get(key), str) else None
           for key in ("title", "url", "outlet", "language")},
    )


def read_jsonl_stream(source: str, stream: BinaryIO, published: date | None,
                      max_bytes: int) -> Iterator[ReadResult]:
    """One document per line, read as it comes; the size limit applies to each document."""
    head = stream.read(BINARY_SNIFF_BYTES)
    if looks_binary(head):
        yield InputError(source, "binary file, not text")
        return
    if not head.strip():
        yield InputError(source, "empty file")
        return
    lines = iter((head + stream.readline()).splitlines(keepends=True))
    number = 0
    for raw in _chain_lines(lines, stream):
        number += 1
        if not raw.strip():
            continue
        where = f"{source}:{number}"
        if len(raw) > max_bytes:
            yield too_large(where, len(raw), max_bytes)
            continue
        warnings: list[str] = []
        try:
            text, warnings = decode_bytes(where, raw)
            document = jsonl_line_document(where, text, published, warnings)
        except InputError as err:
            yield err
            continue
        yield from (warning(where, w) for w in warnings)
        yield document


def _chain_lines(first: Iterator[bytes], stream: BinaryIO) -> Iterator[bytes]:
    yield from first
    yield from stream


def read_bytes(source: str, raw: bytes, suffix: str, published: date | None,
               max_bytes: int = DEFAULT_MAX_BYTES, encoding: str = "utf-8",
               content_type: str = "") -> Iterator[ReadResult]:
    """Documents from the raw bytes of one source, chosen by its suffix or content type."""
    from counterclaim.ingest.feeds import looks_like_feed, read_feed

    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl_stream(source, io.BytesIO(raw), published, max_bytes)
        return
    try:
        if len(raw) > max_bytes:
            raise too_large(source, len(raw), max_bytes)
        if looks_like_feed(raw, content_type) or (suffix in FEED_SUFFIXES and raw.strip()):
            yield from read_feed(source, raw, published, max_bytes)
            return
        text, warnings = decode_bytes(source, raw, encoding)
        if not text.strip():
            raise InputError(source, "empty file")
    except InputError as err:
        yield err
        return
    yield from (warning(source, w) for w in warnings)
    if suffix in HTML_SUFFIXES or "html" in content_type or \
            text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        try:
            yield html_to_document(source, text, published)
        except InputError as err:
            yield err
    else:
        yield Document(id=source, text=text, published=published)


def read_path(path: Path, published: date | None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """Documents of one file, or of every readable file below a directory."""
    source = str(path)
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if child.suffix.lower() in READABLE_SUFFIXES and not child.name.startswith("."):
                yield from read_path(child, published, max_bytes)
        return
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as stream:
                yield from read_jsonl_stream(source, stream, published, max_bytes)
            return
        size = path.stat().st_size
        if size > max_bytes:
            raise too_large(source, size, max_bytes)
        raw = path.read_bytes()
    except FileNotFoundError:
        yield InputError(source, "no such file or directory")
        return
    except InputError as err:
        yield err
        return
    except OSError as err:
        yield InputError(source, err.strerror or "cannot be read")
        return
    yield from read_bytes(source, raw, suffix, published, max_bytes)


def read_glob(pattern: str, published: date | None, max_bytes: int) -> Iterator[ReadResult]:
    """Documents of every readable file a glob pattern matches (** descends into folders)."""
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield InputError(pattern, "no file matches this pattern")
    for match in matches:
        yield from read_path(Path(match), published, max_bytes)


def read_documents(sources: list[str], published: date | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """Documents of every source in order ("-" is standard input); problems come as InputError."""
    for source in sources:
        if source == "-":
            raw = sys.stdin.buffer.read()
            yield from read_bytes("<stdin>", raw, "", published, max_bytes)
        elif source.lower().startswith(URL_SCHEMES):
            # Deferred: only URLs need httpx.
            from counterclaim.ingest.http import read_url

            yield from read_url(source, published, max_bytes)
        elif any(c in source for c in GLOB_CHARACTERS) and not Path(source).exists():
            yield from read_glob(source, published, max_bytes)
        else:
            yield from read_path(Path(source), published, max_bytes)
