"""invoice status is an enum code now

Revision ID: 0002
Revises: 0001
Create Date: 2021-07-15 09:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("ALTER TABLE `invoices` MODIFY `status` VARCHAR(16) NOT NULL")


def downgrade():
    op.execute("ALTER TABLE `invoices` MODIFY `status` VARCHAR(32) NOT NULL")
