"""rename user_prefs

Revision ID: e4c5d6e7f8a9
Revises: d3b4c5d6e7f8
Create Date: 2024-01-22 10:30:00.303030

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e4c5d6e7f8a9'
down_revision = 'd3b4c5d6e7f8'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.rename_table("user_prefs", "user_preferences")


def downgrade() -> None:
    op.rename_table("user_preferences", "user_prefs")
