"""Cards: buried until a time (set aside for the rest of the learner's day, as Anki buries)

Existing cards are not buried (NULL).

Revision ID: c4f1a7d2e9b3
Revises: 9b1e6f2c7d05
Create Date: 2026-12-04 10:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c4f1a7d2e9b3'
down_revision = '9b1e6f2c7d05'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.add_column(sa.Column('buried_until', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.drop_column('buried_until')
