"""order_items.tax_rate

Revision ID: a0e1f2a3b4c5
Revises: 9d0e1f2a3b4c
Create Date: 2023-11-06 14:02:19.555555

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a0e1f2a3b4c5'
down_revision = '9d0e1f2a3b4c'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "order_items",
        sa.Column("tax_rate", sa.Numeric(5, 4), nullable=False, server_default="0.2000"),
    )


def downgrade() -> None:
    op.drop_column("order_items", "tax_rate")
