"""note indexes

Revision ID: 27e8a9b0d1f2
Revises: 16d7f8a9c0e1
Create Date: 2023-07-07 07:07:07.000007

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "27e8a9b0d1f2"
down_revision = "16d7f8a9c0e1"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_note_created'), ['created'], unique=False)


def downgrade():
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_note_created'))
