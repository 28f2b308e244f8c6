"""Version 1 of the health check's instrument, from defaults.py."""

from django.db import migrations
from django.utils import timezone


def load_version_1(apps, schema_editor):
    from brobygger.healthcheck import defaults

    version_model = apps.get_model("healthcheck", "InstrumentVersion")
    if version_model.objects.exists():
        return
    version = version_model.objects.create(number=1, published_at=timezone.now(), note="Brobyggers første version.")
    apps.get_model("healthcheck", "Statement").objects.bulk_create(
        apps.get_model("healthcheck", "Statement")(
            version=version, key=key, criterion=criterion, dimension=dimension, text_da=da, text_en=en, order=order
        )
        for order, (key, criterion, dimension, da, en) in enumerate(defaults.STATEMENTS, start=1)
    )
    apps.get_model("healthcheck", "TensionScale").objects.bulk_create(
        apps.get_model("healthcheck", "TensionScale")(
            version=version, key=key, left_da=left_da, left_en=left_en, right_da=right_da, right_en=right_en,
            explanation_da=explanation_da, explanation_en=explanation_en, order=order,
        )
        for order, (key, left_da, left_en, right_da, right_en, explanation_da, explanation_en) in enumerate(
            defaults.TENSIONS, start=1
        )
    )
    apps.get_model("healthcheck", "ParticipationItem").objects.bulk_create(
        apps.get_model("healthcheck", "ParticipationItem")(
            version=version, key=key, kind=kind, text_da=da, text_en=en, order=order
        )
        for order, (key, kind, da, en) in enumerate(defaults.PARTICIPATION_ITEMS, start=1)
    )


class Migration(migrations.Migration):
    dependencies = [("healthcheck", "0001_initial")]

    operations = [migrations.RunPython(load_version_1, migrations.RunPython.noop)]
