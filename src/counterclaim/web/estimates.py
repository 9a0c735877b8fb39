"""Series and their estimates for the UI: the reconcile stage run over the store, kept until it changes.

Grouping every claim into series takes a while on a large store, so the result is kept and
rebuilt only when the store's fingerprint (documents, last ingest, reports) changes. The
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


class EstimateCache:
    """Series estimates of a store, rebuilt when the store changes."""

    def __init__(self, store: Store, queries: WebQueries, settings: Settings | None = None,
                 model_limit: int = MODEL_OBSERVATION_LIMIT) -> None:
        self.store, self.queries = store, queries
        self.settings = settings or load_settings()
        self.model_limit = model_limit
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()

    def snapshot(self) -> Snapshot:
        """The current series and rules estimates (recomputed only after the store changed)."""
        fingerprint = self.queries.fingerprint()
        with self._lock:
            if self._snapshot is None or self._snapshot.fingerprint != fingerprint:
                series = build_series(store_records(self.store), self.settings)
                estimates = estimate_series(series, "rules", self.settings)
                self._snapshot = Snapshot(fingerprint, estimates,
                                          {e.series.id: e for e in estimates})
            return self._snapshot

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
