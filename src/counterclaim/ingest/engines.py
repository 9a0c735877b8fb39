"""Where extraction runs: in this process, in N local processes, or on a Dask cluster.

Every engine takes documents as they are read and gives back (document, outcome) pairs in
the same order, so the caller stores them as before: one writer, one transaction per
document. Documents travel in small batches and only a few batches per worker are in flight
at once, so memory stays bounded however long the input is. Each worker process loads the
spaCy pipeline and the gazetteer once, when it starts, and reuses it for every batch.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import Any, Protocol

from counterclaim.errors import CounterclaimError, InputError
from counterclaim.models import Claim, Document

BATCH_DOCUMENTS = 16  # documents per task: enough to batch sentences, small enough to stream
BATCHES_PER_WORKER = 3  # tasks in flight per worker: keeps workers busy, memory bounded
ENGINES = ("local", "dask")


@dataclass(frozen=True)
class Failure:
    """Why one document could not be extracted."""

    reason: str


Outcome = list[Claim] | Failure


class Engine(Protocol):
    """Extracts the claims of a stream of documents, in order."""

    def run(self, documents: Iterable[Document]) -> Iterator[tuple[Document, Outcome]]: ...

    def close(self) -> None: ...


def describe(err: Exception) -> str:
    """A one-line reason for a failed extraction."""
    return str(err) if isinstance(err, CounterclaimError) else f"{type(err).__name__}: {err}"


def extract_one(extract: Callable[[Document], list[Claim]], document: Document) -> Outcome:
    """The claims of one document, or why there are none; never raises."""
    try:
        return extract(document)
    except Exception as err:  # noqa: BLE001 (one document's crash must not stop the run)
        return Failure(describe(err))


def extract_batch(documents: list[Document]) -> list[Outcome]:
    """The claims of a batch of documents, their sentences parsed together (runs on workers)."""
    from counterclaim.extraction.pipeline import claims_from_doc, parse_many

    try:
        docs = list(parse_many(d.text for d in documents))
    except Exception:  # noqa: BLE001 (find which document it was, one at a time below)
        from counterclaim import extract_document

        return [extract_one(extract_document, d) for d in documents]
    return [extract_one(lambda d, doc=doc: claims_from_doc(doc, d), d)
            for d, doc in zip(documents, docs, strict=True)]


def warm_worker() -> None:
    """Load the pipeline and the tables once, when a worker process starts."""
    from counterclaim.extraction.nlp import warm_up

    warm_up()


def batches(documents: Iterable[Document], size: int = BATCH_DOCUMENTS) -> Iterator[list[Document]]:
    """Consecutive batches of documents, read lazily."""
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def bounded_map(submit: Callable[[list[Document]], Any], result: Callable[[Any], list[Outcome]],
                documents: Iterable[Document], in_flight: int,
                batch_size: int = BATCH_DOCUMENTS) -> Iterator[tuple[Document, Outcome]]:
    """Submit batches with at most `in_flight` pending, yielding results in input order."""
    pending: deque[tuple[list[Document], Any]] = deque()
    for batch in batches(documents, batch_size):
        pending.append((batch, submit(batch)))
        if len(pending) >= in_flight:
            done, handle = pending.popleft()
            yield from zip(done, result(handle), strict=True)
    while pending:
        done, handle = pending.popleft()
        yield from zip(done, result(handle), strict=True)


class LocalEngine:
    """Extraction in this process, one document at a time (what an interrupted run relies on)."""

    def __init__(self, extract: Callable[[Document], list[Claim]] | None = None) -> None:
        if extract is None:
            from counterclaim import extract_document as extract
        self.extract = extract

    def run(self, documents: Iterable[Document]) -> Iterator[tuple[Document, Outcome]]:
        """Each document's claims, extracted as it is read."""
        for document in documents:
            yield document, extract_one(self.extract, document)

    def close(self) -> None:
        """Nothing to release."""


class ProcessEngine:
    """Extraction in N local worker processes; the caller's process reads and stores."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        # spawn: the workers never inherit the caller's database connections or threads
        self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=warm_worker)

    def run(self, documents: Iterable[Document]) -> Iterator[tuple[Document, Outcome]]:
        """Each document's claims, in input order."""
        yield from bounded_map(lambda batch: self.pool.submit(extract_batch, batch),
                               Future.result, documents, self.workers * BATCHES_PER_WORKER)

    def close(self) -> None:
        """Stop the worker processes."""
        self.pool.shutdown(cancel_futures=True)


class DaskEngine:
    """Extraction on a Dask cluster: a local one of N processes, or one at a scheduler address."""

    def __init__(self, workers: int | None = None, scheduler: str | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as err:  # an install without the dask extra
            raise InputError("--engine dask", f"dask.distributed is not installed ({err})") from err
        self.cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="30s")
            else:
                self.cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1,
                                            processes=True, dashboard_address=None)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as err:
            raise InputError(scheduler or "--engine dask", f"cannot reach the Dask scheduler ({err})") from err
        self.client.register_plugin(WarmUpPlugin(), name="counterclaim-warm-up")
        self.workers = max(len(self.client.scheduler_info().get("workers", {})), workers or 1)

    def run(self, documents: Iterable[Document]) -> Iterator[tuple[Document, Outcome]]:
        """Each document's claims, in input order."""
        yield from bounded_map(lambda batch: self.client.submit(extract_batch, batch, pure=False),
                               lambda future: future.result(), documents,
                               self.workers * BATCHES_PER_WORKER)

    def close(self) -> None:
        """Disconnect, and stop the local cluster if this engine started one."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _worker_plugin_base() -> type:
    try:
        from distributed.diagnostics.plugin import WorkerPlugin
    except ImportError:
        return object
    return WorkerPlugin


class WarmUpPlugin(_worker_plugin_base()):  # type: ignore[misc]
    """Loads the pipeline on each Dask worker as it joins, before its first task."""

    def setup(self, worker: Any) -> None:
        """Called once per worker process."""
        warm_worker()


def make_engine(engine: str = "local", workers: int = 1, scheduler: str | None = None,
                extract: Callable[[Document], list[Claim]] | None = None) -> Engine:
    """The engine the options name: local (1 or N processes) or dask (local cluster or address)."""
    if engine == "dask":
        return DaskEngine(workers, scheduler)
    if engine != "local":
        raise InputError("--engine", f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if scheduler:
        raise InputError("--scheduler", "only the dask engine connects to a scheduler")
    return LocalEngine(extract) if workers <= 1 else ProcessEngine(workers)
