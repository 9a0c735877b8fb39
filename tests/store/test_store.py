"""The store over SQLite and PostgreSQL, with hand-made claims (no extractor involved)."""

from __future__ import annotations

from datetime import date

import pytest

import counterclaim
from counterclaim.store import open_store


def test_document_is_stored_once_with_its_claims(store, make_document, make_claim):
    doc = make_document("a")
    claims = [make_claim("a", 12), make_claim("a", 30, category="wounded", start=50)]

    first = store.add_document(doc, claims)
    again = store.add_document(doc, claims)

    assert (first.status, first.claims, first.new_claims, first.reports) == ("added", 2, 2, 2)
    assert (again.status, again.reports) == ("unchanged", 0)
    assert store.counts()["documents"] == 1
    assert store.counts()["claims"] == 2
    assert store.counts()["reports"] == 2
    assert store.get_document("a") == doc
    assert store.has_document(doc)


def test_forty_outlets_repeating_one_statement_make_one_claim_with_forty_reports(
        store, make_document, make_claim):
    for n in range(40):
        doc_id = f"outlet-{n}"
        # Each outlet writes the claimant its own way and quotes it at its own offset.
        claim = make_claim(doc_id, 3000, category="casualties", claimant="Volodymyr Zelensky",
                           mention=["Zelensky", "Zelenskyy", "Zelinsky"][n % 3], start=n,
                           qualifier="more_than", subject="North Korean forces")
        store.add_document(make_document(doc_id), [claim])

    (record,) = list(store.iter_claims())
    assert record["reports"] == 40
    assert record["report_docs"] == [f"outlet-{n}" for n in range(40)]
    assert record["quantity"]["low"] == 3000
    assert record["claimant"]["name"] == "Volodymyr Zelensky"
    reports = list(store.iter_reports())
    assert len(reports) == 40
    assert {r["evidence"]["start"] for r in reports} == set(range(40))
    assert {r["claim_id"] for r in reports} == {record["id"]}
    # Any alias finds the claimant.
    assert [r["id"] for r in store.iter_claims(claimant="zelinsky")] == [record["id"]]


def test_claims_differing_in_claimant_figure_subject_or_date_stay_apart(
        store, make_document, make_claim):
    variants = [make_claim("a", 100), make_claim("a", 101), make_claim("a", 100, claimant="UN"),
                make_claim("a", 100, subject="soldiers"), make_claim("a", 100, said_on="2024-05-02"),
                make_claim("a", 100, category="wounded")]
    store.add_document(make_document("a"), variants)
    assert store.counts()["claims"] == len(variants)


def test_own_voice_claims_of_different_documents_stay_apart(store, make_document, make_claim):
    for doc_id in ("note-1", "note-2"):
        store.add_document(make_document(doc_id),
                           [make_claim(doc_id, 2, claimant=None, said_on=None, subject=None)])
    assert [r["reports"] for r in store.iter_claims()] == [1, 1]


def test_the_same_claim_twice_in_one_document_is_one_claim_with_two_reports(
        store, make_document, make_claim):
    result = store.add_document(make_document("a"),
                                [make_claim("a", 7), make_claim("a", 7, start=80)])
    assert (result.claims, result.reports) == (1, 2)
    (record,) = store.iter_claims()
    assert (record["reports"], record["report_docs"]) == (2, ["a"])


def test_a_document_whose_text_changed_has_its_reports_replaced(store, make_document, make_claim):
    store.add_document(make_document("a", "first text"), [make_claim("a", 5), make_claim("a", 6)])
    store.add_document(make_document("b"), [make_claim("b", 6)])

    result = store.add_document(make_document("a", "second text"), [make_claim("a", 9)])

    assert result.status == "replaced"
    assert store.get_document("a").text == "second text"
    figures = {r["quantity"]["low"]: r["reports"] for r in store.iter_claims()}
    assert figures == {6: 1, 9: 1}  # 5 is reported by no one any more; 6 still by b


def test_replacing_keeps_the_ids_of_claims_that_still_hold(store, make_document, make_claim):
    doc = make_document("a")
    store.add_document(doc, [make_claim("a", 5), make_claim("a", 6)], extractor_version="0.0.1")
    before = {r["quantity"]["low"]: r["id"] for r in store.iter_claims()}
    assert store.outdated_document_ids() == ["a"]

    # The newer extractor finds 5 at another span, no longer 6, and a new 8.
    store.add_document(doc, [make_claim("a", 5, start=3), make_claim("a", 8)], replace=True)

    after = {r["quantity"]["low"]: r for r in store.iter_claims()}
    assert sorted(after) == [5, 8]
    assert after[5]["id"] == before[5]
    assert after[5]["evidence"]["start"] == 3
    assert {r["extractor_version"] for r in after.values()} == {counterclaim.EXTRACTOR_VERSION}
    assert store.outdated_document_ids() == []


def test_iter_claims_filters(store, make_document, make_claim):
    store.add_document(make_document("a"), [
        make_claim("a", 1, category="killed", said_on="2024-01-10"),
        make_claim("a", 2, category="wounded", said_on="2024-02-10", claimant="General Staff"),
        make_claim("a", 3, category="killed", said_on=None, subject="soldiers"),
    ])
    store.add_document(make_document("b"), [make_claim("b", 4, said_on="2024-03-10")])

    def lows(**filters):
        return sorted(r["quantity"]["low"] for r in store.iter_claims(**filters))

    assert lows() == [1, 2, 3, 4]
    assert lows(category="killed") == [1, 3, 4]
    assert lows(subject="SOLDIER") == [3]
    assert lows(subject="UA") == [1, 2, 3, 4]  # a country code matches the subject's country
    assert lows(claimant="general") == [2]
    assert lows(since="2024-02-01") == [2, 4]
    assert lows(since=date(2024, 2, 1), until="2024-02-28") == [2]
    assert lows(doc="b") == [4]
    assert lows(doc="nowhere") == []


def test_claim_records_follow_the_claim_format(store, make_document, make_claim):
    claim = make_claim("a", 12)
    store.add_document(make_document("a"), [claim])
    (record,) = store.iter_claims()
    extracted = claim.to_dict()
    for field in ("doc", "category", "quantity", "subject", "claimant", "said_on", "location",
                  "evidence", "period"):
        assert record[field] == extracted[field], field
    assert (list(store.iter_reports(doc="a"))[0] | {"claim_id": None}) == extracted | {"claim_id": None}


def test_documents_come_back_whole(store, make_document):
    docs = [make_document(f"d{n}", f"text {n} with ünïcödé") for n in range(3)]
    for doc in docs:
        store.add_document(doc, [])
    assert list(store.iter_documents()) == docs
    assert store.get_document("missing") is None


def test_text_with_nul_characters_is_refused_on_every_database(store, make_document):
    # The readers replace NUL (PostgreSQL cannot hold it); a caller that does not is told.
    with pytest.raises(counterclaim.StorageError, match="nul: .*NUL"):
        store.add_document(make_document("nul", "a\x00b"), [])
    assert store.counts()["documents"] == 0


def test_reopening_keeps_everything(store_url, make_document, make_claim):
    with open_store(store_url) as first:
        first.add_document(make_document("a"), [make_claim("a", 1)])
    with open_store(store_url) as second:
        assert second.counts()["claims"] == 1
        assert second.add_document(make_document("a"), [make_claim("a", 1)]).status == "unchanged"


@pytest.mark.parametrize("claimants", [["Police", "police"], ["Police"]])
def test_canonical_names_match_case_insensitively(store, make_document, make_claim, claimants):
    for n, name in enumerate(claimants):
        store.add_document(make_document(f"d{n}"), [make_claim(f"d{n}", 4, claimant=name)])
    assert store.counts()["claims"] == 1
    assert store.counts()["actors"] == 2  # the claimant and the subject


def test_many_claims_stream_back_in_batches_with_their_documents(store, make_document, make_claim):
    for d in range(12):
        claims = [make_claim(f"d{d}", d * 1000 + i, start=i) for i in range(100)]
        store.add_document(make_document(f"d{d}"), [*claims, make_claim(f"d{d}", 999_999)])
    records = list(store.iter_claims())
    assert len(records) == 12 * 100 + 1
    shared = next(r for r in records if r["quantity"]["low"] == 999_999)
    assert shared["report_docs"] == [f"d{d}" for d in range(12)]
    assert all(r["report_docs"] == [f"d{r['quantity']['low'] // 1000}"]
               for r in records if r is not shared)


def test_a_claim_shows_the_evidence_of_a_document_that_still_tells_it(store, make_document,
                                                                      make_claim):
    store.add_document(make_document("a", "first"), [make_claim("a", 5, start=10)])
    store.add_document(make_document("b"), [make_claim("b", 5, start=20)])
    assert [(r["doc"], r["evidence"]["start"]) for r in store.iter_claims()] == [("a", 10)]

    store.add_document(make_document("a", "second"), [make_claim("a", 5, start=30)])
    assert [(r["doc"], r["evidence"]["start"]) for r in store.iter_claims()] == [("a", 30)]

    store.add_document(make_document("a", "third"), [])
    (record,) = store.iter_claims()
    assert (record["doc"], record["evidence"]["start"], record["report_docs"]) == ("b", 20, ["b"])


def test_records_turn_back_into_the_claims_they_came_from(make_claim):
    from counterclaim.store.records import record_claim

    for claim in (make_claim("a", 5), make_claim("a", 6, claimant=None, said_on=None, place=None)):
        assert record_claim(claim.to_dict()) == claim
