"""delete orphaned order items and stale sessions

Revision ID: 17f8a9b0c1d2
Revises: 06e7f8a9b0c1
Create Date: 2024-03-01 06:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '17f8a9b0c1d2'
down_revision = '06e7f8a9b0c1'
branch_labels = None
depends_on = None

orders = sa.table("orders", sa.column("id", sa.Integer))
order_items = sa.table("order_items", sa.column("id", sa.Integer), sa.column("order_id", sa.Integer))
login_sessions = sa.table("login_sessions", sa.column("id", sa.Integer))


def upgrade() -> None:
    op.execute(
        order_items.delete().where(~order_items.c.order_id.in_(sa.select(orders.c.id)))
    )
    conn = op.get_bind()
    conn.execute(login_sessions.delete())


def downgrade() -> None:
    pass
