"""Articles and feeds over HTTP, offline: httpx's MockTransport stands in for the web."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from counterclaim.errors import InputError
from counterclaim.ingest.feeds import html_fragment_text, looks_like_feed, read_feed
from counterclaim.ingest.http import read_url
from counterclaim.models import Document

ARTICLE = """<!DOCTYPE html><html><head><title>Strike on the depot</title>
<meta name="date" content="2024-07-08"></head><body><article><h1>Strike on the depot</h1>
<p>The defence ministry said on Monday that 35 soldiers were killed in a missile strike on an
ammunition depot near the border, the heaviest single loss reported this month.</p>
<p>Local officials added that at least 12 civilians living nearby were wounded and taken to
hospitals in the regional capital.</p></article></body></html>"""

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title><language>en</language><link>https://wire.example/</link>
<item><title>Full entry</title><link>https://wire.example/full</link>
<pubDate>Tue, 02 Jul 2024 10:00:00 GMT</pubDate><description>Short.</description>
<content:encoded><![CDATA[<p>The governor said 4 people were killed.</p><p>Rescuers searched on.</p>]]></content:encoded>
</item>
<item><title>Summary entry</title><link>https://wire.example/depot</link>
<pubDate>Mon, 08 Jul 2024 09:00:00 GMT</pubDate><description>A strike on a depot.</description></item>
<item><title>Gone entry</title><link>https://wire.example/gone</link>
<description>Removed story.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><title>Atom entry</title><id>urn:uuid:1</id><updated>2024-03-05T08:00:00Z</updated>
<content type="html">&lt;p&gt;Officials said 6 soldiers were captured.&lt;/p&gt;</content></entry>
</feed>"""


def handler(request: httpx.Request) -> httpx.Response:
    pages = {
        "/depot": (200, ARTICLE, "text/html; charset=utf-8"),
        "/feed": (200, RSS, "application/rss+xml"),
        "/atom": (200, ATOM, "application/xml"),
        "/plain": (200, "Police said 8 people were wounded.", "text/plain"),
        "/big": (200, "x" * 5000, "text/plain"),
        "/empty": (200, "<html><body></body></html>", "text/html"),
    }
    status, body, content_type = pages.get(request.url.path, (404, "not here", "text/plain"))
    return httpx.Response(status, text=body, headers={"content-type": content_type})


@pytest.fixture
def client():
    with httpx.Client(transport=httpx.MockTransport(handler)) as mock:
        yield mock


def read(url: str, client: httpx.Client, **kwargs) -> tuple[list[Document], list[str]]:
    items = list(read_url(url, client=client, **kwargs))
    return ([i for i in items if isinstance(i, Document)],
            [str(i) for i in items if isinstance(i, InputError)])


def test_an_article_url_gives_its_main_text_with_the_url_as_id(client):
    (doc,), problems = read("https://news.example/depot", client, published=date(2000, 1, 1))
    assert problems == []
    assert doc.id == doc.url == "https://news.example/depot"
    assert "35 soldiers were killed" in doc.text
    assert doc.title == "Strike on the depot"
    assert doc.published == date(2024, 7, 8)
    assert doc.outlet == "news.example"


def test_a_plain_text_url_is_read_as_text(client):
    (doc,), _ = read("https://news.example/plain", client)
    assert doc.text == "Police said 8 people were wounded."


def test_a_feed_gives_one_document_per_entry_fetching_pages_of_summary_only_entries(client):
    docs, problems = read("https://wire.example/feed", client)
    assert [d.id for d in docs] == ["https://wire.example/full", "https://wire.example/depot"]
    full, fetched = docs
    assert full.text == "The governor said 4 people were killed.\nRescuers searched on."
    assert (full.title, full.outlet, full.language, full.published) == (
        "Full entry", "Example Wire", "en", date(2024, 7, 2))
    assert "35 soldiers were killed" in fetched.text  # from the linked page, not the summary
    assert (fetched.title, fetched.outlet, fetched.published) == (
        "Summary entry", "Example Wire", date(2024, 7, 8))
    assert problems == ["https://wire.example/gone: HTTP 404 Not Found"]


def test_an_atom_feed_with_content_needs_no_fetch(client):
    (doc,), problems = read("https://wire.example/atom", client)
    assert problems == []
    assert (doc.id, doc.text, doc.published, doc.outlet) == (
        "urn:uuid:1", "Officials said 6 soldiers were captured.", date(2024, 3, 5), "Atom Desk")


def test_http_failures_are_one_line_each(client):
    assert read("https://news.example/missing", client)[1] == [
        "https://news.example/missing: HTTP 404 Not Found"]
    assert read("https://news.example/big", client, max_bytes=1000)[1] == [
        "https://news.example/big: 5,000 bytes is over the size limit of 1,000 bytes "
        "(raise it with --max-bytes)"]
    assert read("https://news.example/empty", client)[1] == [
        "https://news.example/empty: no article text found in the HTML"]

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with httpx.Client(transport=httpx.MockTransport(refuse)) as down:
        assert read("https://down.example/", down)[1] == [
            "https://down.example/: unreachable (connection refused)"]


def test_a_local_feed_file_is_read_as_a_feed(tmp_path):
    path = tmp_path / "desk.atom"
    path.write_text(ATOM)
    from counterclaim.ingest.files import read_documents

    (doc,) = list(read_documents([str(path)]))
    assert doc.text == "Officials said 6 soldiers were captured."


def test_feed_recognition_and_fragment_text():
    assert looks_like_feed(RSS.encode())
    assert looks_like_feed(b"<?xml version='1.0'?><!-- note --><feed>")
    assert looks_like_feed(b"", "application/atom+xml; charset=utf-8")
    assert not looks_like_feed(ARTICLE.encode(), "text/html")
    assert html_fragment_text("<p>One &amp; two</p><script>x()</script><p>Three<br>four</p>") == \
        "One & two\nThree\nfour"
    (problem,) = read_feed("broken.rss", b"<rss><channel><title>Cut off")
    assert str(problem).startswith("broken.rss: not a readable feed (")
    (problem,) = read_feed("empty.rss", b"<rss><channel><title>Quiet</title></channel></rss>")
    assert str(problem) == "empty.rss: the feed has no entries"
    (problem,) = read_feed("bare.rss", b"<rss><channel><item><title>T</title></item></channel></rss>")
    assert str(problem) == "bare.rss entry 1: no text and no link to fetch"
