"""Study cards, review log, skills and plans

Revision ID: 1aac2677e229
Revises: 948cb72c54d3
Create Date: 2026-11-22 02:30:49.821931

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1aac2677e229'
down_revision = '948cb72c54d3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('learner_skills',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('skill', sa.Float(), nullable=False),
    sa.Column('answered', sa.Integer(), nullable=False),
    sa.Column('recent', sa.JSON(), nullable=False),
    sa.Column('memory_bias', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_learner_skills_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_learner_skills'))
    )
    op.create_table('study_plans',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('pack_id', sa.Integer(), nullable=True),
    sa.Column('source_ids', sa.JSON(), nullable=False),
    sa.Column('kinds', sa.JSON(), nullable=False),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('last_mode', sa.String(length=10), nullable=False),
    sa.Column('cram_started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['pack_id'], ['packs.id'], name=op.f('fk_study_plans_pack_id_packs'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_study_plans_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_study_plans'))
    )
    op.create_table('cards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Integer(), nullable=False),
    sa.Column('step', sa.Integer(), nullable=True),
    sa.Column('stability', sa.Float(), nullable=True),
    sa.Column('difficulty', sa.Float(), nullable=True),
    sa.Column('due', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_review', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reps', sa.Integer(), nullable=False),
    sa.Column('lapses', sa.Integer(), nullable=False),
    sa.Column('suspended', sa.Boolean(), nullable=False),
    sa.Column('leech', sa.Boolean(), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('exposures', sa.Integer(), nullable=False),
    sa.Column('last_rating', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_cards_question_id_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_cards_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cards')),
    sa.UniqueConstraint('user_id', 'question_id', name=op.f('uq_cards_user_id_question_id'))
    )
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cards_question_id'), ['question_id'], unique=False)
        batch_op.create_index('ix_cards_user_id_due', ['user_id', 'due'], unique=False)
        batch_op.create_index('ix_cards_user_id_last_seen_at', ['user_id', 'last_seen_at'], unique=False)

    op.create_table('item_stats',
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('difficulty', sa.Float(), nullable=False),
    sa.Column('answers', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_item_stats_question_id_questions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('question_id', name=op.f('pk_item_stats'))
    )
    op.create_table('review_logs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=True),
    sa.Column('mode', sa.String(length=10), nullable=False),
    sa.Column('form', sa.String(length=10), nullable=False),
    sa.Column('response', sa.JSON(), nullable=True),
    sa.Column('correct', sa.Boolean(), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('duration_ms', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('card_state', sa.Integer(), nullable=True),
    sa.Column('state_before', sa.JSON(), nullable=True),
    sa.Column('client_token', sa.String(length=64), nullable=False),
    sa.Column('undone', sa.Boolean(), nullable=False),
    sa.CheckConstraint("form IN ('choice', 'typed', 'recall')", name=op.f('ck_review_logs_form')),
    sa.CheckConstraint("mode IN ('quiz', 'flashcard', 'cram')", name=op.f('ck_review_logs_mode')),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_review_logs_card_id_cards'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_review_logs_question_id_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_review_logs_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_logs')),
    sa.UniqueConstraint('user_id', 'client_token', name=op.f('uq_review_logs_user_id_client_token'))
    )
    with op.batch_alter_table('review_logs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_logs_card_id'), ['card_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_logs_question_id'), ['question_id'], unique=False)
        batch_op.create_index('ix_review_logs_user_id_question_id', ['user_id', 'question_id'], unique=False)
        batch_op.create_index('ix_review_logs_user_id_reviewed_at', ['user_id', 'reviewed_at'], unique=False)



def downgrade():
    with op.batch_alter_table('review_logs', schema=None) as batch_op:
        batch_op.drop_index('ix_review_logs_user_id_reviewed_at')
        batch_op.drop_index('ix_review_logs_user_id_question_id')
        batch_op.drop_index(batch_op.f('ix_review_logs_question_id'))
        batch_op.drop_index(batch_op.f('ix_review_logs_card_id'))

    op.drop_table('review_logs')
    op.drop_table('item_stats')
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.drop_index('ix_cards_user_id_last_seen_at')
        batch_op.drop_index('ix_cards_user_id_due')
        batch_op.drop_index(batch_op.f('ix_cards_question_id'))

    op.drop_table('cards')
    op.drop_table('study_plans')
    op.drop_table('learner_skills')
