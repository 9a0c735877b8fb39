"""`counterclaim reextract`: documents read by an older extractor are read again, ids kept."""

from __future__ import annotations

import dataclasses

from sqlalchemy import update
from typer.testing import CliRunner

import counterclaim
from counterclaim.cli import app
from counterclaim.cli.reextract import reextract_documents
from counterclaim.store import open_store
from counterclaim.store.schema import claims, documents

runner = CliRunner()


def age_store(url: str) -> None:
    """Pretend everything stored came from an older extractor version."""
    with open_store(url) as store, store.engine.begin() as connection:
        connection.execute(update(documents).values(extractor_version="0.0.1"))
        connection.execute(update(claims).values(extractor_version="0.0.1"))


def test_reextract_refreshes_old_documents_and_keeps_claim_ids(store_url, tmp_path,
                                                               extract_document):
    for n, text in enumerate(["The army said 40 soldiers were killed near the bridge on Monday.",
                              "Police said 7 protesters were wounded on Friday."]):
        (tmp_path / f"r{n}.txt").write_text(text)
    assert runner.invoke(app, ["ingest", "--db", store_url, "--published", "2024-02-10",
                               str(tmp_path / "r0.txt"), str(tmp_path / "r1.txt")]).exit_code == 0
    with open_store(store_url) as store:
        before = list(store.iter_claims())
    assert before
    age_store(store_url)

    result = runner.invoke(app, ["reextract", "--db", store_url])
    again = runner.invoke(app, ["reextract", "--db", store_url])

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("re-extracted 2 documents (0 new, 2 updated")
    assert again.stdout.startswith("re-extracted 0 documents")
    with open_store(store_url) as store:
        after = list(store.iter_claims())
        assert store.outdated_document_ids() == []
    assert [c["id"] for c in after] == [c["id"] for c in before]
    assert {c["extractor_version"] for c in after} == {counterclaim.EXTRACTOR_VERSION}


def test_reextract_drops_claims_no_longer_found_and_keeps_those_still_found(
        store, make_document, make_claim):
    doc = make_document("a")
    kept, dropped = make_claim("a", 5), make_claim("a", 6)
    store.add_document(doc, [kept, dropped], extractor_version="0.0.1")
    ids = {r["quantity"]["low"]: r["id"] for r in store.iter_claims()}

    def newer_extractor(document):
        return [dataclasses.replace(kept, evidence=dataclasses.replace(kept.evidence, start=2)),
                make_claim("a", 8)]

    problems: list[str] = []
    summary = reextract_documents(store, newer_extractor, problems.append)

    assert (summary.replaced, summary.errors, problems) == (1, 0, [])
    after = {r["quantity"]["low"]: r["id"] for r in store.iter_claims()}
    assert sorted(after) == [5, 8]
    assert after[5] == ids[5]


def test_reextract_reports_a_failing_document_and_goes_on(store, make_document, make_claim):
    for doc_id in ("bad", "good"):
        store.add_document(make_document(doc_id), [make_claim(doc_id, 3)], extractor_version="old")

    def flaky(document):
        if document.id == "bad":
            raise ValueError("boom")
        return [make_claim(document.id, 3)]

    problems: list[str] = []
    summary = reextract_documents(store, flaky, problems.append)
    assert problems == ["bad: extraction failed (ValueError: boom)"]
    assert (summary.replaced, summary.errors) == (1, 1)
    assert store.outdated_document_ids() == ["bad"]
