"""orders total must not be negative

Revision ID: c2a3b4c5d6e7
Revises: b1f2a3b4c5d6
Create Date: 2023-12-04 08:08:08.080808

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c2a3b4c5d6e7'
down_revision = 'b1f2a3b4c5d6'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_check_constraint("ck_orders_total_non_negative", "orders", "total >= 0")


def downgrade() -> None:
    op.drop_constraint("ck_orders_total_non_negative", "orders", type_="check")
