"""decisions carry their meeting's date and body, for counting without a join

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 05:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('meeting_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('meeting_body', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True))
    op.execute(
        "UPDATE decisions SET "
        "meeting_date = (SELECT start_date FROM meetings WHERE meetings.id = decisions.meeting_id), "
        "meeting_body = (SELECT body FROM meetings WHERE meetings.id = decisions.meeting_id)"
    )
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.alter_column('meeting_date', existing_type=sa.Date(), nullable=False)
        batch_op.alter_column('meeting_body', existing_type=sqlmodel.sql.sqltypes.AutoString(length=30),
                              nullable=False)
        batch_op.create_index('ix_decisions_meeting_date_body_kind', ['meeting_date', 'meeting_body', 'kind'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index('ix_decisions_meeting_date_body_kind')
        batch_op.drop_column('meeting_body')
        batch_op.drop_column('meeting_date')
