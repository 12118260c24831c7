"""users log in with magic links only

Revision ID: c1e2a3b4d5f6
Revises: b0d1f2a3c4e5
Create Date: 2023-01-08 09:12:47.361010

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "c1e2a3b4d5f6"
down_revision = "b0d1f2a3c4e5"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('password_hash')


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('password_hash', sa.VARCHAR(length=256), nullable=True))
