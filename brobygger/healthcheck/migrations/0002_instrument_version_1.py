"""Version 1 of the health check's instrument, from defaults.py."""

from django.db import migrations


def load_version_1(apps, schema_editor):
    from brobygger.healthcheck.defaults import load_version_1 as load

    load(apps)


class Migration(migrations.Migration):
    dependencies = [("healthcheck", "0001_initial")]

    operations = [migrations.RunPython(load_version_1, migrations.RunPython.noop)]
