"""resize order columns

Revision ID: 2c3d4e5f6a7b
Revises: 1b2c3d4e5f6a
Create Date: 2023-08-02 15:31:27.424242

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2c3d4e5f6a7b'
down_revision = '1b2c3d4e5f6a'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.alter_column(
        "orders",
        "total",
        existing_type=sa.Numeric(precision=10, scale=2),
        type_=sa.Numeric(precision=12, scale=2),
        existing_nullable=False,
    )
    op.alter_column(
        "order_items",
        "sku",
        existing_type=sa.String(length=40),
        type_=sa.String(length=24),
        existing_nullable=False,
    )
    op.alter_column(
        "orders",
        "status",
        existing_type=sa.String(length=20),
        type_=sa.String(length=20),
        comment="lifecycle state",
    )


def downgrade() -> None:
    op.alter_column("order_items", "sku", existing_type=sa.String(length=24), type_=sa.String(length=40))
    op.alter_column("orders", "total", existing_type=sa.Numeric(precision=12, scale=2), type_=sa.Numeric(precision=10, scale=2))
