"""store prices in cents

Revision ID: 0006
Revises: 0005
Create Date: 2022-03-03 13:13:13.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("invoices", sa.Column("price_cents", sa.BigInteger(), nullable=True))
    op.execute("UPDATE `invoices` SET `price_cents` = ROUND(`price` * 100)")
    op.alter_column("invoices", "price_cents", existing_type=sa.BigInteger(), nullable=False)


def downgrade():
    op.drop_column("invoices", "price_cents")
