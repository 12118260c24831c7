"""drop payments.method and its enum

Revision ID: 39b0c1d2e3f4
Revises: 28a9b0c1d2e3
Create Date: 2024-04-02 09:26:53.589793

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = '39b0c1d2e3f4'
down_revision = '28a9b0c1d2e3'
branch_labels = None
depends_on = None

payment_method = postgresql.ENUM("card", "invoice", "paypal", name="payment_method")


def upgrade() -> None:
    op.drop_column("payments", "method")
    payment_method.drop(op.get_bind(), checkfirst=True)


def downgrade() -> None:
    payment_method.create(op.get_bind(), checkfirst=True)
    op.add_column("payments", sa.Column("method", payment_method, nullable=True))
