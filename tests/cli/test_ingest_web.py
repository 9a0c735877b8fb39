"""`counterclaim ingest` of article and feed URLs, served by a local server on 127.0.0.1."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from counterclaim.cli import app
from counterclaim.store import open_store

runner = CliRunner()
STATEMENT = ("President Volodymyr Zelensky said on Monday that more than 3,000 North Korean "
             "soldiers had been killed or wounded in the Kursk region.")


def page(title: str, outlet: str, extra: str) -> str:
    return f"""<!DOCTYPE html><html><head><title>{title}</title>
<meta property="og:site_name" content="{outlet}"><meta name="date" content="2024-12-23">
</head><body><article><h1>{title}</h1><p>{STATEMENT}</p><p>{extra}</p></article></body></html>"""


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def site(tmp_path: Path):
    """A folder served over HTTP on 127.0.0.1; yields (folder, base URL)."""
    root = tmp_path / "site"
    root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_ingesting_a_feed_and_an_article_url(site, sqlite_url, extract_document):
    root, base = site
    (root / "one.html").write_text(page("Losses in Kursk", "First Outlet",
                                        "Officials gave no further detail."))
    (root / "two.html").write_text(page("Kursk fighting", "Second Outlet",
                                        "The figure could not be verified independently."))
    (root / "feed.rss").write_text(f"""<?xml version="1.0"?><rss version="2.0"><channel>
<title>Test Wire</title>
<item><title>Second report</title><link>{base}/two.html</link>
<pubDate>Mon, 23 Dec 2024 12:00:00 GMT</pubDate><description>Summary only.</description></item>
<item><title>Lost page</title><link>{base}/missing.html</link>
<description>Summary only.</description></item>
</channel></rss>""")

    result = runner.invoke(app, ["ingest", "--db", sqlite_url, f"{base}/one.html",
                                 f"{base}/feed.rss", "http://127.0.0.1:9/closed"])

    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"counterclaim: {base}/missing.html: HTTP 404 File not found",
        "counterclaim: http://127.0.0.1:9/closed: unreachable ([Errno 111] Connection refused)",
    ]
    assert result.stdout.strip().startswith("2 documents (2 new, 0 already stored)")
    assert result.stdout.strip().endswith("2 errors")
    with open_store(sqlite_url) as store:
        docs = {d.id: d for d in store.iter_documents()}
        claims = list(store.iter_claims())
    assert set(docs) == {f"{base}/one.html", f"{base}/two.html"}
    assert docs[f"{base}/two.html"].outlet == "Test Wire"
    assert docs[f"{base}/two.html"].title == "Second report"
    # The same statement carried by two outlets: each claim in it has two reports.
    assert extract_document(docs[f"{base}/one.html"]), "the extractor should find the statement"
    assert claims and all(c["report_docs"] == [f"{base}/one.html", f"{base}/two.html"]
                          for c in claims)

    again = runner.invoke(app, ["ingest", "--db", sqlite_url, f"{base}/one.html", f"{base}/feed.rss"])
    assert again.stdout.strip().startswith("2 documents (0 new, 2 already stored)")
