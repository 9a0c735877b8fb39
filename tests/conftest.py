"""Shared fixtures: `store` over SQLite and PostgreSQL, database URLs, the extractor, shared data.

PostgreSQL tests use a fresh schema per test (dropped afterwards), so runs never collide; where
no server answers they are skipped with the reason.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

PG_URL = os.environ.get("COUNTERCLAIM_TEST_PG",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SHARED = Path(os.environ.get("COUNTERCLAIM_SHARED",
                             Path(__file__).resolve().parents[2] / "shared"))


@functools.cache
def postgres_unavailable() -> str | None:
    """Why PostgreSQL cannot be used for tests, or None when it can."""
    from sqlalchemy import create_engine, text

    try:
        engine = create_engine(PG_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as err:  # noqa: BLE001 (any failure means: skip, saying why)
        return f"PostgreSQL not reachable at {PG_URL}: {str(err).splitlines()[0]}"
    return None


@pytest.fixture
def pg_url() -> Iterator[str]:
    """URL of a fresh, empty PostgreSQL schema, dropped after the test."""
    reason = postgres_unavailable()
    if reason:
        pytest.skip(reason)
    from sqlalchemy import create_engine, text

    schema = f"cc_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(PG_URL)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """Path of a new SQLite database file."""
    return str(tmp_path / "store.db")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest) -> str:
    """A fresh database URL, once for SQLite and once for PostgreSQL."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return request.getfixturevalue(name)


@pytest.fixture
def store(store_url: str) -> Iterator[object]:
    """An open, empty store, over SQLite and over PostgreSQL."""
    from counterclaim.store import open_store

    opened = open_store(store_url)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def extract_document() -> Callable[..., list]:
    """The real extractor (`counterclaim.extract_document`), loaded once."""
    try:
        from counterclaim.extraction import extract_claims  # noqa: F401
    except ImportError as err:
        pytest.skip(f"the extractor cannot be imported yet: {err}")
    from counterclaim import extract_document as extract

    return extract


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The project's shared read-only material (reference article, dev data)."""
    if not (SHARED / "reference").is_dir():
        pytest.skip(f"shared material not found at {SHARED}")
    return SHARED


def build_claim(doc: str, low: int, *, category: str = "killed", claimant: str | None = "Ministry of Health",
                mention: str | None = None, subject: str | None = "civilians",
                said_on: str | None = "2024-05-01", place: str | None = "Kharkiv",
                start: int = 0, qualifier: str = "exactly") -> object:
    """A hand-made Claim (no extractor involved) for store tests."""
    from datetime import date

    from counterclaim.models import Actor, Claim, Evidence, Place, Quantity

    text = f"{claimant or 'It'} said {low} {subject or 'people'} were {category}"
    return Claim(
        doc=doc, category=category,
        quantity=Quantity(low, None, qualifier, "people", str(low)),
        subject=Actor(subject, subject, None, "UA") if subject else None,
        claimant=Actor(claimant, mention or claimant, "government", "UA") if claimant else None,
        said_on=date.fromisoformat(said_on) if said_on else None,
        location=Place(place, place, "UA", None, 50.0, 36.2) if place else None,
        evidence=Evidence(start, start + len(text), text),
    )


@pytest.fixture
def make_claim() -> Callable[..., object]:
    """`build_claim(doc, low, **fields)`: a hand-made Claim for store tests."""
    return build_claim


@pytest.fixture
def make_document() -> Callable[..., object]:
    """`make_document(id, text=..., published=...)`: a Document for store tests."""
    from datetime import date

    from counterclaim.models import Document

    def make(doc_id: str, text: str | None = None, published: str = "2024-05-02") -> Document:
        return Document(id=doc_id, text=text or f"Text of {doc_id}.",
                        published=date.fromisoformat(published), title=f"Title {doc_id}",
                        url=f"https://news.example/{doc_id}", outlet="Example News",
                        language="en")

    return make
