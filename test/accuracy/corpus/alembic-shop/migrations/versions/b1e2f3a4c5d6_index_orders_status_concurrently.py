"""index orders.status concurrently

Revision ID: b1e2f3a4c5d6
Revises: 9d4e0f1a2b36
Create Date: 2023-05-03 11:05:51.200031

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b1e2f3a4c5d6'
down_revision = '9d4e0f1a2b36'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # CREATE INDEX CONCURRENTLY cannot run inside the migration's transaction.
    with op.get_context().autocommit_block():
        op.create_index(
            "ix_orders_status",
            "orders",
            ["status"],
            unique=False,
            postgresql_concurrently=True,
        )


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index("ix_orders_status", table_name="orders", postgresql_concurrently=True)
