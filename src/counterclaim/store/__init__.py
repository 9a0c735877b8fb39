"""The store: documents, claims and their reports in SQLite or PostgreSQL.

    >>> from counterclaim.store import open_store
    >>> store = open_store("claims.db")          # or a SQLAlchemy URL; None = $COUNTERCLAIM_DB
    >>> result = store.add_document(document, counterclaim.extract_document(document))
    >>> for record in store.iter_claims(category="killed"): ...
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from counterclaim.errors import StorageError
from counterclaim.store.engine import (
    DB_ENV,
    DEFAULT_DB,
    create_store_engine,
    migrate,
    resolve_url,
    safe_url,
)
from counterclaim.store.queries import IngestResult, Store

__all__ = ["DB_ENV", "DEFAULT_DB", "IngestResult", "Store", "open_store", "resolve_url"]


def open_store(url_or_path: str | None = None, *, create: bool = True) -> Store:
    """Open (creating and migrating as needed) the store at a path or SQLAlchemy URL.

    With `create=False` a SQLite file that does not exist yet is an error rather than a new,
    empty store (for commands that only read).
    """
    import counterclaim

    url = resolve_url(url_or_path)
    engine = create_store_engine(url)
    database = engine.url.database
    if not create and engine.dialect.name == "sqlite" and database not in (None, "", ":memory:") \
            and not Path(database).exists():
        engine.dispose()
        raise StorageError(f"{database}: no store here yet (counterclaim ingest creates it)")
    try:
        migrate(engine)
    except SQLAlchemyError as err:
        engine.dispose()
        reason = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
        raise StorageError(f"{safe_url(url)}: cannot open the store ({reason})") from err
    return Store(engine, counterclaim.EXTRACTOR_VERSION)
