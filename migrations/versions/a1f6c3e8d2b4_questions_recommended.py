"""Questions: recommended, a generated question the strict bank keeps (the review page says so)

Existing questions are not recommended: which of them the strict bank kept is not known.

Revision ID: a1f6c3e8d2b4
Revises: e8c3f1a6d2b5
Create Date: 2026-12-07 12:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a1f6c3e8d2b4'
down_revision = 'e8c3f1a6d2b5'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('recommended', sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade():
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_column('recommended')
