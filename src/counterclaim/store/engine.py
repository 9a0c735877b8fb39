"""Connect to SQLite or PostgreSQL and bring the schema up to date with Alembic.

One code path serves both databases; the differences are settled here, once: SQLite gets
foreign keys, a busy timeout and `BEGIN IMMEDIATE` for writes (so two writers queue instead
of failing on a lock upgrade); PostgreSQL serialises concurrent first-time migrations with an
advisory lock.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from counterclaim.errors import StorageError

DEFAULT_DB = "counterclaim.db"
DB_ENV = "COUNTERCLAIM_DB"
SUPPORTED_DIALECTS = ("sqlite", "postgresql")
# Execution option that marks a connection about to write (SQLite then locks at BEGIN).
WRITE_OPTION = "counterclaim_write"
SQLITE_BUSY_SECONDS = 60
# Any constant shared by every counterclaim process: the key of the migration lock.
MIGRATION_LOCK_KEY = 0x636C61696D


def resolve_url(url_or_path: str | None) -> str:
    """A SQLAlchemy URL from a URL, a file path, or None (env COUNTERCLAIM_DB, else ./counterclaim.db)."""
    target = url_or_path or os.environ.get(DB_ENV) or DEFAULT_DB
    if "://" not in target:
        if target == ":memory:":
            return "sqlite://"
        return f"sqlite:///{Path(target).expanduser().resolve()}"
    if target.startswith(("postgresql://", "postgres://")):
        # The bare scheme would pick psycopg2, which is not a dependency.
        return "postgresql+psycopg://" + target.split("://", 1)[1]
    return target


def safe_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's BEGIN below decide when a transaction starts.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    # WAL: readers (the web UI, `claims`) never block a running ingest, nor it them.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    write = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def create_store_engine(url: str) -> Engine:
    """An engine for the URL, set up for counterclaim's transactions."""
    try:
        parsed = make_url(url)
    except ArgumentError as err:
        raise StorageError(f"{url}: not a database URL or path ({err})") from err
    if parsed.get_backend_name() not in SUPPORTED_DIALECTS:
        raise StorageError(f"{safe_url(url)}: unsupported database "
                           f"(counterclaim stores in {' or '.join(SUPPORTED_DIALECTS)})")
    options: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        options["connect_args"] = {"timeout": SQLITE_BUSY_SECONDS, "check_same_thread": False}
        if parsed.database in (None, "", ":memory:"):
            options["poolclass"] = StaticPool  # one shared connection keeps the memory DB alive
        elif parsed.database:
            folder = Path(parsed.database).parent
            if not folder.is_dir():
                raise StorageError(f"{safe_url(url)}: folder {folder} does not exist")
    try:
        engine = create_engine(url, **options)
    except (SQLAlchemyError, ImportError) as err:
        raise StorageError(f"{safe_url(url)}: cannot open ({err})") from err
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def migrate(engine: Engine) -> None:
    """Apply every migration not yet applied (a no-op once the schema is current)."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as connection:
        with connection.begin():
            if engine.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                   {"key": MIGRATION_LOCK_KEY})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
