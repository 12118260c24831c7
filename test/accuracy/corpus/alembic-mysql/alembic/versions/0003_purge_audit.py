"""purge audit log older than 90 days

Revision ID: 0003
Revises: 0002
Create Date: 2021-09-02 03:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("DELETE FROM `audit_log` WHERE `created_at` < NOW() - INTERVAL 90 DAY")


def downgrade():
    pass
