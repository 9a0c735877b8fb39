"""Time the claims pages on a generated store: `python tests/web/measure_pages.py [CLAIMS] [DB]`.

Builds the store when it is missing, then times the JSON and HTML claims pages (first page,
each sort, filters, text search, a page deep into the keyset) and the first series build.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from fastapi.testclient import TestClient  # noqa: E402

from counterclaim.store import open_store  # noqa: E402
from counterclaim.web import create_app  # noqa: E402
from synthetic import fill_store  # noqa: E402

REPEATS = 5


def timed(client: TestClient, url: str) -> tuple[float, dict | str]:
    """Median milliseconds over REPEATS requests, and the last response body."""
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        response = client.get(url, headers={"accept": "text/html"} if not url.startswith("/api") else {})
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code, response.text[:200])
    body = response.json() if url.startswith("/api") else response.text
    return statistics.median(times), body


def main() -> None:
    claims = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    db = Path(sys.argv[2] if len(sys.argv) > 2 else f"/tmp/counterclaim-{claims}.db")
    if not db.exists():
        store = open_store(str(db))
        start = time.perf_counter()
        fill_store(store, claims)
        print(f"built {db} with {store.counts()['claims']:,} claims in {time.perf_counter() - start:.1f} s")
        store.close()
    client = TestClient(create_app(str(db)))
    urls = ["/api/claims", "/api/claims?sort=date&order=asc", "/api/claims?sort=figure",
            "/api/claims?sort=claimant&order=asc", "/api/claims?sort=subject",
            "/api/claims?sort=place&order=asc", "/api/claims?sort=category",
            "/api/claims?category=killed", "/api/claims?claimant=country%2007",
            "/api/claims?subject=XB", "/api/claims?q=town%2017",
            "/api/claims?since=2024-01-01&until=2024-02-01&sort=figure",
            "/api/claims?doc=synthetic/000500.txt", "/claims", "/claims?category=killed&sort=claimant",
            "/claims?q=town%2017"]
    for url in urls:
        ms, _ = timed(client, url)
        print(f"{ms:8.1f} ms  {url}")
    # Walk 50 pages forward along the default sort: keyset pages cost the same deep down.
    url, deep = "/api/claims?limit=50", []
    for _ in range(50):
        start = time.perf_counter()
        body = client.get(url).json()
        deep.append((time.perf_counter() - start) * 1000)
        url = body["next_url"]
    print(f"{statistics.median(deep):8.1f} ms  median of pages 1-50 following next_url "
          f"(page 50: {deep[-1]:.1f} ms)")
    start = time.perf_counter()
    first = client.get("/api/series")
    print(f"{(time.perf_counter() - start) * 1000:8.1f} ms  /api/series, first call: {first.status_code} "
          f"{first.json()['message'] if first.status_code != 200 else ''}")
    while client.get("/api/series").status_code != 200:  # built in the background meanwhile
        time.sleep(1)
    print(f"{(time.perf_counter() - start) * 1000:8.1f} ms  until the series of every claim were built")
    ms, _ = timed(client, "/api/series")
    print(f"{ms:8.1f} ms  /api/series, cached")


if __name__ == "__main__":
    main()
