"""note.user_id on delete cascade

Revision ID: e3a4c5d6f7b8
Revises: d2f3b4c5e6a7
Create Date: 2023-03-01 08:15:19.220022

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "e3a4c5d6f7b8"
down_revision = "d2f3b4c5e6a7"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.drop_constraint('fk_note_user_id_user', type_='foreignkey')
        batch_op.create_foreign_key('fk_note_user_id_user', 'user', ['user_id'], ['id'], ondelete='CASCADE')


def downgrade():
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.drop_constraint('fk_note_user_id_user', type_='foreignkey')
        batch_op.create_foreign_key('fk_note_user_id_user', 'user', ['user_id'], ['id'])
