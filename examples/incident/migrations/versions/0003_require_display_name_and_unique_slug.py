"""require display name and unique project slug

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-02 09:12:44.104311
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column("users", "display_name", existing_type=sa.Text(), nullable=False)
    op.create_index("ix_projects_slug", "projects", ["slug"], unique=True)


def downgrade():
    op.drop_index("ix_projects_slug", table_name="projects")
    op.alter_column("users", "display_name", existing_type=sa.Text(), nullable=True)
