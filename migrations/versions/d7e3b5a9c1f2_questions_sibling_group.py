"""Questions: a sibling group (the questions one sentence gave; study keeps them apart)

Existing questions get an empty group (no siblings known).

Revision ID: d7e3b5a9c1f2
Revises: e5b7d1c3a902
Create Date: 2026-12-06 06:15:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd7e3b5a9c1f2'
down_revision = 'e5b7d1c3a902'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('group', sa.String(length=64), nullable=False, server_default='')
        )


def downgrade():
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_column('group')
