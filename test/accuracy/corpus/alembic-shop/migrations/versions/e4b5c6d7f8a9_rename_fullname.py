"""rename users.fullname to full_name

Revision ID: e4b5c6d7f8a9
Revises: d3a4b5c6e7f8
Create Date: 2023-06-12 13:14:15.161718

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e4b5c6d7f8a9'
down_revision = 'd3a4b5c6e7f8'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.alter_column("users", "fullname", new_column_name="full_name", existing_type=sa.String(length=120))


def downgrade() -> None:
    op.alter_column("users", "full_name", new_column_name="fullname", existing_type=sa.String(length=120))
