"""note.visibility

Revision ID: 5ab1d2e3a4c5
Revises: 49a0c1d2f3b4
Create Date: 2023-10-15 16:20:00.161616

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "5ab1d2e3a4c5"
down_revision = "49a0c1d2f3b4"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.add_column(sa.Column('visibility', sa.String(length=16), server_default='private', nullable=False))

    op.execute("UPDATE note SET visibility = 'public' WHERE pinned = 1")


def downgrade():
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.drop_column('visibility')
