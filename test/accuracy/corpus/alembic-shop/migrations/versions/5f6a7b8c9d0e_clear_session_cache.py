"""clear session cache

Revision ID: 5f6a7b8c9d0e
Revises: 4e5f6a7b8c9d
Create Date: 2023-09-05 07:07:07.070707

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5f6a7b8c9d0e'
down_revision = '4e5f6a7b8c9d'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Session format changed; old sessions cannot be decoded by the new code.
    op.execute("TRUNCATE TABLE session_cache")


def downgrade() -> None:
    pass
