"""drop users.legacy_flags

Revision ID: 4e5f6a7b8c9d
Revises: 2c3d4e5f6a7b
Create Date: 2023-08-21 12:00:00.000001

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4e5f6a7b8c9d'
down_revision = '2c3d4e5f6a7b'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # migration-guard: allow drop-column -- unused since 2.3, values archived in OPS-412
    op.drop_column('users', 'legacy_flags')


def downgrade() -> None:
    op.add_column('users', sa.Column('legacy_flags', sa.Integer(), nullable=True))
