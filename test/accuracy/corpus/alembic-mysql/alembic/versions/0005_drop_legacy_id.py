"""drop accounts.legacy_id

Revision ID: 0005
Revises: 0004
Create Date: 2022-01-11 10:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_column("accounts", "legacy_id")


def downgrade():
    op.add_column("accounts", sa.Column("legacy_id", sa.Integer(), nullable=True))
