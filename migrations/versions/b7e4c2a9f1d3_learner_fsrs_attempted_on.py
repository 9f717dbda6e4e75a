"""Learner FSRS refits: the last attempt apart from the last kept fit

`fsrs_fitted_on` held the answer count of the last refit attempt, kept or not, so after a fit
no better than the defaults the settings page named more answers than the parameters rest on.
`fsrs_attempted_on` now paces the refits and `fsrs_fitted_on` is the kept fit's count (NULL with
the defaults). Rows with fitted parameters keep their count: whether an attempt after their fit
was rejected is not recorded, so it may still be high until their next kept fit.

Revision ID: b7e4c2a9f1d3
Revises: d2f6a8c1e4b9
Create Date: 2026-12-07 05:30:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b7e4c2a9f1d3'
down_revision = 'd2f6a8c1e4b9'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('learner_skills', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fsrs_attempted_on', sa.Integer(), nullable=True))
    op.execute("UPDATE learner_skills SET fsrs_attempted_on = fsrs_fitted_on")
    op.execute("UPDATE learner_skills SET fsrs_fitted_on = NULL WHERE fsrs_parameters IS NULL")


def downgrade():
    # The old column paced the refits: it takes the last attempt back.
    op.execute(
        "UPDATE learner_skills SET fsrs_fitted_on = fsrs_attempted_on"
        " WHERE fsrs_attempted_on IS NOT NULL"
    )
    with op.batch_alter_table('learner_skills', schema=None) as batch_op:
        batch_op.drop_column('fsrs_attempted_on')
