"""note.pinned

Revision ID: 49a0c1d2f3b4
Revises: 38f9b0c1e2a3
Create Date: 2023-09-03 10:01:55.676767

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "49a0c1d2f3b4"
down_revision = "38f9b0c1e2a3"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pinned', sa.Boolean(), nullable=False))


def downgrade():
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.drop_column('pinned')
