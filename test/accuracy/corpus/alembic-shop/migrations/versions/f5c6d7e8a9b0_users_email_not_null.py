"""users.email not null

Revision ID: f5c6d7e8a9b0
Revises: e4b5c6d7f8a9
Create Date: 2023-06-20 10:00:41.777777

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f5c6d7e8a9b0'
down_revision = 'e4b5c6d7f8a9'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "UPDATE users SET email = 'user-' || id || '@invalid.example' WHERE email IS NULL"
    )
    op.alter_column(
        "users",
        "email",
        existing_type=sa.String(length=255),
        nullable=False,
    )


def downgrade() -> None:
    op.alter_column(
        "users",
        "email",
        existing_type=sa.String(length=255),
        nullable=True,
    )
