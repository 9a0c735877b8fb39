"""The store's tables: documents, claims, the reports that tie them, actors and places.

A *claim* is one statement made once: "Zelensky said over 3,000 on 16 December". A *report*
is one document repeating it, with its own evidence span. Forty outlets carrying the same
statement make one claim with forty reports. Claims, actors and places have ids derived from
their content (see `records.py`), so that concurrent writers agree on them without locks and
an `INSERT ... ON CONFLICT DO NOTHING` is all it takes to share them.

The migrations in `migrations/versions/` create exactly these tables; a test compares them.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import JSON

# Named constraints, so that migrations can refer to them on every database.
metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

documents = Table(
    "documents", metadata,
    Column("id", String, primary_key=True, comment="path, URL or JSONL id the text came from"),
    Column("url", String),
    Column("title", String),
    Column("outlet", String),
    Column("language", String),
    Column("published", Date),
    Column("text", Text, nullable=False),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("extractor_version", String, nullable=False,
           comment="version of the extractor that produced this document's reports"),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

actors = Table(
    "actors", metadata,
    Column("id", String(16), primary_key=True, comment="hash of the canonical name"),
    Column("name", String, nullable=False, unique=True),
    Column("kind", String),
    Column("country", String(2)),
)

actor_aliases = Table(
    "actor_aliases", metadata,
    Column("actor_id", String(16), ForeignKey("actors.id"), primary_key=True),
    Column("mention", String, primary_key=True, comment="the name as a document wrote it"),
)

places = Table(
    "places", metadata,
    Column("id", String(16), primary_key=True, comment="hash of name, country and admin1"),
    Column("name", String, nullable=False),
    Column("country", String(2)),
    Column("admin1", String),
    Column("lat", Float),
    Column("lon", Float),
)

place_aliases = Table(
    "place_aliases", metadata,
    Column("place_id", String(16), ForeignKey("places.id"), primary_key=True),
    Column("mention", String, primary_key=True),
)

claims = Table(
    "claims", metadata,
    Column("id", String(16), primary_key=True,
           comment="hash of claimant, category, figure, subject and date"),
    Column("category", String, nullable=False, index=True),
    # fractional only for shares read as percentages ("a third": 33.3); see migration 0002
    Column("quantity_low", Float(precision=53)),
    Column("quantity_high", Float(precision=53)),
    Column("qualifier", String, nullable=False),
    Column("unit", String, nullable=False),
    Column("quantity_text", String, nullable=False),
    Column("subject_id", String(16), ForeignKey("actors.id"), index=True),
    Column("subject_mention", String),
    Column("subject_country", String(2)),
    Column("claimant_id", String(16), ForeignKey("actors.id"), index=True),
    Column("claimant_mention", String),
    Column("claimant_kind", String),
    Column("claimant_country", String(2)),
    Column("said_on", Date, index=True),
    Column("place_id", String(16), ForeignKey("places.id")),
    Column("location_mention", String),
    # The fields below come from the first report that brought the claim in.
    Column("doc", String, nullable=False, comment="document of the first report"),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Column("period", String),
    Column("extractor_version", String, nullable=False),
)

reports = Table(
    "reports", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("claim_id", String(16), ForeignKey("claims.id"), nullable=False, index=True),
    Column("document_id", String, ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
    Column("position", Integer, nullable=False,
           comment="order of the claim in the extractor's output for the document"),
    Column("extracted_id", String(16), nullable=False, comment="Claim.id as extracted"),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Column("record", JSON, nullable=False, comment="the claim record exactly as extracted"),
    Column("extractor_version", String, nullable=False),
    UniqueConstraint("document_id", "position"),
)
