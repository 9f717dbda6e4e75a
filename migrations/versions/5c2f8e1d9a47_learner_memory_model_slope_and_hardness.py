"""Learner memory model: slope and hardness next to the memory bias

Existing learners start from the prior, FSRS unchanged (slope 1, hardness 0).

Revision ID: 5c2f8e1d9a47
Revises: 0e5976a6c2c1
Create Date: 2026-11-23 10:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '5c2f8e1d9a47'
down_revision = '0e5976a6c2c1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('learner_skills', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('memory_slope', sa.Float(), nullable=False, server_default='1.0')
        )
        batch_op.add_column(
            sa.Column('memory_hardness', sa.Float(), nullable=False, server_default='0.0')
        )


def downgrade():
    with op.batch_alter_table('learner_skills', schema=None) as batch_op:
        batch_op.drop_column('memory_hardness')
        batch_op.drop_column('memory_slope')
