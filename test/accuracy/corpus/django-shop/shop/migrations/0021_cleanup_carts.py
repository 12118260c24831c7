from django.db import migrations

DELETE_STALE_CARTS = """
    DELETE FROM shop_cart
     WHERE updated < now() - interval '30 days'
"""


def delete_guest_carts(apps, schema_editor):
    cutoff = "2024-01-01"
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DELETE FROM shop_cart WHERE user_id IS NULL AND created < %s", [cutoff])


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0020_archive_soft_deleted"),
    ]

    operations = [
        migrations.RunSQL(DELETE_STALE_CARTS, reverse_sql=migrations.RunSQL.noop),
        migrations.RunPython(delete_guest_carts, migrations.RunPython.noop),
    ]
