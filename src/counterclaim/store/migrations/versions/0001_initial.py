"""Initial schema: documents, actors, places, claims and their reports.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(), nullable=False,
                  comment="path, URL or JSONL id the text came from"),
        sa.Column("url", sa.String()),
        sa.Column("title", sa.String()),
        sa.Column("outlet", sa.String()),
        sa.Column("language", sa.String()),
        sa.Column("published", sa.Date()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("extractor_version", sa.String(), nullable=False,
                  comment="version of the extractor that produced this document's reports"),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
    )
    op.create_index("ix_documents_content_hash", "documents", ["content_hash"])

    op.create_table(
        "actors",
        sa.Column("id", sa.String(16), nullable=False, comment="hash of the canonical name"),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("kind", sa.String()),
        sa.Column("country", sa.String(2)),
        sa.PrimaryKeyConstraint("id", name="pk_actors"),
        sa.UniqueConstraint("name", name="uq_actors_name"),
    )
    op.create_table(
        "actor_aliases",
        sa.Column("actor_id", sa.String(16), nullable=False),
        sa.Column("mention", sa.String(), nullable=False,
                  comment="the name as a document wrote it"),
        sa.ForeignKeyConstraint(["actor_id"], ["actors.id"],
                                name="fk_actor_aliases_actor_id_actors"),
        sa.PrimaryKeyConstraint("actor_id", "mention", name="pk_actor_aliases"),
    )
    op.create_table(
        "places",
        sa.Column("id", sa.String(16), nullable=False,
                  comment="hash of name, country and admin1"),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("country", sa.String(2)),
        sa.Column("admin1", sa.String()),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.PrimaryKeyConstraint("id", name="pk_places"),
    )
    op.create_table(
        "place_aliases",
        sa.Column("place_id", sa.String(16), nullable=False),
        sa.Column("mention", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["place_id"], ["places.id"],
                                name="fk_place_aliases_place_id_places"),
        sa.PrimaryKeyConstraint("place_id", "mention", name="pk_place_aliases"),
    )

    op.create_table(
        "claims",
        sa.Column("id", sa.String(16), nullable=False,
                  comment="hash of claimant, category, figure, subject and date"),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("quantity_low", sa.BigInteger()),
        sa.Column("quantity_high", sa.BigInteger()),
        sa.Column("qualifier", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("quantity_text", sa.String(), nullable=False),
        sa.Column("subject_id", sa.String(16)),
        sa.Column("subject_mention", sa.String()),
        sa.Column("subject_country", sa.String(2)),
        sa.Column("claimant_id", sa.String(16)),
        sa.Column("claimant_mention", sa.String()),
        sa.Column("claimant_kind", sa.String()),
        sa.Column("claimant_country", sa.String(2)),
        sa.Column("said_on", sa.Date()),
        sa.Column("place_id", sa.String(16)),
        sa.Column("location_mention", sa.String()),
        sa.Column("doc", sa.String(), nullable=False, comment="document of the first report"),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("evidence_text", sa.Text(), nullable=False),
        sa.Column("period", sa.String()),
        sa.Column("extractor_version", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["subject_id"], ["actors.id"],
                                name="fk_claims_subject_id_actors"),
        sa.ForeignKeyConstraint(["claimant_id"], ["actors.id"],
                                name="fk_claims_claimant_id_actors"),
        sa.ForeignKeyConstraint(["place_id"], ["places.id"], name="fk_claims_place_id_places"),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
    )
    op.create_index("ix_claims_category", "claims", ["category"])
    op.create_index("ix_claims_subject_id", "claims", ["subject_id"])
    op.create_index("ix_claims_claimant_id", "claims", ["claimant_id"])
    op.create_index("ix_claims_said_on", "claims", ["said_on"])

    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("claim_id", sa.String(16), nullable=False),
        sa.Column("document_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False,
                  comment="order of the claim in the extractor's output for the document"),
        sa.Column("extracted_id", sa.String(16), nullable=False,
                  comment="Claim.id as extracted"),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("evidence_text", sa.Text(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False,
                  comment="the claim record exactly as extracted"),
        sa.Column("extractor_version", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name="fk_reports_claim_id_claims"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE",
                                name="fk_reports_document_id_documents"),
        sa.PrimaryKeyConstraint("id", name="pk_reports"),
        sa.UniqueConstraint("document_id", "position", name="uq_reports_document_id"),
    )
    op.create_index("ix_reports_claim_id", "reports", ["claim_id"])


def downgrade() -> None:
    for table in ("reports", "claims", "place_aliases", "places", "actor_aliases", "actors",
                  "documents"):
        op.drop_table(table)
