"""The HTML pages over a store without the extractor: they render, escape hostile text, highlight evidence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from conftest import TOKEN

from counterclaim.web import create_app
from counterclaim.web.highlight import Span, cut_text

HTML = {"accept": "text/html"}
HOSTILE_ID = "https://hostile.example/a?b=<c>&d=e"


@pytest.fixture
def client(fixture_db: str) -> Iterator[TestClient]:
    """A read-only app over the fixture store."""
    with TestClient(create_app(fixture_db), raise_server_exceptions=False) as test_client:
        yield test_client


def claim_id(client: TestClient, **filters: str) -> str:
    return client.get("/api/claims", params=filters).json()["items"][0]["id"]


def test_cut_text_marks_overlapping_spans() -> None:
    pieces = cut_text("abcdefgh", [Span(1, 5, "x"), Span(3, 7, "y"), Span(6, 99, "z")])
    assert [(p.text, p.claims) for p in pieces] == [
        ("a", ()), ("bc", ("x",)), ("de", ("x", "y")), ("f", ("y",)), ("g", ("y", "z")),
        ("h", ("z",))]
    assert "".join(p.text for p in pieces) == "abcdefgh"


def test_every_page_renders(client: TestClient) -> None:
    killed = claim_id(client, category="killed")
    series = client.get("/api/series").json()
    assert series
    pages = ["/", "/claims", "/claims?category=killed&sort=figure&order=asc", f"/claims/{killed}",
             "/series", f"/series/{series[0]['id']}", f"/series/{series[0]['id']}?model=1",
             "/claimants", "/documents", f"/documents/{quote(HOSTILE_ID, safe='')}", "/ingest"]
    for page in pages:
        response = client.get(page, headers=HTML)
        assert response.status_code == 200, (page, response.text[:300])
        assert response.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in response.headers["content-security-policy"]


def test_hostile_document_text_is_shown_as_text(client: TestClient) -> None:
    page = client.get(f"/documents/{quote(HOSTILE_ID, safe='')}", headers=HTML).text
    assert "&lt;script&gt;window.__pwned" in page
    assert "&lt;img src=x onerror=" in page
    assert "<img src=x" not in page and "onerror=\"window" not in page
    assert "javascript:" not in page.replace("&lt;a href=&#34;javascript:", "")
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts == ['<script src="/static/app.js" defer>']
    claim = client.get(f"/claims/{claim_id(client, category='killed')}", headers=HTML).text
    assert "Officials &lt;script&gt;alert(1)&lt;/script&gt;" in claim
    assert re.findall(r"<script[^>]*>", claim) == ['<script src="/static/app.js" defer>']


def test_claim_page_highlights_its_evidence(client: TestClient) -> None:
    record = client.get("/api/claims", params={"category": "wounded"}).json()["items"][0]
    page = client.get(f"/claims/{record['id']}", headers=HTML).text
    marked = re.search(r'<mark class="evidence current"[^>]*id="evidence">(.*?)</mark>', page)
    assert marked and marked.group(1) == record["evidence"]["text"]
    assert 'class="evidence"' in page  # the other claim of the document, lighter


def test_claim_page_lists_reports_in_other_outlets(client: TestClient) -> None:
    page = client.get(f"/claims/{claim_id(client, category='captured')}", headers=HTML).text
    assert "Second Gazette" in page


def test_claims_table_filters_and_sorts(client: TestClient) -> None:
    page = client.get("/claims", params={"category": "wounded"}, headers=HTML).text
    assert "1 claim matches" in page and ">7</a>" in page
    empty = client.get("/claims", params={"claimant": "nobody at all"}, headers=HTML).text
    assert "No claim matches" in empty
    bad = client.get("/claims", params={"since": "last week"}, headers=HTML)
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.text
    assert "<html" in bad.text and "Traceback" not in bad.text


def test_unknown_pages_are_404_pages(client: TestClient) -> None:
    for url in ("/claims/nope", "/series/nope", "/claimants/nope", "/documents/nope", "/nothing"):
        response = client.get(url, headers=HTML)
        assert response.status_code == 404 and "<h1>404</h1>" in response.text, url


def test_ingest_form_says_read_only_without_token(client: TestClient) -> None:
    page = client.get("/ingest", headers=HTML).text
    assert "read-only" in page and "<textarea" not in page
    refused = client.post("/ingest", data={"text": "5 killed", "token": "x"}, headers=HTML)
    assert refused.status_code == 403


def test_ingest_form_with_the_token(fixture_db: str) -> None:
    text = "The <b>mayor</b> said on Friday that 9 firefighters were killed in Riverton."
    with TestClient(create_app(fixture_db, TOKEN, extract=fake_extract)) as client:
        wrong = client.post("/ingest", data={"text": text, "token": "nope"}, headers=HTML)
        assert wrong.status_code == 401
        page = client.post("/ingest", data={"text": text, "token": TOKEN,
                                            "published": "2024-05-03"}, headers=HTML)
        assert page.status_code == 200, page.text[:300]
        assert "1 claim found" in page.text and "&lt;b&gt;mayor&lt;/b&gt;" in page.text
        listed = client.get("/api/claims", params={"q": "firefighters"}).json()["items"]
        assert listed and listed[0]["quantity"]["low"] == 9


def fake_extract(document: object) -> list:
    """A stand-in extractor: one claim per 'N firefighters were killed'."""
    from counterclaim.models import Actor, Claim, Evidence, Quantity

    text = document.text  # type: ignore[attr-defined]
    found = re.search(r"(\d+) firefighters were killed", text)
    if not found:
        return []
    return [Claim(doc=document.id, category="killed",  # type: ignore[attr-defined]
                  quantity=Quantity(int(found.group(1)), None, "exactly", "people", found.group(1)),
                  subject=Actor("firefighters", "firefighters"),
                  claimant=Actor("Mayor of Riverton", "The mayor", "official", "ZZ"),
                  said_on=None, location=None,
                  evidence=Evidence(found.start(), found.end(), found.group(0)))]
