"""What a review buys a learner: answers after a right review, their surplus, the prior

Existing learners start with no such answers and the default prior (0.15, `payoff.PRIOR_SURPLUS`):
their due threshold is the old 0.7 until their own answers move it.

Revision ID: c9d4e2f7a1b6
Revises: a1f6c3e8d2b4
Create Date: 2026-12-07 13:40:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c9d4e2f7a1b6'
down_revision = 'a1f6c3e8d2b4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('learner_skills', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('payoff_answers', sa.Integer(), nullable=False, server_default='0')
        )
        batch_op.add_column(
            sa.Column('payoff_surplus', sa.Float(), nullable=False, server_default='0.0')
        )
        batch_op.add_column(
            sa.Column('payoff_prior', sa.Float(), nullable=False, server_default='0.15')
        )


def downgrade():
    with op.batch_alter_table('learner_skills', schema=None) as batch_op:
        batch_op.drop_column('payoff_prior')
        batch_op.drop_column('payoff_surplus')
        batch_op.drop_column('payoff_answers')
