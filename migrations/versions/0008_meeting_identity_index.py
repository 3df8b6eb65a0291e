"""An index on a meeting's identity: body, start date and form

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 11:30:00.000000

Saving a report finds its meeting by body, start date and form (upsert_meeting). SQLite
answered that through the index on body alone, reading every meeting of that body: a save
slowed as meetings grew, and at 10,000 reports the lookup was a quarter of the save.
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index('ix_meetings_body_start_date_informal', ['body', 'start_date', 'informal'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index('ix_meetings_body_start_date_informal')
