"""carts are baskets now

Revision ID: 0008
Revises: 0007
Create Date: 2022-06-30 15:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("RENAME TABLE `carts` TO `baskets`")


def downgrade():
    op.execute("RENAME TABLE `baskets` TO `carts`")
