"""Learner memory model: practice and lapse weights

Existing learners start from the prior for both (0: FSRS's stability taken as it is).

Revision ID: 7d3a9c4e2b18
Revises: 5c2f8e1d9a47
Create Date: 2026-12-04 06:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '7d3a9c4e2b18'
down_revision = '5c2f8e1d9a47'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('learner_skills', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('memory_practice', sa.Float(), nullable=False, server_default='0.0')
        )
        batch_op.add_column(
            sa.Column('memory_lapse', sa.Float(), nullable=False, server_default='0.0')
        )


def downgrade():
    with op.batch_alter_table('learner_skills', schema=None) as batch_op:
        batch_op.drop_column('memory_lapse')
        batch_op.drop_column('memory_practice')
