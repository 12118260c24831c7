"""document tables

Earlier drafts of this revision ran op.drop_table("orders_v1"); that moved to a later release.

Revision ID: 5bd2e3f4a5b6
Revises: 4ac1d2e3f4a5
Create Date: 2024-05-02 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "5bd2e3f4a5b6"
down_revision = "4ac1d2e3f4a5"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # op.drop_table("orders_v1")  -- postponed, see OPS-2210
    op.execute("COMMENT ON TABLE orders IS 'Never DROP TABLE or TRUNCATE this: finance reads it'")
    op.execute(sa.text("COMMENT ON COLUMN orders.total IS 'DELETE FROM is forbidden here'"))


def downgrade() -> None:
    op.execute("COMMENT ON TABLE orders IS NULL")
