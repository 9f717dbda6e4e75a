"""The forecast's weight on the item's pooled offset, per learner

Existing learners start at 1: the forecast they state is what it was before this column, the
item's offset added in full, until their answers move it.

Revision ID: d5a8e3c1f7b2
Revises: c9d4e2f7a1b6
Create Date: 2026-12-07 23:40:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd5a8e3c1f7b2'
down_revision = 'c9d4e2f7a1b6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('learner_skills', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('forecast_item', sa.Float(), nullable=False, server_default='1.0')
        )


def downgrade():
    with op.batch_alter_table('learner_skills', schema=None) as batch_op:
        batch_op.drop_column('forecast_item')
