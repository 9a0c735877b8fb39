"""An ingest killed with SIGKILL at random moments, then run again, stores everything exactly once."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from counterclaim.models import Document
from counterclaim.store import open_store, resolve_url
from counterclaim.store.schema import documents

DOCUMENTS = 1000
KILLS = 3  # after one early kill while the process starts
SAMPLE = 150
DOCUMENTS_PER_SECOND = 100  # about what extraction manages here; only sets kill timing
CLAIMANTS = ["The regional governor", "The Ministry of Health", "Police", "The army spokesman",
             "A local official", "The United Nations"]
SUBJECTS = ["civilians", "soldiers", "police officers", "rescue workers", "militants"]
VERBS = ["were killed", "were wounded", "were injured", "are missing", "were captured"]
PLACES = ["Kharkiv", "Mosul", "Aleppo", "Kabul", "Goma", "Khartoum"]
DAYS = ["on Monday", "on Tuesday", "on Friday", "yesterday", "last week"]


def corpus(n: int) -> list[dict]:
    """Short self-written reports; many repeat a figure so that claims are shared."""
    docs = []
    for i in range(n):
        text = (f"{CLAIMANTS[i % 6]} said {2 + i % 40} {SUBJECTS[i % 5]} {VERBS[i % 5]} "
                f"in {PLACES[i % 6]} {DAYS[i % 5]}. Report number {i}.")
        docs.append({"id": f"report-{i:04d}", "text": text, "published": "2024-04-0" + str(1 + i % 9)})
    return docs


def stored_count(url: str) -> int:
    engine = create_engine(resolve_url(url))
    try:
        with engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(documents)).scalar_one()
    except Exception:  # noqa: BLE001 (the schema may not exist yet while the first run starts)
        return 0
    finally:
        engine.dispose()


def ingest_command(url: str, path: Path) -> list[str]:
    return [sys.executable, "-c", "from counterclaim.cli import main; main()",
            "ingest", "--db", url, str(path)]


def kill_while_storing(url: str, path: Path, rng: random.Random, latest: float,
                       early: bool = False) -> int:
    """Start an ingest, SIGKILL it at a random moment while it stores; return stored count.

    The moment falls within `latest` seconds after the process stored its first document.

    An early kill comes while the process starts (opening and migrating the store) instead.
    """
    before = stored_count(url)
    process = subprocess.Popen(ingest_command(url, path), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not early and stored_count(url) == before and process.poll() is None \
            and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(rng.uniform(0.2, 1.0) if early else rng.uniform(0.0, latest))
    process.send_signal(signal.SIGKILL)
    process.wait()
    return stored_count(url)


@pytest.mark.parametrize(("backend", "size", "kills"), [
    ("sqlite", DOCUMENTS, KILLS),
    # Fewer on PostgreSQL: the transactions are the same code; this checks the database's part.
    pytest.param("postgres", DOCUMENTS // 4, KILLS - 1, marks=pytest.mark.postgres),
])
def test_ingest_killed_at_random_moments_then_rerun_stores_every_document_once(
        backend, size, kills, request, tmp_path, extract_document):
    url = request.getfixturevalue("sqlite_url" if backend == "sqlite" else "pg_url")
    docs = corpus(size)
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)

    # Leave the final run work to do: each kill comes within a small share of the whole job.
    latest = size / DOCUMENTS_PER_SECOND / (2 * kills)
    counts = [kill_while_storing(url, path, rng, latest, early=n == 0) for n in range(kills + 1)]
    final = subprocess.run(ingest_command(url, path), capture_output=True, text=True, timeout=300)

    assert counts[-1] < size, f"the kills came too late to test anything (seed {seed})"
    assert counts == sorted(counts), f"a kill lost stored documents: {counts} (seed {seed})"
    assert final.returncode == 0, final.stderr
    assert final.stdout.startswith(f"{size:,} documents ({size - counts[-1]} new, "
                                   f"{counts[-1]} already stored)"), final.stdout
    with open_store(url) as store:
        assert store.counts()["documents"] == size
        stored = list(store.iter_reports())
        claims = list(store.iter_claims())
    # Every claim id is stored once, and its report count adds up to the reports stored.
    assert len({c["id"] for c in claims}) == len(claims)
    assert sum(c["reports"] for c in claims) == len(stored)
    # Each document holds exactly what extraction gives (a sample: extracting all 1,000
    # again would double the test's time).
    for doc in rng.sample(docs, min(SAMPLE, size)):
        document = Document(id=doc["id"], text=doc["text"],
                            published=date.fromisoformat(doc["published"]))
        expected = [c.to_dict() for c in extract_document(document)]
        got = [{k: v for k, v in r.items() if k != "claim_id"} for r in stored
               if r["doc"] == doc["id"]]
        assert got == expected, (doc["id"], seed)
