"""invoice indexes

Revision ID: 0007
Revises: 0006
Create Date: 2022-04-19 08:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_invoices_status", "invoices", ["status"])
    op.create_index("ix_invoices_account_status", "invoices", ["account_id", "status"])


def downgrade():
    op.drop_index("ix_invoices_account_status", table_name="invoices")
    op.drop_index("ix_invoices_status", table_name="invoices")
