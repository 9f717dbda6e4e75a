"""Learner memory model: the first-exposure scale

Existing learners start from the prior (0: FSRS's first stabilities taken as they are).

Revision ID: b7e2f9c4d1a6
Revises: a4d2c6e8f1b3
Create Date: 2026-12-06 15:50:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b7e2f9c4d1a6'
down_revision = 'a4d2c6e8f1b3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('learner_skills', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('memory_first', sa.Float(), nullable=False, server_default='0.0')
        )


def downgrade():
    with op.batch_alter_table('learner_skills', schema=None) as batch_op:
        batch_op.drop_column('memory_first')
