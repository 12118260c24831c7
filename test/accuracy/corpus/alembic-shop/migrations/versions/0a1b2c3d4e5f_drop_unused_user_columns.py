"""drop unused user columns

Revision ID: 0a1b2c3d4e5f
Revises: f5c6d7e8a9b0
Create Date: 2023-07-04 18:22:09.010101

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0a1b2c3d4e5f'
down_revision = 'f5c6d7e8a9b0'
branch_labels = None
depends_on = None

UNUSED = ["signature", "icq_number"]


def _drop(table, column):
    op.drop_column(table, column)


def _restore(table, column):
    op.add_column(table, sa.Column(column, sa.Text(), nullable=True))


def upgrade() -> None:
    for column in UNUSED:
        _drop("users", column)


def downgrade() -> None:
    for column in UNUSED:
        _restore("users", column)
