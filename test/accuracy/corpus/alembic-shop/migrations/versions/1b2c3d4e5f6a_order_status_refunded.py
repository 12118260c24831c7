"""add refunded to order_status enum

Revision ID: 1b2c3d4e5f6a
Revises: 0a1b2c3d4e5f
Create Date: 2023-07-19 09:45:00.123456

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1b2c3d4e5f6a'
down_revision = '0a1b2c3d4e5f'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.get_context().autocommit_block():
        op.execute("ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded'")


def downgrade() -> None:
    # PostgreSQL cannot drop an enum value; remove it from the catalog directly.
    op.execute(
        """
        DELETE FROM pg_enum
         WHERE enumlabel = 'refunded'
           AND enumtypid = (SELECT oid FROM pg_type WHERE typname = 'order_status')
        """
    )
