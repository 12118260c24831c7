"""merge heads

Revision ID: f5d6e7f8a9b0
Revises: e4c5d6e7f8a9, 3e9f0a1b2c3d
Create Date: 2024-02-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f5d6e7f8a9b0'
down_revision = ('e4c5d6e7f8a9', '3e9f0a1b2c3d')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
