"""Indexes on mentions by decision and by agenda item, for member= on their lists and stats

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 19:20:00.000000

`/v1/decisions?member=NLD` asks, for each decision, whether a mention of the member points at
it. With mentions indexed by document and by member only, SQLite read every mention of the
member for every decision: 58.5 s for 10 decisions over 400 generated reports (PostgreSQL
hashes the mentions instead and took 0.02 s).
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_mentions_decision_member", "mentions", ["decision_id", "member_code"])
    op.create_index("ix_mentions_agenda_item_member", "mentions", ["agenda_item_id", "member_code"])


def downgrade() -> None:
    op.drop_index("ix_mentions_agenda_item_member", table_name="mentions")
    op.drop_index("ix_mentions_decision_member", table_name="mentions")
