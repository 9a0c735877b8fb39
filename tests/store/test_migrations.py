"""Opening a store: URLs and paths, automatic migrations that match the schema, clear failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from counterclaim.errors import StorageError
from counterclaim.store import open_store, resolve_url
from counterclaim.store.schema import metadata


def test_migrations_create_exactly_the_tables_of_the_schema(store):
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
        assert context.get_current_revision() == "0002_fractional_figures"
        if connection.dialect.name == "sqlite":
            # SQLite keeps a real number in an integer column as it is (type affinity), so
            # migration 0002 leaves its figure columns alone: the only allowed difference
            differences = [d for d in differences if not (
                isinstance(d, list) and d[0][0] == "modify_type"
                and d[0][3] in ("quantity_low", "quantity_high"))]
    assert differences == []


def test_opening_twice_migrates_once(store_url):
    open_store(store_url).close()
    with open_store(store_url) as again:
        assert again.counts() == {"documents": 0, "claims": 0, "reports": 0, "actors": 0,
                                  "places": 0}


def test_paths_and_urls_resolve(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COUNTERCLAIM_DB", raising=False)
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'counterclaim.db'}"
    assert resolve_url("x/y.db") == f"sqlite:///{tmp_path / 'x' / 'y.db'}"
    assert resolve_url(":memory:") == "sqlite://"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("COUNTERCLAIM_DB", "from-env.db")
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'from-env.db'}"
    assert resolve_url("sqlite:////abs.db") == "sqlite:////abs.db"


def test_an_in_memory_store_works():
    with open_store(":memory:") as store:
        assert store.counts()["claims"] == 0


@pytest.mark.parametrize(("target", "message"), [
    ("mysql://u@127.0.0.1/x", "unsupported database"),
    ("not a url://x", "not a database URL"),
    ("postgresql+psycopg://nobody@127.0.0.1:9/none", "cannot open the store"),
])
def test_a_store_that_cannot_be_opened_says_why(target, message):
    with pytest.raises(StorageError, match=message):
        open_store(target)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StorageError, match="cannot open the store"):
        open_store(str(path))
    assert path.read_text().startswith("these are my notes")
