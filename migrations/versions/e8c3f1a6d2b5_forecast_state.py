"""The recall forecast's state: six weights per learner, an offset and its count per question

Existing learners and questions start from the prior (bias 0, slope 1, the rest 0; offset 0 on
no reviews): the forecast then states the reference recall until answers move it.

Revision ID: e8c3f1a6d2b5
Revises: b7e4c2a9f1d3
Create Date: 2026-12-07 08:30:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e8c3f1a6d2b5'
down_revision = 'b7e4c2a9f1d3'
branch_labels = None
depends_on = None

WEIGHTS = (
    ('forecast_bias', '0.0'),
    ('forecast_slope', '1.0'),
    ('forecast_last', '0.0'),
    ('forecast_once', '0.0'),
    ('forecast_twice', '0.0'),
    ('forecast_elapsed', '0.0'),
)


def upgrade():
    with op.batch_alter_table('learner_skills', schema=None) as batch_op:
        for name, default in WEIGHTS:
            batch_op.add_column(
                sa.Column(name, sa.Float(), nullable=False, server_default=default)
            )
    with op.batch_alter_table('item_stats', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('forecast_offset', sa.Float(), nullable=False, server_default='0.0')
        )
        batch_op.add_column(
            sa.Column('forecast_answers', sa.Integer(), nullable=False, server_default='0')
        )


def downgrade():
    with op.batch_alter_table('item_stats', schema=None) as batch_op:
        batch_op.drop_column('forecast_answers')
        batch_op.drop_column('forecast_offset')
    with op.batch_alter_table('learner_skills', schema=None) as batch_op:
        for name, _ in reversed(WEIGHTS):
            batch_op.drop_column(name)
