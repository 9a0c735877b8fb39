"""Several `counterclaim ingest` processes writing to one PostgreSQL database at once."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from datetime import date

import pytest

from counterclaim.models import Document
from counterclaim.store import open_store

PROCESSES = 3
DOCUMENTS = 150
TEMPLATES = [
    "{who} said {n} civilians were killed in {where} on Sunday.",
    "According to {who}, {n} soldiers were wounded near {where}.",
    "{who} reported that {n} fighters had been captured around {where}.",
]
WHO = ["the governor", "the health ministry", "a police spokesman", "the army"]
WHERE = ["Kharkiv", "Mosul", "Goma", "Aleppo", "Kabul"]


@pytest.mark.postgres
def test_parallel_ingests_of_overlapping_corpora_store_everything_once(pg_url, tmp_path,
                                                                      extract_document):
    docs = [{"id": f"wire-{i:03d}", "published": "2024-09-15",
             "text": TEMPLATES[i % 3].format(who=WHO[i % 4], n=3 + i % 11, where=WHERE[i % 5])}
            for i in range(DOCUMENTS)]
    commands = []
    for p in range(PROCESSES):
        order = docs[:]
        random.Random(p).shuffle(order)  # each process meets the documents in its own order
        path = tmp_path / f"corpus-{p}.jsonl"
        path.write_text("".join(json.dumps(d) + "\n" for d in order))
        commands.append([sys.executable, "-c", "from counterclaim.cli import main; main()",
                         "ingest", "--db", pg_url, str(path)])

    running = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for c in commands]
    outputs = [process.communicate(timeout=300) for process in running]

    for process, (out, err) in zip(running, outputs, strict=True):
        assert process.returncode == 0, err
        assert out.startswith(f"{DOCUMENTS} documents"), out
    added = sum(int(out.split("(")[1].split(" new")[0]) for out, _ in outputs)
    assert added == DOCUMENTS  # each document stored by exactly one process
    with open_store(pg_url) as store:
        counts = store.counts()
        reports = list(store.iter_reports())
        claims = list(store.iter_claims())
    assert counts["documents"] == DOCUMENTS
    expected = {d["id"]: [c.to_dict() for c in extract_document(
        Document(id=d["id"], text=d["text"], published=date(2024, 9, 15)))] for d in docs[:40]}
    for doc_id, records in expected.items():
        assert [{k: v for k, v in r.items() if k != "claim_id"}
                for r in reports if r["doc"] == doc_id] == records
    assert sum(c["reports"] for c in claims) == len(reports)
    assert len({c["id"] for c in claims}) == len(claims)
