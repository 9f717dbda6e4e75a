"""Packs: new_order, in which order learners meet the questions they have not studied

"pack order" (what every pack did until now) or "easiest first". Packs written by `quire
generate` (the bundled bank among them: generator name "quire") start easiest first, as new
imports of them do (app/packs/new_order.py); every other pack keeps its order.

Revision ID: c9d4e2a7f813
Revises: b7e2f9c4d1a6
Create Date: 2026-12-07 01:00:00.000000

"""
import json

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c9d4e2a7f813'
down_revision = 'b7e2f9c4d1a6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('packs', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('new_order', sa.String(length=20), nullable=False,
                      server_default='pack order')
        )
    # The generator is JSON, read alike on SQLite and PostgreSQL only once decoded here.
    connection = op.get_bind()
    generated = []
    for pack_id, generator in connection.execute(sa.text('SELECT id, generator FROM packs')):
        if isinstance(generator, str):
            try:
                generator = json.loads(generator)
            except ValueError:
                generator = None
        if isinstance(generator, dict) and generator.get('name') == 'quire':
            generated.append(pack_id)
    for pack_id in generated:
        connection.execute(
            sa.text("UPDATE packs SET new_order = 'easiest first' WHERE id = :id"), {'id': pack_id}
        )


def downgrade():
    with op.batch_alter_table('packs', schema=None) as batch_op:
        batch_op.drop_column('new_order')
