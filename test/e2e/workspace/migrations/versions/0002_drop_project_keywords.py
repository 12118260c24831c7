"""drop project keywords

Revision ID: 0002
Revises: 0001
Create Date: 2026-10-14 16:41:27.540918
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_table("project_keywords")


def downgrade():
    op.create_table(
        "project_keywords",
        sa.Column("project_id", sa.INTEGER(), autoincrement=False, nullable=False),
        sa.Column("keyword", sa.TEXT(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("project_id", "keyword", name="project_keywords_pkey"),
    )
