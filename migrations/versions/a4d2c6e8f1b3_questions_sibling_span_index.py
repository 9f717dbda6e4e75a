"""Questions: an index on (source_id, quote_start, quote_end) for finding a question's siblings

Revision ID: a4d2c6e8f1b3
Revises: a7c4e9d2f318
Create Date: 2026-12-06 09:00:00.000000

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a4d2c6e8f1b3'
down_revision = 'a7c4e9d2f318'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.create_index(
            'ix_questions_sibling_span', ['source_id', 'quote_start', 'quote_end'], unique=False
        )


def downgrade():
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_index('ix_questions_sibling_span')
