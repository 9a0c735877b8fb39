"""Figures may be fractional: a share of a force read as a percentage ("a third" is 33.3).

SQLite keeps a real number in an integer column as it is, so only PostgreSQL, which would
round it, needs its column types changed.

Revision ID: 0002_fractional_figures
Revises: 0001_initial
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_fractional_figures"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

COLUMNS = ("quantity_low", "quantity_high")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for column in COLUMNS:
        op.alter_column("claims", column, type_=sa.Float(precision=53),
                        existing_type=sa.BigInteger(), postgresql_using=f"{column}::double precision")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for column in COLUMNS:
        op.alter_column("claims", column, type_=sa.BigInteger(),
                        existing_type=sa.Float(precision=53), postgresql_using=f"round({column})::bigint")
