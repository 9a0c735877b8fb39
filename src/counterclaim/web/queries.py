"""Read-only queries of the web UI: filtered, sorted, keyset-paginated claims, and their context.

The Store streams every claim; a page of a table needs fifty of them, sorted and filtered in
SQL. These queries read the store's tables directly (never write) and hand back the same
claim records as `Store.iter_claims`, built by the store's own `claim_record`.

Pages follow a keyset: the cursor is the last row's sort value and id, so page 2,000 costs
what page 1 costs. NULLs (an undated claim, a claim without claimant) sort last either way.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, exists, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from counterclaim.errors import InputError, StorageError
from counterclaim.store.queries import claim_select, claimant_actor, subject_actor
from counterclaim.store.records import claim_record
from counterclaim.store.schema import actor_aliases, actors, documents, places, reports
from counterclaim.store.schema import claims as claims_table

MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 50


# What a table column sorts on; every one is a column of the claims row or a joined name.
SORT_COLUMNS: dict[str, ColumnElement[Any]] = {
    "date": claims_table.c.said_on,
    "category": claims_table.c.category,
    "figure": claims_table.c.quantity_low,
    "claimant": claimant_actor.c.name,
    "subject": subject_actor.c.name,
    "place": places.c.name,
}
SORT_ORDERS = ("asc", "desc")
DEFAULT_SORT, DEFAULT_ORDER = "date", "desc"


@dataclass(frozen=True)
class ClaimFilters:
    """The filters of the `claims` command, plus a text search in the evidence."""

    category: str | None = None
    subject: str | None = None
    claimant: str | None = None
    since: date | None = None
    until: date | None = None
    doc: str | None = None
    q: str | None = None

    def as_params(self) -> dict[str, str]:
        """The filters that are set, as query-string parameters."""
        return {name: value.isoformat() if isinstance(value, date) else value
                for name, value in vars(self).items() if value not in (None, "")}


@dataclass
class ClaimPage:
    """One page of claims and the cursor of the next (None on the last page)."""

    items: list[dict[str, Any]]
    next_cursor: str | None
    extra: dict[str, Any] = field(default_factory=dict)


def encode_cursor(sort: str, order: str, value: Any, claim_id: str) -> str:
    """An opaque cursor: the sort it belongs to, the last row's sort value (None: among NULLs) and id."""
    if isinstance(value, date):
        value = value.isoformat()
    raw = json.dumps([sort, order, value, claim_id], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, sort: str, order: str) -> tuple[Any, str]:
    """The sort value and id a cursor holds; InputError when it is not one of ours for this sort."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        c_sort, c_order, value, claim_id = json.loads(base64.urlsafe_b64decode(padded))
        if (c_sort, c_order) != (sort, order) or not isinstance(claim_id, str):
            raise ValueError("another sort")
        if value is not None and sort == "date":
            value = date.fromisoformat(value)
        elif value is not None and sort == "figure" and (
                isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError("not a figure")
        elif value is not None and sort not in ("date", "figure") and not isinstance(value, str):
            raise ValueError("not a name")
    except (ValueError, TypeError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError("cursor", "not a cursor this server gave for this sort order "
                                   "(start again without it)") from err
    return value, claim_id


def _lower_contains(column: ColumnElement[Any], needle: str) -> ColumnElement[bool]:
    return func.lower(column).contains(needle.casefold(), autoescape=True)


def filter_conditions(filters: ClaimFilters) -> list[ColumnElement[bool]]:
    """SQL conditions for the filters, with the meaning `Store.iter_claims` gives them."""
    conditions: list[ColumnElement[bool]] = []
    c = claims_table.c
    if filters.category:
        conditions.append(c.category == filters.category)
    if filters.subject:
        conditions.append(or_(_lower_contains(subject_actor.c.name, filters.subject),
                              _lower_contains(c.subject_mention, filters.subject),
                              func.upper(c.subject_country) == filters.subject.upper()))
    if filters.claimant:
        conditions.append(or_(
            _lower_contains(claimant_actor.c.name, filters.claimant),
            exists().where(actor_aliases.c.actor_id == c.claimant_id,
                           _lower_contains(actor_aliases.c.mention, filters.claimant))))
    if filters.since:
        conditions.append(c.said_on >= filters.since)
    if filters.until:
        conditions.append(c.said_on <= filters.until)
    if filters.doc:
        conditions.append(c.id.in_(select(reports.c.claim_id)
                                   .where(reports.c.document_id == filters.doc)))
    if filters.q:
        conditions.append(or_(_lower_contains(c.evidence_text, filters.q),
                              _lower_contains(c.quantity_text, filters.q)))
    return conditions


def _after(column: ColumnElement[Any], order: str, value: Any,
           claim_id: str) -> ColumnElement[bool]:
    """Non-NULL rows after (value, id) in the order (column <order>, id), as one index range."""
    reach = column <= value if order == "desc" else column >= value
    beyond = column < value if order == "desc" else column > value
    return and_(reach, or_(beyond, claims_table.c.id > claim_id))


def needs_names(filters: ClaimFilters, sort: str) -> bool:
    """True when the filters or the sort read the claimant's, subject's or place's name."""
    return bool(filters.subject or filters.claimant) or sort in ("claimant", "subject", "place")


class WebQueries:
    """The UI's read-only queries over one store's engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as connection:
                yield connection
        except SQLAlchemyError as err:
            reason = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
            raise StorageError(f"cannot read the store ({reason})") from err

    # -- claims -----------------------------------------------------------------------------

    def claim_page(self, filters: ClaimFilters, sort: str = DEFAULT_SORT,
                   order: str = DEFAULT_ORDER, limit: int = DEFAULT_PAGE_SIZE,
                   cursor: str | None = None) -> ClaimPage:
        """One page of the claims matching the filters, sorted, after the cursor.

        Rows with a sort value come first, then (in id order) those without. Each part is a
        simple range the database can walk along an index, and only the page's ids are
        looked up in full.
        """
        column = SORT_COLUMNS[sort]
        cursor = cursor or None
        value, after_id = decode_cursor(cursor, sort, order) if cursor else (None, None)
        in_nulls = cursor is not None and value is None
        source = (claim_select().with_only_columns(claims_table.c.id, column.label("sort_value"))
                  if needs_names(filters, sort) else
                  select(claims_table.c.id, column.label("sort_value")))
        source = source.where(*filter_conditions(filters))
        keys: list[tuple[str, Any]] = []
        with self._read() as connection:
            if not in_nulls:
                valued = source.where(column.is_not(None))
                if cursor:
                    valued = valued.where(_after(column, order, value, after_id))
                direction = column.asc() if order == "asc" else column.desc()
                keys = [tuple(r) for r in connection.execute(
                    valued.order_by(direction, claims_table.c.id).limit(limit + 1))]
            if len(keys) <= limit:
                unvalued = source.where(column.is_(None))
                if in_nulls:
                    unvalued = unvalued.where(claims_table.c.id > after_id)
                keys += [tuple(r) for r in connection.execute(
                    unvalued.order_by(claims_table.c.id).limit(limit + 1 - len(keys)))]
            more = len(keys) > limit
            keys = keys[:limit]
            items = self._records_by_id(connection, [claim_id for claim_id, _ in keys])
        next_cursor = encode_cursor(sort, order, keys[-1][1], keys[-1][0]) if more else None
        return ClaimPage(items, next_cursor)

    def _records_by_id(self, connection: Connection, ids: list[str]) -> list[dict[str, Any]]:
        """Claim records of the ids, in the order given."""
        if not ids:
            return []
        rows = {row["id"]: row for row in connection.execute(
            claim_select().where(claims_table.c.id.in_(ids))).mappings()}
        return self._records(connection, [rows[i] for i in ids if i in rows])

    def count_claims(self, filters: ClaimFilters) -> int:
        """How many claims match the filters."""
        query = (select(func.count()).select_from(
            claims_table
            .outerjoin(claimant_actor, claimant_actor.c.id == claims_table.c.claimant_id)
            .outerjoin(subject_actor, subject_actor.c.id == claims_table.c.subject_id))
            .where(*filter_conditions(filters)))
        with self._read() as connection:
            return connection.execute(query).scalar_one()

    @staticmethod
    def _records(connection: Connection, rows: list[Any]) -> list[dict[str, Any]]:
        """Claim records of the rows, with each claim's report documents in report order."""
        docs: dict[str, list[str]] = {row["id"]: [] for row in rows}
        if docs:
            query = (select(reports.c.claim_id, reports.c.document_id)
                     .where(reports.c.claim_id.in_(list(docs))).order_by(reports.c.id))
            for claim_id, document_id in connection.execute(query):
                docs[claim_id].append(document_id)
        return [claim_record(row, docs[row["id"]]) for row in rows]

    def get_claim(self, claim_id: str) -> dict[str, Any] | None:
        """One claim record, or None."""
        with self._read() as connection:
            rows = list(connection.execute(
                claim_select().where(claims_table.c.id == claim_id)).mappings())
            return self._records(connection, rows)[0] if rows else None

    def claim_reports(self, claim_id: str) -> list[dict[str, Any]]:
        """Every report of a claim: the document that tells it, where and how."""
        query = (select(reports.c.document_id, reports.c.evidence_start, reports.c.evidence_end,
                        reports.c.evidence_text, reports.c.record, documents.c.title, documents.c.outlet,
                        documents.c.url, documents.c.published)
                 .join(documents, documents.c.id == reports.c.document_id)
                 .where(reports.c.claim_id == claim_id).order_by(reports.c.id))
        with self._read() as connection:
            rows = [dict(row) for row in connection.execute(query).mappings()]
        for row in rows:
            record = row.pop("record") or {}
            row["via"] = record.get("via")  # who relayed the claimant in this report, if anyone
        return rows

    def document_reports(self, document_id: str) -> list[dict[str, Any]]:
        """The claims a document tells, in its order, each with the span that tells it."""
        query = (select(reports.c.claim_id, reports.c.position, reports.c.evidence_start,
                        reports.c.evidence_end, reports.c.evidence_text,
                        claims_table.c.category, claims_table.c.quantity_text,
                        claims_table.c.said_on, claimant_actor.c.name.label("claimant_name"),
                        subject_actor.c.name.label("subject_name"))
                 .join(claims_table, claims_table.c.id == reports.c.claim_id)
                 .outerjoin(claimant_actor, claimant_actor.c.id == claims_table.c.claimant_id)
                 .outerjoin(subject_actor, subject_actor.c.id == claims_table.c.subject_id)
                 .where(reports.c.document_id == document_id).order_by(reports.c.position))
        with self._read() as connection:
            return [dict(row) for row in connection.execute(query).mappings()]

    # -- claimants and documents ------------------------------------------------------------

    def get_actor(self, actor_id: str) -> dict[str, Any] | None:
        """An actor (claimant or subject) with the mentions documents used for it."""
        with self._read() as connection:
            row = connection.execute(select(actors).where(actors.c.id == actor_id)).mappings().first()
            if row is None:
                return None
            mentions = list(connection.scalars(
                select(actor_aliases.c.mention).where(actor_aliases.c.actor_id == actor_id)
                .order_by(actor_aliases.c.mention)))
        return {**row, "mentions": mentions}

    def claims_by_claimant(self, actor_id: str, limit: int = MAX_PAGE_SIZE * 4) -> list[dict[str, Any]]:
        """The claims an actor made, by date (undated last)."""
        query = (claim_select().where(claims_table.c.claimant_id == actor_id)
                 .order_by(claims_table.c.said_on.is_(None), claims_table.c.said_on,
                           claims_table.c.id).limit(limit))
        with self._read() as connection:
            return self._records(connection, list(connection.execute(query).mappings()))

    def claimants(self, limit: int = 200) -> list[dict[str, Any]]:
        """The claimants who made the most claims, with how many."""
        made = func.count(claims_table.c.id).label("claims")
        query = (select(actors.c.id, actors.c.name, actors.c.kind, actors.c.country, made)
                 .join(claims_table, claims_table.c.claimant_id == actors.c.id)
                 .group_by(actors.c.id, actors.c.name, actors.c.kind, actors.c.country)
                 .order_by(made.desc(), actors.c.name).limit(limit))
        with self._read() as connection:
            return [dict(row) for row in connection.execute(query).mappings()]

    def actor_ids_by_name(self, names: list[str]) -> dict[str, str]:
        """Actor ids of canonical names (for links from series members to claimants)."""
        found: dict[str, str] = {}
        unique = sorted(set(names))
        with self._read() as connection:
            for start in range(0, len(unique), 500):
                query = select(actors.c.name, actors.c.id).where(
                    actors.c.name.in_(unique[start:start + 500]))
                found.update({name: actor_id for name, actor_id in connection.execute(query)})
        return found

    def documents(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Documents, most recently ingested first, with how many claims each tells."""
        told = (select(func.count()).where(reports.c.document_id == documents.c.id)
                .scalar_subquery().label("reports"))
        query = (select(documents.c.id, documents.c.title, documents.c.outlet,
                        documents.c.published, documents.c.ingested_at, told)
                 .order_by(documents.c.ingested_at.desc(), documents.c.id)
                 .limit(limit).offset(offset))
        with self._read() as connection:
            return [dict(row) for row in connection.execute(query).mappings()]

    def fingerprint(self) -> tuple[Any, ...]:
        """Changes whenever a document is added, replaced or re-extracted (for caches)."""
        query = select(func.count(documents.c.id), func.max(documents.c.ingested_at),
                       select(func.count(reports.c.id)).scalar_subquery())
        with self._read() as connection:
            return tuple(connection.execute(query).one())
