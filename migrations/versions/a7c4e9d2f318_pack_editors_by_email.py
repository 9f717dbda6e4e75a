"""Pack editors kept by email (an invitation), not by account: inviting tells nothing about accounts

Revision ID: a7c4e9d2f318
Revises: f3c8a1b5d742
Create Date: 2026-12-06 09:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a7c4e9d2f318'
down_revision = 'f3c8a1b5d742'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('pack_editors', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email', sa.String(length=254), nullable=True))
    # Every editor so far keeps the pack, now by the email of their account.
    op.execute(
        "UPDATE pack_editors SET email = "
        "(SELECT users.email FROM users WHERE users.id = pack_editors.user_id)"
    )
    op.execute("DELETE FROM pack_editors WHERE email IS NULL")
    with op.batch_alter_table('pack_editors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pack_editors_user_id'))
        batch_op.drop_constraint(batch_op.f('fk_pack_editors_user_id_users'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('pk_pack_editors'), type_='primary')
        batch_op.drop_column('user_id')
        batch_op.alter_column('email', existing_type=sa.String(length=254), nullable=False)
        batch_op.create_primary_key(batch_op.f('pk_pack_editors'), ['pack_id', 'email'])
        batch_op.create_index(batch_op.f('ix_pack_editors_email'), ['email'], unique=False)


def downgrade():
    with op.batch_alter_table('pack_editors', schema=None) as batch_op:
        batch_op.add_column(sa.Column('user_id', sa.Integer(), nullable=True))
    # Only invitations that an instructor's account holds go back to being rows by account.
    op.execute(
        "UPDATE pack_editors SET user_id = (SELECT users.id FROM users WHERE users.email = "
        "pack_editors.email AND users.role IN ('instructor', 'admin'))"
    )
    op.execute("DELETE FROM pack_editors WHERE user_id IS NULL")
    with op.batch_alter_table('pack_editors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pack_editors_email'))
        batch_op.drop_constraint(batch_op.f('pk_pack_editors'), type_='primary')
        batch_op.drop_column('email')
        batch_op.alter_column('user_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_primary_key(batch_op.f('pk_pack_editors'), ['pack_id', 'user_id'])
        batch_op.create_foreign_key(
            batch_op.f('fk_pack_editors_user_id_users'), 'users', ['user_id'], ['id'],
            ondelete='CASCADE',
        )
        batch_op.create_index(batch_op.f('ix_pack_editors_user_id'), ['user_id'], unique=False)
