"""Jobs: the uploaded file's bytes, read by the worker (extraction left the web request)

Revision ID: f3c8a1b5d742
Revises: f3c8a1d6b2e4
Create Date: 2026-12-06 07:05:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'f3c8a1b5d742'
down_revision = 'f3c8a1d6b2e4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('upload', sa.LargeBinary(), nullable=True))


def downgrade():
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.drop_column('upload')
