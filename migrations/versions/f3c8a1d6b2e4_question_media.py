"""Question media: images and audio stored with their question

Revision ID: f3c8a1d6b2e4
Revises: d7e3b5a9c1f2
Create Date: 2026-12-06 07:05:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'f3c8a1d6b2e4'
down_revision = 'd7e3b5a9c1f2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'question_media',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('mime', sa.String(length=64), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ['question_id'], ['questions.id'],
            name=op.f('fk_question_media_question_id_questions'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_question_media')),
        sa.UniqueConstraint('question_id', 'name', name=op.f('uq_question_media_question_id_name')),
    )
    with op.batch_alter_table('question_media', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_question_media_question_id'), ['question_id'], unique=False
        )


def downgrade():
    with op.batch_alter_table('question_media', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_media_question_id'))
    op.drop_table('question_media')
