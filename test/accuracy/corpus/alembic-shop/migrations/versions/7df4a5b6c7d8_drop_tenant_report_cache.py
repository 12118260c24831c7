"""drop report_cache in every tenant schema

Revision ID: 7df4a5b6c7d8
Revises: 6ce3f4a5b6c7
Create Date: 2024-05-02 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "7df4a5b6c7d8"
down_revision = "6ce3f4a5b6c7"
branch_labels = None
depends_on = None


def _tenant_schemas(bind):
    return [row[0] for row in bind.execute(sa.text("SELECT schema_name FROM tenants"))]


def upgrade() -> None:
    bind = op.get_bind()
    for schema in _tenant_schemas(bind):
        op.execute(f"DROP TABLE IF EXISTS {schema}.report_cache")


def downgrade() -> None:
    pass
