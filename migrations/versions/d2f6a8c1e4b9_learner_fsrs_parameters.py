"""Learner FSRS parameters fitted to their own answers

Existing learners keep FSRS's defaults (NULL) until they have enough reviews for a fit.

Revision ID: d2f6a8c1e4b9
Revises: d4f1a8c2e951
Create Date: 2026-12-07 02:40:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd2f6a8c1e4b9'
down_revision = 'd4f1a8c2e951'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('learner_skills', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fsrs_parameters', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('fsrs_fitted_on', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('learner_skills', schema=None) as batch_op:
        batch_op.drop_column('fsrs_fitted_on')
        batch_op.drop_column('fsrs_parameters')
