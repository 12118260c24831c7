"""comment on invoices.status

Revision ID: 0010
Revises: 0009
Create Date: 2022-09-12 09:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    # MODIFY restates the column; 0002 already made it VARCHAR(16) NOT NULL, only the comment is new.
    op.execute("ALTER TABLE `invoices` MODIFY `status` VARCHAR(16) NOT NULL COMMENT 'draft|open|paid|void'")


def downgrade():
    op.execute("ALTER TABLE `invoices` MODIFY `status` VARCHAR(16) NOT NULL")
