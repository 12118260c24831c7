"""order_items -> products fk

Revision ID: b1f2a3b4c5d6
Revises: a0e1f2a3b4c5
Create Date: 2023-11-20 11:11:11.111111

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b1f2a3b4c5d6'
down_revision = 'a0e1f2a3b4c5'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_foreign_key(
        "fk_order_items_sku_products",
        "order_items",
        "products",
        ["sku"],
        ["sku"],
    )


def downgrade() -> None:
    op.drop_constraint("fk_order_items_sku_products", "order_items", type_="foreignkey")
