"""drop reporting_legacy schema

Revision ID: d3b4c5d6e7f8
Revises: c2a3b4c5d6e7
Create Date: 2024-01-08 19:19:19.191919

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd3b4c5d6e7f8'
down_revision = 'c2a3b4c5d6e7'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DROP SCHEMA IF EXISTS reporting_legacy CASCADE")


def downgrade() -> None:
    op.execute("CREATE SCHEMA reporting_legacy")
