"""Users: new_per_day may be NULL, meaning "auto" (new questions paced by the policy)

New accounts get NULL. Existing rows keep their number: a stored 20 may be the old default or
the learner's choice, and the two cannot be told apart, so nothing is changed for them; the
settings page offers "auto".

Revision ID: e5b7d1c3a902
Revises: e2a9d41c7b60
Create Date: 2026-12-06 07:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e5b7d1c3a902'
down_revision = 'e2a9d41c7b60'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('new_per_day', existing_type=sa.Integer(), nullable=True)


def downgrade():
    # "auto" has no number: the old fixed default stands in for it.
    op.execute("UPDATE users SET new_per_day = 20 WHERE new_per_day IS NULL")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('new_per_day', existing_type=sa.Integer(), nullable=False)
