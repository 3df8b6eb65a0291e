"""Meeting aliases: a published meeting id answers with a redirect once its documents moved

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 00:30:00.000000

A reparse that reads a meeting's dates better can move its documents to a meeting with another
id (its first day is in the id); the old id was published, so it is kept as an alias.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "meeting_aliases",
        sa.Column("alias", sa.String(length=80), nullable=False),
        sa.Column("meeting_id", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("alias", name=op.f("pk_meeting_aliases")),
    )
    op.create_index(op.f("ix_meeting_aliases_meeting_id"), "meeting_aliases", ["meeting_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_meeting_aliases_meeting_id"), table_name="meeting_aliases")
    op.drop_table("meeting_aliases")
