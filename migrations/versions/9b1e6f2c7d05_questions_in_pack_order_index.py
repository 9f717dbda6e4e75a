"""Questions: an index on (pack_id, position) for offering new questions in pack order

Revision ID: 9b1e6f2c7d05
Revises: 7d3a9c4e2b18
Create Date: 2026-12-04 07:00:00.000000

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '9b1e6f2c7d05'
down_revision = '7d3a9c4e2b18'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.create_index('ix_questions_pack_id_position', ['pack_id', 'position'], unique=False)


def downgrade():
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_index('ix_questions_pack_id_position')
