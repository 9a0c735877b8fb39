"""RSS and Atom feeds (feedparser): each entry becomes a Document.

An entry that carries its full text (`content:encoded`, Atom `content`) is read as it is; an
entry that holds only a summary has its linked page fetched and read like any article, with
the feed's title, date and outlet kept where the page lacks them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from typing import Any

import feedparser

from counterclaim.errors import InputError
from counterclaim.ingest.files import DEFAULT_MAX_BYTES, URL_SCHEMES, ReadResult

FEED_CONTENT_TYPES = ("rss", "atom", "application/xml", "text/xml")
FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")
BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
              "tr", "section", "article"}
SKIPPED_TAGS = {"script", "style"}


def looks_like_feed(raw: bytes, content_type: str = "") -> bool:
    """True when a body is an RSS or Atom feed, by its content type or its root element."""
    if any(kind in content_type for kind in FEED_CONTENT_TYPES):
        return True
    head = raw[:2048].lstrip().lower()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2:].lstrip()
        while head.startswith((b"<!--", b"<?")):  # comments and stylesheets before the root
            head = head[head.find(b">") + 1:].lstrip()
    return head.startswith(FEED_ROOTS)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feed content), one paragraph per line."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def entry_date(entry: Any) -> date | None:
    """The date an entry was published (or else last updated), as feedparser read it."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        moment = entry.get(key)
        if moment:
            return date(moment.tm_year, moment.tm_mon, moment.tm_mday)
    return None


def entry_full_text(entry: Any) -> str:
    """The entry's full text when the feed carries it, else the empty string."""
    bodies = [c.get("value", "") for c in entry.get("content") or []]
    body = max(bodies, key=len, default="")
    return html_fragment_text(body) if body.strip() else ""


def read_feed(source: str, raw: bytes, published: date | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES, client: Any = None) -> Iterator[ReadResult]:
    """One Document per feed entry; entries with only a summary have their page fetched."""
    from counterclaim.models import Document

    parsed = feedparser.parse(raw)
    if not parsed.entries:
        reason = (f"not a readable feed ({parsed.bozo_exception})"
                  if parsed.get("bozo") else "the feed has no entries")
        yield InputError(source, reason)
        return
    outlet = parsed.feed.get("title") or None
    language = parsed.feed.get("language") or None
    own_client = None
    try:
        for number, entry in enumerate(parsed.entries, 1):
            link = entry.get("link") or None
            doc_id = link or entry.get("id") or f"{source}#{number}"
            when = entry_date(entry) or published
            text = entry_full_text(entry)
            if text:
                yield Document(id=doc_id, text=text, published=when, title=entry.get("title"),
                               url=link, outlet=outlet, language=language)
                continue
            if link and link.lower().startswith(URL_SCHEMES):
                from counterclaim.ingest.http import fetch_article, new_client

                if client is None:
                    client = own_client = new_client()
                try:
                    page = fetch_article(link, client, when, max_bytes)
                except InputError as err:
                    yield err
                    continue
                yield Document(id=doc_id, text=page.text, published=entry_date(entry) or page.published,
                               title=entry.get("title") or page.title, url=link,
                               outlet=outlet or page.outlet,
                               language=page.language or language)
                continue
            summary = html_fragment_text(entry.get("summary") or "")
            if not summary:
                yield InputError(f"{source} entry {number}", "no text and no link to fetch")
                continue
            yield Document(id=doc_id, text=summary, published=when, title=entry.get("title"),
                           url=link, outlet=outlet, language=language)
    finally:
        if own_client is not None:
            own_client.close()
