from django.db import migrations


def load(apps, schema_editor):
    from brobygger.alliances.reference_data import load_reference_data

    load_reference_data(
        apps.get_model("alliances", "Organisation"), apps.get_model("alliances", "MunicipalityRegion")
    )


class Migration(migrations.Migration):
    dependencies = [("alliances", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
