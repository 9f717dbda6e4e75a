"""Questions: the deleted_at index holds deleted questions only

On every live question the full index told SQLite's planner that "not deleted" picks out a few
rows, so the pool's new sample read the whole bank through it instead of the (pack, position)
index (tests/learn/test_new_sample_cost.py).

Revision ID: d4f1a8c2e951
Revises: c9d4e2a7f813
Create Date: 2026-12-07 02:45:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd4f1a8c2e951'
down_revision = 'c9d4e2a7f813'
branch_labels = None
depends_on = None

DELETED = sa.text('deleted_at IS NOT NULL')


def upgrade():
    op.drop_index('ix_questions_deleted_at', table_name='questions')
    op.create_index(
        'ix_questions_deleted_at', 'questions', ['deleted_at'],
        sqlite_where=DELETED, postgresql_where=DELETED,
    )


def downgrade():
    op.drop_index('ix_questions_deleted_at', table_name='questions')
    op.create_index('ix_questions_deleted_at', 'questions', ['deleted_at'])
