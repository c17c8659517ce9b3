"""Approved answers: staff-written leads with verified corpus quotes, versioned.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 15:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "approved_answers",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("questions", _JSON, nullable=False),
        sa.Column("lead", sa.Text(), nullable=False),
        sa.Column("quotes", _JSON, nullable=False),
        sa.Column("approved_by", sa.String(length=64), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("retired_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approved_answers")),
        sa.UniqueConstraint("answer_id", "version", name=op.f("uq_approved_answers_answer_id")),
    )
    op.create_index(
        op.f("ix_approved_answers_answer_id"), "approved_answers", ["answer_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_approved_answers_answer_id"), table_name="approved_answers")
    op.drop_table("approved_answers")
