"""Web fixtures: stores (the reference article, hostile and repeated documents, generated claims),
apps over them, a live server on 127.0.0.1 and a headless Chromium page."""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from counterclaim.models import Actor, Claim, Document, Evidence, Place, Quantity  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
REFERENCE_ID = "reference/kursk-north-korean-losses.txt"
TOKEN = "test-write-token-0123456789"

# A document written to attack the page that shows it: markup, handlers, a script URL.
HOSTILE_TEXT = (
    "Breaking: <script>window.__pwned = 1; document.title = 'pwned'</script> officials said "
    "<img src=x onerror=\"window.__pwned = 2\"> 42 soldiers were killed near Riverton. "
    "<a href=\"javascript:window.__pwned=3\">more</a> The council said 7 people were wounded "
    "in Riverton.")


def hostile_claims(doc_id: str, text: str) -> list[Claim]:
    """Claims of the hostile text, their evidence spans covering the markup."""
    first = "42 soldiers were killed near Riverton"
    second = "7 people were wounded"
    start1, start2 = text.index("<img"), text.index(second)
    end1 = text.index(first) + len(first)
    return [
        Claim(doc=doc_id, category="killed",
              quantity=Quantity(42, None, "exactly", "people", "42"),
              subject=Actor("Riverton garrison <b>", "soldiers", "military", "ZZ"),
              claimant=Actor("Officials <script>alert(1)</script>", "officials", "official", "ZZ"),
              said_on=date(2024, 3, 2), location=Place("Riverton", "Riverton", "ZZ", None, None, None),
              evidence=Evidence(start1, end1, text[start1:end1])),
        Claim(doc=doc_id, category="wounded",
              quantity=Quantity(7, None, "exactly", "people", "7"),
              subject=Actor("Riverton garrison <b>", "people", "military", "ZZ"),
              claimant=Actor("Town council", "The council", "government", "ZZ"),
              said_on=date(2024, 3, 2), location=Place("Riverton", "Riverton", "ZZ", None, None, None),
              evidence=Evidence(start2, start2 + len(second), second)),
    ]


def repeated_claims(doc_id: str, text: str, said_on: date, via: Actor | None = None) -> list[Claim]:
    """The same statement told by two outlets: one claim, two reports (one relayed `via` a wire)."""
    phrase = "300 soldiers were captured"
    start = text.index(phrase)
    return [Claim(doc=doc_id, category="captured",
                  quantity=Quantity(300, None, "about", "people", "about 300"),
                  subject=Actor("Riverton garrison <b>", "soldiers", "military", "ZZ"),
                  claimant=Actor("Town council", "the council", "government", "ZZ"),
                  said_on=said_on, location=None,
                  evidence=Evidence(start, start + len(phrase), phrase), via=via)]


def fill_fixture_store(store: object) -> None:
    """The hostile document and two outlets telling the same claim."""
    hostile_id = "https://hostile.example/a?b=<c>&d=e"
    store.add_document(Document(id=hostile_id, text=HOSTILE_TEXT, published=date(2024, 3, 3),  # type: ignore[attr-defined]
                                title="<script>alert('title')</script> Hostile",
                                url="javascript:alert(1)", outlet="Hostile <i>Outlet</i>"),
                       hostile_claims(hostile_id, HOSTILE_TEXT))
    for outlet, text in (("First Courier", "The council said about 300 soldiers were captured on Monday."),
                         ("Second Gazette", "Reports: about 300 soldiers were captured, the council said.")):
        doc_id = f"outlets/{outlet.lower().replace(' ', '-')}.txt"
        store.add_document(Document(id=doc_id, text=text, published=date(2024, 3, 5),  # type: ignore[attr-defined]
                                    title=f"{outlet} report", outlet=outlet),
                           repeated_claims(doc_id, text, date(2024, 3, 4),
                                           Actor("Wire Agency", "a wire agency", "media", None)
                                           if outlet == "Second Gazette" else None))


@pytest.fixture(scope="session")
def reference_db(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path,
                 extract_document: object) -> str:
    """A SQLite store holding the reference article, ingested as the command line does, plus fixtures."""
    from typer.testing import CliRunner

    from counterclaim.cli import app
    from counterclaim.store import open_store

    db = str(tmp_path_factory.mktemp("web") / "reference.db")
    reference = shared_dir / "reference" / "kursk-north-korean-losses.txt"
    result = CliRunner().invoke(app, ["ingest", str(reference), "--published", "2024-12-24",
                                      "--db", db])
    assert result.exit_code == 0, result.output
    store = open_store(db)
    fill_fixture_store(store)
    store.close()
    return db


@pytest.fixture(scope="session")
def reference_path(shared_dir: Path) -> str:
    """The document id the reference article was stored under."""
    return str(shared_dir / "reference" / "kursk-north-korean-losses.txt")


@pytest.fixture
def fixture_db(tmp_path: Path) -> str:
    """A small store without the extractor: the hostile document and the repeated claim."""
    from counterclaim.store import open_store

    db = str(tmp_path / "fixture.db")
    store = open_store(db)
    fill_fixture_store(store)
    store.close()
    return db


@pytest.fixture(scope="session")
def generated_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store of 3,000 generated claims in 30 documents."""
    from counterclaim.store import open_store
    from synthetic import fill_store

    db = str(tmp_path_factory.mktemp("web") / "generated.db")
    store = open_store(db)
    fill_store(store, 3000)
    store.close()
    return db


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(reference_db: str) -> Iterator[str]:
    """The app over the reference store, served by uvicorn on 127.0.0.1 in a thread."""
    import uvicorn

    from counterclaim.web import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(reference_db, TOKEN), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """Headless Chromium from Debian's package, driven by Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as err:
        pytest.skip(f"browser tests need Playwright for Python ({err})")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: object) -> Iterator[object]:
    """A fresh browser page 1280 pixels wide; its console errors are kept on page.errors."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    browser_page = context.new_page()
    browser_page.set_default_timeout(10_000)
    browser_page.errors = []
    browser_page.on("pageerror", lambda err: browser_page.errors.append(str(err)))
    yield browser_page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go (test-artifacts/web, git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
