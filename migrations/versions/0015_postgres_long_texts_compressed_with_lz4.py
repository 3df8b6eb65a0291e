"""PostgreSQL: a document's texts and its search entry compressed with lz4

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 17:10:00.000000

Every document stores its text three times over (as read, normalised, and the body to search),
25 KB each for a usual report, and PostgreSQL compresses each with pglz as it stores it: 6% of
the server's CPU while a job ingests. lz4 compresses at a fraction of that cost, for a little
more disk. Values already stored stay as they are; a server built without lz4 keeps pglz.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LONG_TEXTS = (("documents", "text"), ("documents", "source_text"), ("search_entries", "text"))


def _set_compression(method: str) -> None:
    for table, column in _LONG_TEXTS:
        op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION {method}")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    has_lz4 = bind.execute(sa.text(
        "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")).scalar()
    if has_lz4:
        _set_compression("lz4")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _set_compression("default")
