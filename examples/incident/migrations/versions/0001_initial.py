"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-09-02 10:14:05.112233
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
    )
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    # The reporting tables were added by hand-written SQL; they have no SQLAlchemy models.
    op.execute(
        """
        CREATE TABLE project_keywords (
            project_id integer NOT NULL REFERENCES projects (id),
            keyword text NOT NULL,
            PRIMARY KEY (project_id, keyword)
        );
        CREATE TABLE project_resource_mappings (
            project_id integer NOT NULL REFERENCES projects (id),
            resource_id integer NOT NULL,
            hours numeric(8, 2) NOT NULL DEFAULT 0
        );
        CREATE TABLE project_monthly_forecast (
            project_id integer NOT NULL REFERENCES projects (id),
            month date NOT NULL,
            amount numeric(12, 2) NOT NULL
        );
        """
    )


def downgrade():
    op.execute("DROP TABLE project_monthly_forecast, project_resource_mappings, project_keywords")
    op.drop_table("projects")
    op.drop_table("users")
