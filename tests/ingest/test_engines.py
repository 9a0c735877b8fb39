"""The ingest engines store exactly what the local engine stores: same claims, same ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counterclaim.cli.ingest import ingest_sources
from counterclaim.ingest.engines import Failure, LocalEngine, bounded_map, make_engine
from counterclaim.models import Document
from counterclaim.store import open_store

PLACES = ["Kharkiv", "Mosul", "Goma", "Kherson", "Aleppo", "Bamako"]
SPEAKERS = ["the regional governor", "the health ministry", "a police spokesman"]


def write_corpus(path: Path, count: int) -> Path:
    """A JSONL corpus of short invented reports, most with a figure, some without."""
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            place, speaker = PLACES[n % len(PLACES)], SPEAKERS[n % len(SPEAKERS)]
            text = f"Markets in {place} reopened on Monday. "
            if n % 3:
                text += f"At least {n + 2} people were killed in shelling of {place}, {speaker} said. "
            if n % 4 == 0:
                text += f"Another {n % 9 + 1} were wounded and a tank was destroyed."
            handle.write(json.dumps({"id": f"doc-{n}", "text": text.strip(),
                                     "published": "2024-03-01"}) + "\n")
    return path


def stored_claims(db: Path) -> list[tuple]:
    """Every stored claim, as comparable tuples sorted by id."""
    with open_store(str(db), create=False) as store:
        return sorted((r["id"], r["doc"], r["category"], json.dumps(r, sort_keys=True, default=str))
                      for r in store.iter_claims())


def ingest_with(engine_name: str, workers: int, corpus: Path, db: Path) -> tuple[int, int]:
    """Ingest the corpus into a new store with one engine; (documents, claims)."""
    engine = make_engine(engine_name, workers)
    try:
        with open_store(str(db)) as store:
            summary = ingest_sources(store, [str(corpus)], engine=engine, on_problem=pytest.fail)
    finally:
        engine.close()
    return summary.documents, summary.claims


@pytest.fixture(scope="module")
def corpus_and_local(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple]]:
    """A 200-document corpus and the claims the local engine stores for it."""
    folder = tmp_path_factory.mktemp("engines")
    corpus = write_corpus(folder / "corpus.jsonl", 200)
    documents, claims = ingest_with("local", 1, corpus, folder / "local.db")
    assert documents == 200 and claims > 150
    return corpus, stored_claims(folder / "local.db")


def test_dask_engine_with_two_workers_stores_what_the_local_engine_stores(
        corpus_and_local: tuple[Path, list[tuple]], tmp_path: Path) -> None:
    corpus, local = corpus_and_local
    documents, _ = ingest_with("dask", 2, corpus, tmp_path / "dask.db")
    assert documents == 200
    assert stored_claims(tmp_path / "dask.db") == local


def test_two_local_processes_store_what_one_stores(
        corpus_and_local: tuple[Path, list[tuple]], tmp_path: Path) -> None:
    corpus, local = corpus_and_local
    ingest_with("local", 2, corpus, tmp_path / "processes.db")
    assert stored_claims(tmp_path / "processes.db") == local


def test_bounded_map_keeps_order_and_never_holds_more_than_asked() -> None:
    submitted: list[Document] = []
    taken: list[Document] = []
    waiting: list[int] = []

    def submit(batch: list[Document]) -> list[Document]:
        submitted.extend(batch)
        waiting.append(len(submitted) - len(taken))
        return batch

    documents = (Document(id=str(n), text="x") for n in range(50))
    for document, outcome in bounded_map(submit, lambda b: [[] for _ in b], documents,
                                         in_flight=3, batch_size=4):
        taken.append(document)
        assert outcome == []
    assert [d.id for d in taken] == [str(n) for n in range(50)]
    assert max(waiting) == 3 * 4


def test_a_crashing_document_is_a_failure_not_a_stopped_run() -> None:
    def extract(document: Document) -> list:
        if document.id == "bad":
            raise ValueError("no")
        return []

    results = list(LocalEngine(extract).run([Document(id="bad", text="a"), Document(id="ok", text="b")]))
    assert isinstance(results[0][1], Failure) and "ValueError" in results[0][1].reason
    assert results[1][1] == []


def test_unknown_engine_and_scheduler_without_dask_are_refused() -> None:
    from counterclaim.errors import InputError

    with pytest.raises(InputError):
        make_engine("spark")
    with pytest.raises(InputError):
        make_engine("local", 1, "tcp://127.0.0.1:8786")
