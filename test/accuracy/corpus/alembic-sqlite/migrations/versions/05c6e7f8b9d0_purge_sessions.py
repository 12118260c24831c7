"""purge sessions

Revision ID: 05c6e7f8b9d0
Revises: f4b5d6e7a8c9
Create Date: 2023-05-30 06:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "05c6e7f8b9d0"
down_revision = "f4b5d6e7a8c9"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("DELETE FROM session")


def downgrade():
    pass
