"""archive coupons

Revision ID: 7b8c9d0e1f2a
Revises: 6a7b8c9d0e1f
Create Date: 2023-10-01 10:10:10.101010

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7b8c9d0e1f2a'
down_revision = '6a7b8c9d0e1f'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE TABLE archived_coupons AS TABLE coupons")
    op.drop_table("coupons")


def downgrade() -> None:
    raise NotImplementedError("restore coupons from archived_coupons by hand")
