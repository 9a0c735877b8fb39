"""Several writers on one database at once lose nothing and duplicate nothing."""

from __future__ import annotations

import random
import threading

from counterclaim.store import open_store
from counterclaim.store.records import claim_key

WRITERS = 4
DOCUMENTS = 60


def test_concurrent_writers_store_each_document_and_claim_once(store_url, make_document,
                                                               make_claim):
    # Every document reports claims that many others report too, so writers collide on
    # shared claims, actors and places all the time.
    work = []
    for n in range(DOCUMENTS):
        doc_id = f"doc-{n}"
        work.append((make_document(doc_id),
                     [make_claim(doc_id, 10 + n % 7, claimant=["UN", "Police", "Army"][n % 3]),
                      make_claim(doc_id, 100 + n % 5, category="wounded", start=40,
                                 place=["Gaza", "Aleppo"][n % 2])]))
    results: list[list] = [[] for _ in range(WRITERS)]
    failures: list[BaseException] = []

    def write(index: int) -> None:
        order = work[:]
        random.Random(index).shuffle(order)
        try:
            with open_store(store_url) as writer:
                for doc, claims in order:
                    results[index].append(writer.add_document(doc, claims))
        except BaseException as err:  # noqa: BLE001 (reported by the main thread)
            failures.append(err)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert failures == []
    statuses = [r.status for rs in results for r in rs]
    assert statuses.count("added") == DOCUMENTS
    assert statuses.count("unchanged") == DOCUMENTS * (WRITERS - 1)
    with open_store(store_url) as store:
        counts = store.counts()
        claims = list(store.iter_claims())
    assert counts["documents"] == DOCUMENTS
    assert counts["reports"] == 2 * DOCUMENTS
    assert counts["claims"] == len({claim_key(c) for _, cs in work for c in cs}) == 21 + 5
    assert sum(c["reports"] for c in claims) == 2 * DOCUMENTS
    assert sum(r.new_claims for rs in results for r in rs) == counts["claims"]
