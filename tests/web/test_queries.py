"""Keyset pages over 3,000 generated claims: every claim once, in order, with the store's filters."""

from __future__ import annotations

from datetime import date

import pytest

from counterclaim.store import open_store
from counterclaim.web.queries import SORT_COLUMNS, ClaimFilters, WebQueries

SORT_KEYS = {
    "date": lambda r: r["said_on"], "category": lambda r: r["category"],
    "figure": lambda r: r["quantity"]["low"],
    "claimant": lambda r: (r["claimant"] or {}).get("name"),
    "subject": lambda r: (r["subject"] or {}).get("name"),
    "place": lambda r: (r["location"] or {}).get("name"),
}


@pytest.fixture(scope="module")
def queries(generated_db: str) -> WebQueries:
    return WebQueries(open_store(generated_db).engine)


def walk(queries: WebQueries, filters: ClaimFilters, sort: str, order: str, limit: int) -> list[dict]:
    items, cursor = [], None
    while True:
        page = queries.claim_page(filters, sort, order, limit, cursor)
        items += page.items
        if page.next_cursor is None:
            return items
        cursor = page.next_cursor


@pytest.mark.parametrize("sort", list(SORT_COLUMNS))
@pytest.mark.parametrize("order", ["asc", "desc"])
def test_pages_cover_every_claim_once_in_order(queries: WebQueries, sort: str, order: str) -> None:
    filters = ClaimFilters(since=date(2023, 6, 1)) if sort == "category" else ClaimFilters()
    items = walk(queries, filters, sort, order, 97)
    ids = [r["id"] for r in items]
    assert len(ids) == len(set(ids)) == queries.count_claims(filters)
    keys = [SORT_KEYS[sort](r) for r in items]
    valued = [k for k in keys if k is not None]
    assert valued == sorted(valued, reverse=order == "desc")
    assert all(k is None for k in keys[len(valued):])  # those without a value come last


@pytest.mark.parametrize("filters", [
    {"category": "killed"}, {"subject": "xb"}, {"claimant": "country 07"},
    {"since": "2023-03-01", "until": "2023-04-30"}, {"doc": "synthetic/000007.txt"},
    {"claimant": "monitoring", "category": "missing", "subject": "Forces of Country 03"},
])
def test_filters_mean_what_the_claims_command_means(queries: WebQueries, generated_db: str,
                                                    filters: dict) -> None:
    store = open_store(generated_db)
    expected = {r["id"] for r in store.iter_claims(**filters)}
    store.close()
    typed = {k: date.fromisoformat(v) if k in ("since", "until") else v for k, v in filters.items()}
    got = walk(queries, ClaimFilters(**typed), "figure", "asc", 200)
    assert {r["id"] for r in got} == expected and expected


def test_text_search_is_literal(queries: WebQueries) -> None:
    found = walk(queries, ClaimFilters(q="town 17"), "date", "desc", 500)
    assert found and all("town 17" in r["evidence"]["text"].lower() for r in found)
    assert queries.claim_page(ClaimFilters(q="%"), "date", "desc", 10).items == []
