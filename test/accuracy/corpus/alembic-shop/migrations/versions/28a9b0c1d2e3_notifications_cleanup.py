"""notifications cleanup

Revision ID: 28a9b0c1d2e3
Revises: 17f8a9b0c1d2
Create Date: 2024-03-14 15:09:26.535897

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy import orm

from shop.models import Notification


# revision identifiers, used by Alembic.
revision = '28a9b0c1d2e3'
down_revision = '17f8a9b0c1d2'
branch_labels = None
depends_on = None


def upgrade() -> None:
    session = orm.Session(bind=op.get_bind())
    session.query(Notification).filter(Notification.read_at.isnot(None)).delete(synchronize_session=False)
    session.query(Notification).update({Notification.digest_sent: False}, synchronize_session=False)
    session.commit()


def downgrade() -> None:
    pass
