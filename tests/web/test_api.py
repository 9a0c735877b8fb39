"""The JSON API over the reference article's store: claims, documents, series, ingest, errors."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient

from conftest import REFERENCE_ID, TOKEN

from counterclaim.store import open_store
from counterclaim.web import create_app
from counterclaim.web.app import MAX_BODY_BYTES


@pytest.fixture(scope="module")
def client(reference_db: str) -> Iterator[TestClient]:
    """A read-only app over the reference store."""
    with TestClient(create_app(reference_db), raise_server_exceptions=False) as test_client:
        yield test_client


def refusing_transport(request: httpx.Request) -> httpx.Response:
    """The web as the tests see it: one known article page, nothing else."""
    if request.url.host == "news.example":
        body = ("<html><head><title>Harbour report</title></head><body><article><p>The port "
                "authority said on Monday that 12 sailors were killed in the harbour of "
                "Odesa.</p><p>Rescue work went on through the night, officials added.</p>"
                "</article></body></html>")
        return httpx.Response(200, text=body, headers={"content-type": "text/html"})
    return httpx.Response(404, text="no such page")


@pytest.fixture
def writable(tmp_path: object, reference_db: str) -> Iterator[TestClient]:
    """An app with the write token over a copy of the reference store, fetching through a fake web."""
    import shutil
    from pathlib import Path

    db = Path(str(tmp_path)) / "writable.db"
    shutil.copy(reference_db, db)
    app = create_app(str(db), TOKEN,
                     client_factory=lambda: httpx.Client(transport=httpx.MockTransport(refusing_transport)))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def all_pages(client: TestClient, url: str) -> list[dict]:
    """Every item, following next_url."""
    items: list[dict] = []
    while url:
        body = client.get(url).json()
        items += body["items"]
        url = body["next_url"]
    return items


def test_reference_article_claims_and_home_page(client: TestClient, reference_path: str) -> None:
    body = client.get("/api/claims", params={"doc": reference_path, "limit": 500}).json()
    assert body["next"] is None
    figures = sorted(item["quantity"]["low"] for item in body["items"])
    assert len(figures) == 7
    assert {30, 200, 1100, 3000} <= set(figures)
    assert all(item["doc"] == reference_path for item in body["items"])
    home = client.get("/", headers={"accept": "text/html"})
    assert home.status_code == 200 and home.headers["content-type"].startswith("text/html")
    assert "<h1>" in home.text and "counterclaim" in home.text


def test_claims_filters_match_the_store(client: TestClient, reference_db: str) -> None:
    store = open_store(reference_db)
    try:
        for filters in ({}, {"category": "casualties"}, {"subject": "KP"}, {"claimant": "zelensk"},
                        {"since": "2024-12-17", "until": "2024-12-23"}, {"doc": REFERENCE_ID},
                        {"claimant": "council", "category": "captured"}):
            expected = {r["id"] for r in store.iter_claims(**filters)}
            got = all_pages(client, "/api/claims?" + "&".join(f"{k}={quote(v)}" for k, v in filters.items())
                            + "&limit=2")
            assert sorted(r["id"] for r in got) == sorted(expected), filters
    finally:
        store.close()


def test_claim_records_keep_the_claim_format(client: TestClient) -> None:
    item = client.get("/api/claims", params={"q": "1,100"}).json()["items"][0]
    for field in ("doc", "category", "quantity", "subject", "claimant", "said_on", "location",
                  "evidence", "id", "reports", "report_docs"):
        assert field in item
    detail = client.get(f"/api/claims/{item['id']}").json()
    assert detail["id"] == item["id"]
    assert detail["reported_in"][0]["evidence"] == item["evidence"]


def test_a_claim_told_by_two_outlets_lists_both(client: TestClient) -> None:
    item = client.get("/api/claims", params={"category": "captured"}).json()["items"][0]
    assert item["reports"] == 2
    reported_in = client.get(f"/api/claims/{item['id']}").json()["reported_in"]
    assert {r["outlet"] for r in reported_in} == {"First Courier", "Second Gazette"}
    # each report keeps who relayed the claimant in it
    assert {r["outlet"]: (r["via"] or {}).get("name") for r in reported_in} == {
        "First Courier": None, "Second Gazette": "Wire Agency"}


def test_document_ids_with_slashes_and_queries(client: TestClient, reference_path: str) -> None:
    hostile = "https://hostile.example/a?b=<c>&d=e"
    body = client.get("/api/documents/" + quote(hostile, safe="")).json()
    assert body["id"] == hostile and len(body["claims"]) == 2
    reference = client.get("/api/documents/" + reference_path.lstrip("/")).status_code
    assert client.get("/api/documents/" + quote(reference_path, safe="")).json()["id"] == reference_path
    assert reference in (200, 404)  # a path without its leading slash is another id


def test_series_and_estimates(client: TestClient) -> None:
    series = client.get("/api/series").json()
    casualties = next(s for s in series if s["category"] == "casualties" and s["subject"]["country"] == "KP")
    estimate = client.get(f"/api/series/{casualties['id']}/estimates").json()
    assert estimate["method"] == "rules" and estimate["points"]
    assert estimate["points"][-1]["best"] == casualties["last"]["best"]
    model = client.get(f"/api/series/{casualties['id']}/estimates", params={"method": "model"}).json()
    assert model["method"] == "model" and model["claimant_bias"]
    assert client.get("/api/series/nope/estimates").status_code == 404


@pytest.mark.parametrize("url, status", [
    ("/api/claims/no-such-claim", 404), ("/api/documents/nothing-here", 404),
    ("/api/claims?limit=0", 422), ("/api/claims?limit=100000", 422),
    ("/api/claims?since=yesterday", 422), ("/api/claims?category=bombs", 422),
    ("/api/claims?cursor=garbage", 400), ("/api/claims?sort=evidence", 422),
    ("/api/claims?q=" + "x" * 600, 422), ("/api/nothing", 404),
])
def test_errors_are_json_messages(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    assert set(response.json()) == {"message"} and response.json()["message"]
    assert "Traceback" not in response.text


def test_a_cursor_of_another_sort_is_refused(client: TestClient) -> None:
    cursor = client.get("/api/claims?limit=1&sort=figure").json()["next"]
    response = client.get(f"/api/claims?limit=1&sort=date&cursor={cursor}")
    assert response.status_code == 400 and "cursor" in response.json()["message"]


def test_read_only_server_refuses_writes(client: TestClient) -> None:
    response = client.post("/api/documents", json={"text": "5 killed."},
                           headers={"authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403
    assert "read-only" in response.json()["message"]


def test_writes_need_the_token(writable: TestClient) -> None:
    for headers in ({}, {"authorization": "Bearer wrong"}, {"authorization": TOKEN}):
        response = writable.post("/api/documents", json={"text": "5 killed."}, headers=headers)
        assert response.status_code == 401, headers
        assert "Authorization: Bearer" in response.json()["message"]


def test_post_a_text_then_read_its_claims(writable: TestClient) -> None:
    text = ("The regional governor said on Tuesday that 14 civilians were killed in shelling "
            "of Kharkiv.")
    response = writable.post("/api/documents", json={"text": text, "published": "2024-06-05",
                                                     "title": "Shelling"},
                             headers={"authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "added" and body["claims"]
    assert body["claims"][0]["quantity"]["low"] == 14
    listed = writable.get("/api/claims", params={"doc": body["document_id"]}).json()["items"]
    assert {c["id"] for c in listed} == {c["claim_id"] for c in body["claims"]}
    again = writable.post("/api/documents", json={"text": text, "published": "2024-06-05"},
                          headers={"authorization": f"Bearer {TOKEN}"}).json()
    assert again["status"] == "unchanged"


def test_post_a_url_fetches_through_the_client(writable: TestClient) -> None:
    auth = {"authorization": f"Bearer {TOKEN}"}
    response = writable.post("/api/documents", json={"url": "https://news.example/harbour",
                                                     "published": "2024-06-03"}, headers=auth)
    assert response.status_code == 201, response.text
    assert response.json()["document_id"] == "https://news.example/harbour"
    missing = writable.post("/api/documents", json={"url": "https://elsewhere.example/x"}, headers=auth)
    assert missing.status_code == 400 and "404" in missing.json()["message"]


@pytest.mark.parametrize("payload, status", [
    ({}, 422), ({"text": "a", "url": "https://news.example/a"}, 422), ({"text": ""}, 422),
    ({"text": "   "}, 422), ({"url": "ftp://x.example/a"}, 422), ({"text": "x", "extra": 1}, 422),
    ({"text": "x", "published": "soon"}, 422), ({"text": "x", "id": "a\nb"}, 422),
    ({"url": "http://?"}, 400), ({"url": "http://[::1"}, 400),
])
def test_bad_documents_get_4xx(writable: TestClient, payload: dict, status: int) -> None:
    response = writable.post("/api/documents", json=payload,
                             headers={"authorization": f"Bearer {TOKEN}"})
    assert response.status_code == status, response.text
    assert response.json()["message"]


def test_malformed_and_oversized_bodies(writable: TestClient) -> None:
    auth = {"authorization": f"Bearer {TOKEN}", "content-type": "application/json"}
    malformed = writable.post("/api/documents", content=b"{not json", headers=auth)
    assert malformed.status_code == 422 and "message" in malformed.json()
    big = writable.post("/api/documents", content=b'{"text": "' + b"a" * (MAX_BODY_BYTES + 1) + b'"}',
                        headers=auth)
    assert big.status_code == 413 and "limit" in big.json()["message"]

    def chunks() -> Iterator[bytes]:  # no content-length: the limit is counted as it arrives
        yield b'{"text": "'
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"a" * 65536
        yield b'"}'

    streamed = writable.post("/api/documents", content=chunks(), headers=auth)
    assert streamed.status_code == 413


def test_nul_characters_are_stored_replaced(writable: TestClient) -> None:
    response = writable.post("/api/documents", json={"text": "Officials said 3 soldiers\x00 were killed."},
                             headers={"authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201
    document = writable.get("/api/documents/" + quote(response.json()["document_id"], safe="")).json()
    assert "\x00" not in document["text"] and "\ufffd" in document["text"]


def test_openapi_describes_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/claims", "/api/claims/{claim_id}", "/api/documents/{document_id}",
            "/api/series", "/api/series/{series_id}/estimates", "/api/documents"} <= set(spec["paths"])
    assert not any(path.startswith(("/claims", "/series", "/ingest")) for path in spec["paths"])
