"""The database refuses overlapping bookings (see bookings/overlap_guard.py)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from bookings.overlap_guard import install

    install(schema_editor.connection)


def backwards(apps, schema_editor):
    from bookings.overlap_guard import uninstall

    uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("bookings", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
