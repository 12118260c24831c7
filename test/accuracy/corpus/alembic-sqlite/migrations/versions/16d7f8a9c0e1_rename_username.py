"""username -> handle

Revision ID: 16d7f8a9c0e1
Revises: 05c6e7f8b9d0
Create Date: 2023-06-18 14:44:10.510051

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "16d7f8a9c0e1"
down_revision = "05c6e7f8b9d0"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.alter_column('username', new_column_name='handle', existing_type=sa.String(length=32))
        batch_op.drop_index('ix_user_username')
        batch_op.create_index(batch_op.f('ix_user_handle'), ['handle'], unique=True)


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_handle'))
        batch_op.create_index('ix_user_username', ['handle'], unique=True)
        batch_op.alter_column('handle', new_column_name='username', existing_type=sa.String(length=32))
