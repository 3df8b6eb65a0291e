"""Documents keep what the parser doubts, and the meeting a text names but does not date

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 15:00:00.000000

Ingestion used to refuse every text whose parse carried a problem (no date for its meeting,
dated before the meeting, ...). A readable text is now always stored: its doubts are data (a
JSON list of sentences), and a meeting it names without a date is kept as a hint (body and
place) on the document, which then belongs to no meeting.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('doubts', sa.Text(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('hint_body', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('hint_location', sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_column('hint_location')
        batch_op.drop_column('hint_body')
        batch_op.drop_column('doubts')
