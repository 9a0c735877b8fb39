"""The Store: write one document with its claims in one transaction; read claims back.

Writers never hold a lock across documents. Each document is one transaction; rows shared
between documents (claims, actors, places) have content-derived ids and are inserted with
`ON CONFLICT DO NOTHING`, in sorted order so that two writers take row locks in the same
order. A transaction that still collides with another writer (a deadlock, a claim deleted
under it, SQLite busy past its timeout) is rolled back and tried again.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import Engine, Select, Table, delete, exists, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, SQLAlchemyError

from counterclaim.errors import StorageError
from counterclaim.models import Claim, Document
from counterclaim.store.engine import WRITE_OPTION
from counterclaim.store.records import (
    actor_id,
    actor_row,
    claim_record,
    claim_row,
    place_id,
    place_row,
    record_claim,
    report_row,
)
from counterclaim.store.schema import (
    actor_aliases,
    actors,
    documents,
    place_aliases,
    places,
    reports,
)
from counterclaim.store.schema import (
    claims as claims_table,
)

WRITE_ATTEMPTS = 8
BATCH = 500  # rows per IN (...) list: well under every database's parameter limit


@dataclass(frozen=True)
class IngestResult:
    """What storing one document did."""

    document_id: str
    status: str  # "added", "replaced" (text changed or re-extracted) or "unchanged"
    claims: int  # distinct claims the document reports
    new_claims: int  # of those, claims no stored document had reported
    reports: int  # reports stored (one per extracted claim)


class _StoredConcurrently(Exception):
    """Another writer stored the same document between our look and our insert."""


def _batches(items: list[Any], size: int = BATCH) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


# the actors table twice: once as the claim's claimant, once as its subject
claimant_actor = actors.alias("claimant")
subject_actor = actors.alias("subject")


def claim_select(base: Any = claims_table) -> Select[Any]:
    """Claims with the names `claim_record` wants (claimant, subject, place), from `base`."""
    return (
        select(claims_table,
               claimant_actor.c.name.label("claimant_name"),
               subject_actor.c.name.label("subject_name"),
               places.c.name.label("place_name"), places.c.country.label("place_country"),
               places.c.admin1.label("place_admin1"), places.c.lat.label("place_lat"),
               places.c.lon.label("place_lon"))
        .select_from(
            base
            .outerjoin(claimant_actor, claimant_actor.c.id == claims_table.c.claimant_id)
            .outerjoin(subject_actor, subject_actor.c.id == claims_table.c.subject_id)
            .outerjoin(places, places.c.id == claims_table.c.place_id))
    )


class Store:
    """Documents, claims, reports, actors and places in one SQLite or PostgreSQL database."""

    def __init__(self, engine: Engine, extractor_version: str) -> None:
        self.engine = engine
        self.extractor_version = extractor_version
        self._dialect = postgresql if engine.dialect.name == "postgresql" else sqlite

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.engine.connect().execution_options(**{WRITE_OPTION: True}) as connection:
            with connection.begin():
                yield connection

    def has_document(self, document: Document) -> bool:
        """True when a document with this id and this exact text is stored."""
        query = select(documents.c.content_hash).where(documents.c.id == document.id)
        with self._read() as connection:
            return connection.execute(query).scalar_one_or_none() == document.content_hash

    def add_document(self, doc: Document, claims: list[Claim], *, replace: bool = False,
                     extractor_version: str | None = None) -> IngestResult:
        """Store a document and the claims read from it, all in one transaction.

        A document already stored with the same text is left as it is (unless `replace`);
        one stored with a different text has its reports replaced by these.
        """
        if "\x00" in doc.text:
            # PostgreSQL refuses NUL in text; refuse it everywhere so both stores agree.
            raise StorageError(f"{doc.id}: cannot store a text containing NUL characters")
        version = extractor_version or self.extractor_version
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with self._write() as connection:
                    return self._write_document(connection, doc, claims, replace, version)
            except _StoredConcurrently:
                continue
            except (OperationalError, IntegrityError) as err:
                # Deadlock, busy database, or a shared claim deleted under us: try again.
                if attempt == WRITE_ATTEMPTS:
                    raise StorageError(f"{doc.id}: cannot store ({_reason(err)})") from err
                time.sleep(random.uniform(0.01, 0.05) * attempt)
            except SQLAlchemyError as err:
                raise StorageError(f"{doc.id}: cannot store ({_reason(err)})") from err
        raise StorageError(f"{doc.id}: cannot store (kept colliding with other writers)")

    def _insert_ignoring_conflicts(self, connection: Connection, table: Table,
                                   rows: Iterable[dict[str, Any]]) -> int:
        """Insert the rows not already there, in key order; returns how many were new."""
        key = list(table.primary_key)
        ordered = sorted(rows, key=lambda row: tuple(str(row[c.name]) for c in key))
        if not ordered:
            return 0
        insert = self._dialect.insert(table).on_conflict_do_nothing().returning(key[0])
        return len(connection.execute(insert, ordered).all())

    def _write_document(self, connection: Connection, doc: Document, claims: list[Claim],
                        replace: bool, version: str) -> IngestResult:
        look = select(documents.c.content_hash).where(documents.c.id == doc.id)
        if self._dialect is postgresql:
            look = look.with_for_update()
        stored_hash = connection.execute(look).scalar_one_or_none()
        if stored_hash == doc.content_hash and not replace:
            return IngestResult(doc.id, "unchanged", 0, 0, 0)
        document_row = {
            "id": doc.id, "url": doc.url, "title": doc.title, "outlet": doc.outlet,
            "language": doc.language, "published": doc.published, "text": doc.text,
            "content_hash": doc.content_hash, "extractor_version": version,
            "ingested_at": datetime.now(timezone.utc),
        }
        previous_claim_ids: set[str] = set()
        if stored_hash is None:
            insert = (self._dialect.insert(documents).values(document_row)
                      .on_conflict_do_nothing().returning(documents.c.id))
            if connection.execute(insert).scalar_one_or_none() is None:
                raise _StoredConcurrently
            status = "added"
        else:
            previous_claim_ids = set(connection.scalars(
                select(reports.c.claim_id).where(reports.c.document_id == doc.id)))
            connection.execute(delete(reports).where(reports.c.document_id == doc.id))
            connection.execute(update(documents).where(documents.c.id == doc.id)
                               .values(document_row))
            status = "replaced"

        claim_actors = [a for c in claims for a in (c.claimant, c.subject) if a is not None]
        self._insert_ignoring_conflicts(connection, actors,
                                        {actor_id(a): actor_row(a) for a in claim_actors}.values())
        self._insert_ignoring_conflicts(connection, actor_aliases, [
            {"actor_id": aid, "mention": mention}
            for aid, mention in {(actor_id(a), a.mention) for a in claim_actors if a.mention}])
        claim_places = [c.location for c in claims if c.location is not None]
        self._insert_ignoring_conflicts(connection, places,
                                        {place_id(p): place_row(p) for p in claim_places}.values())
        self._insert_ignoring_conflicts(connection, place_aliases, [
            {"place_id": pid, "mention": mention}
            for pid, mention in {(place_id(p), p.mention) for p in claim_places if p.mention}])

        claim_rows: dict[str, dict[str, Any]] = {}
        for claim in claims:
            row = claim_row(claim, version)
            claim_rows.setdefault(row["id"], row)
        if status == "replaced":
            # Claims this document brought in show its new evidence and extractor version.
            for claim_id in sorted(claim_rows):
                self._set_representative(connection, claim_id, doc.id, claim_rows[claim_id])
        new_claims = self._insert_ignoring_conflicts(connection, claims_table, claim_rows.values())
        report_rows = [report_row(c, doc.id, position, version)
                       for position, c in enumerate(claims)]
        if report_rows:
            connection.execute(reports.insert(), report_rows)

        dropped = sorted(previous_claim_ids - set(claim_rows))
        for batch in _batches(dropped):
            connection.execute(delete(claims_table).where(
                claims_table.c.id.in_(batch),
                ~exists().where(reports.c.claim_id == claims_table.c.id)))
        for claim_id in dropped:  # still told by other documents: shown by the earliest one
            earliest = connection.execute(
                select(reports.c.record, reports.c.extractor_version)
                .where(reports.c.claim_id == claim_id).order_by(reports.c.id).limit(1)).first()
            if earliest is not None:
                row = claim_row(record_claim(earliest.record), earliest.extractor_version)
                self._set_representative(connection, claim_id, doc.id, row)
        return IngestResult(doc.id, status, len(claim_rows), new_claims, len(report_rows))

    @staticmethod
    def _set_representative(connection: Connection, claim_id: str, shown_by: str,
                            row: dict[str, Any]) -> None:
        """Refresh a claim's representative fields, if they came from document `shown_by`."""
        values = {k: v for k, v in row.items() if k != "id"}
        connection.execute(update(claims_table).where(claims_table.c.id == claim_id,
                                                      claims_table.c.doc == shown_by)
                           .values(values))

    # -- reading ----------------------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as connection:
                yield connection
        except SQLAlchemyError as err:
            raise StorageError(f"{self.url}: cannot read ({_reason(err)})") from err

    def _claims_query(self, category: str | None, subject: str | None, claimant: str | None,
                      since: date | str | None, until: date | str | None,
                      doc: str | None) -> Select[Any]:
        stats = (select(reports.c.claim_id, func.min(reports.c.id).label("first_report"))
                 .group_by(reports.c.claim_id).subquery("stats"))
        query = (claim_select(claims_table.join(stats, stats.c.claim_id == claims_table.c.id))
                 .order_by(stats.c.first_report))
        if category:
            query = query.where(claims_table.c.category == category)
        if subject:
            needle = f"%{subject.casefold()}%"
            query = query.where(or_(func.lower(subject_actor.c.name).like(needle),
                                    func.lower(claims_table.c.subject_mention).like(needle),
                                    func.upper(claims_table.c.subject_country) == subject.upper()))
        if claimant:
            needle = f"%{claimant.casefold()}%"
            query = query.where(or_(
                func.lower(claimant_actor.c.name).like(needle),
                exists().where(actor_aliases.c.actor_id == claims_table.c.claimant_id,
                               func.lower(actor_aliases.c.mention).like(needle))))
        if since:
            query = query.where(claims_table.c.said_on >= _as_date(since))
        if until:
            query = query.where(claims_table.c.said_on <= _as_date(until))
        if doc:
            query = query.where(exists().where(reports.c.claim_id == claims_table.c.id,
                                               reports.c.document_id == doc))
        return query

    def iter_claims(self, category: str | None = None, subject: str | None = None,
                    claimant: str | None = None, since: date | str | None = None,
                    until: date | str | None = None,
                    doc: str | None = None) -> Iterator[dict[str, Any]]:
        """Stored claims, each once, as claim-format records with `reports` and `report_docs`.

        Filters: exact category; subject and claimant as case-insensitive substrings of the
        canonical name or a mention (subject also as a country code); said_on within
        [since, until]; doc = claims the document reports.
        """
        query = self._claims_query(category, subject, claimant, since, until, doc)
        with self._read() as connection:
            result = connection.execution_options(yield_per=BATCH).execute(query)
            for rows in result.mappings().partitions():
                docs_by_claim: dict[str, list[str]] = {row["id"]: [] for row in rows}
                report_docs = (select(reports.c.claim_id, reports.c.document_id)
                               .where(reports.c.claim_id.in_(list(docs_by_claim)))
                               .order_by(reports.c.id))
                for claim_id, document_id in connection.execute(report_docs):
                    docs_by_claim[claim_id].append(document_id)
                for row in rows:
                    yield claim_record(row, docs_by_claim[row["id"]])

    def iter_reports(self, doc: str | None = None) -> Iterator[dict[str, Any]]:
        """Every report as the extractor gave it (its claim record), plus the store's `claim_id`."""
        query = select(reports.c.record, reports.c.claim_id).order_by(reports.c.id)
        if doc is not None:
            query = query.where(reports.c.document_id == doc)
        with self._read() as connection:
            for record, claim_id in connection.execution_options(yield_per=BATCH).execute(query):
                yield {**record, "claim_id": claim_id}

    def get_document(self, id: str) -> Document | None:  # noqa: A002 (the interface's name)
        """The stored document with this id, or None."""
        with self._read() as connection:
            row = connection.execute(select(documents).where(documents.c.id == id)).mappings().first()
        return _document(row) if row else None

    def iter_documents(self) -> Iterator[Document]:
        """Every stored document, in the order they were stored."""
        query = select(documents).order_by(documents.c.ingested_at, documents.c.id)
        with self._read() as connection:
            for row in connection.execution_options(yield_per=BATCH).execute(query).mappings():
                yield _document(row)

    def outdated_document_ids(self, extractor_version: str | None = None) -> list[str]:
        """Ids of documents whose claims came from another extractor version."""
        version = extractor_version or self.extractor_version
        query = (select(documents.c.id).where(documents.c.extractor_version != version)
                 .order_by(documents.c.ingested_at, documents.c.id))
        with self._read() as connection:
            return list(connection.scalars(query))

    def counts(self) -> dict[str, int]:
        """How many documents, claims, reports, actors and places are stored."""
        tables = {"documents": documents, "claims": claims_table, "reports": reports,
                  "actors": actors, "places": places}
        with self._read() as connection:
            return {name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                    for name, table in tables.items()}


def _document(row: Any) -> Document:
    return Document(id=row["id"], text=row["text"], published=row["published"],
                    title=row["title"], url=row["url"], outlet=row["outlet"],
                    language=row["language"])


def _as_date(value: date | str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value[:10])
    except ValueError as err:
        raise StorageError(f"{value!r} is not a date in the form YYYY-MM-DD") from err


def _reason(err: SQLAlchemyError) -> str:
    """The database's own first line, without SQLAlchemy's statement dump."""
    original = err.orig if isinstance(err, DBAPIError) else err
    return str(original).strip().splitlines()[0] if str(original).strip() else type(err).__name__
