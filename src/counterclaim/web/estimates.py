"""Series and their estimates for the UI: the reconcile stage run over the store, kept until it changes.

Grouping every claim into series and estimating them takes a while on a large store (minutes
for 100,000 claims), so it runs in a background thread; the result is kept and rebuilt only
when the store's fingerprint (documents, last ingest, reports) changes. A page waits a little
for a fresh result, then shows the previous one, or says that the series are being computed.
The
statistical model is fitted on demand and only while the store is small enough to fit it
while a person waits; above that the pages say so and point to `counterclaim estimate`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from counterclaim.reconcile import (
    SeriesEstimate,
    Settings,
    build_series,
    estimate_series,
    load_settings,
)
from counterclaim.store import Store
from counterclaim.web.queries import WebQueries

# Observations the model fits interactively (it takes ~3 s for 3,000 claims).
MODEL_OBSERVATION_LIMIT = 6000


def store_records(store: Store) -> list[dict[str, Any]]:
    """Every stored claim record; an undated one carries its document's publication date."""
    records = list(store.iter_claims())
    published = {d.id: d.published.isoformat() for d in _dated_documents(store, records)}
    for record in records:
        if not record.get("said_on") and published.get(record["doc"]):
            record["published"] = published[record["doc"]]
    return records


def _dated_documents(store: Store, records: list[dict[str, Any]]) -> list[Any]:
    undated_docs = {r["doc"] for r in records if not r.get("said_on")}
    found = (store.get_document(doc_id) for doc_id in sorted(undated_docs))
    return [d for d in found if d is not None and d.published]


@dataclass
class Snapshot:
    """The series of one state of the store, with their rules estimates and, once fitted, the model's."""

    fingerprint: tuple[Any, ...]
    estimates: list[SeriesEstimate]
    by_id: dict[str, SeriesEstimate]
    model: dict[str, SeriesEstimate] | None = None
    model_refused: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def observations(self) -> int:
        """How many dated figures the model would fit."""
        return sum(len(e.series.counted()) for e in self.estimates)


class SeriesPendingError(Exception):
    """The series are still being computed; try again shortly."""


class EstimateCache:
    """Series estimates of a store, rebuilt in the background when the store changes."""

    def __init__(self, store: Store, queries: WebQueries, settings: Settings | None = None,
                 model_limit: int = MODEL_OBSERVATION_LIMIT) -> None:
        self.store, self.queries = store, queries
        self.settings = settings or load_settings()
        self.model_limit = model_limit
        self._snapshot: Snapshot | None = None
        self._building: tuple[Any, ...] | None = None
        self._done = threading.Condition()
        self._failure: BaseException | None = None

    def snapshot(self, wait_seconds: float = 20.0) -> Snapshot:
        """The series of the store as it is now, waiting up to wait_seconds for them.

        Past the wait: the previous result if there is one, else SeriesPendingError.
        """
        fingerprint = self.queries.fingerprint()
        with self._done:
            if self._snapshot is not None and self._snapshot.fingerprint == fingerprint:
                return self._snapshot
            if self._building != fingerprint:
                self._building, self._failure = fingerprint, None
                threading.Thread(target=self._build, args=(fingerprint,), daemon=True,
                                 name="counterclaim-series").start()
            self._done.wait_for(self._settled(fingerprint), timeout=wait_seconds)
            if self._failure is not None:
                failure, self._failure, self._building = self._failure, None, None
                raise failure
            if self._snapshot is not None:
                return self._snapshot
        raise SeriesPendingError("the series are still being computed from every claim; "
                                 "reload in a minute")

    def _settled(self, fingerprint: tuple[Any, ...]) -> Any:
        def settled() -> bool:
            fresh = self._snapshot is not None and self._snapshot.fingerprint == fingerprint
            return fresh or self._failure is not None
        return settled

    def _build(self, fingerprint: tuple[Any, ...]) -> None:
        try:
            series = build_series(store_records(self.store), self.settings)
            estimates = estimate_series(series, "rules", self.settings)
            built = Snapshot(fingerprint, estimates, {e.series.id: e for e in estimates})
        except BaseException as err:  # noqa: BLE001 (handed to the waiting request)
            with self._done:
                self._failure = err
                self._done.notify_all()
            return
        with self._done:
            if self._building == fingerprint:
                self._snapshot, self._building = built, None
            self._done.notify_all()

    def model(self, snapshot: Snapshot) -> dict[str, SeriesEstimate] | None:
        """The model's estimates of every series, or None when the store is too large to fit now."""
        with snapshot.lock:
            if snapshot.model is None and snapshot.model_refused is None:
                observations = snapshot.observations()
                if observations > self.model_limit:
                    snapshot.model_refused = (
                        f"the statistical model is not fitted here for {observations:,} claims "
                        f"(more than {self.model_limit:,}); run `counterclaim estimate --method "
                        f"model` instead")
                else:
                    fitted = estimate_series([e.series for e in snapshot.estimates], "model",
                                             self.settings)
                    snapshot.model = {e.series.id: e for e in fitted}
            return snapshot.model
