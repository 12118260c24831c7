"""users.api_token

Revision ID: 06e7f8a9b0c1
Revises: f5d6e7f8a9b0
Create Date: 2024-02-12 13:37:00.133713

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = '06e7f8a9b0c1'
down_revision = 'f5d6e7f8a9b0'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "users",
        sa.Column(
            "api_token",
            postgresql.UUID(as_uuid=True),
            server_default=sa.text("gen_random_uuid()"),
            nullable=False,
        ),
    )


def downgrade() -> None:
    op.drop_column("users", "api_token")
