"""The lead party's role was stored as the system's Danish (or English) sentence; it is now
left empty and shown in the reader's language (`Party.role_text`)."""

import django.core.validators
from django.db import migrations, models

SYSTEM_TEXTS = ("Ledende offentlig organisation.", "Lead public organisation.")


def clear_system_texts(apps, schema_editor):
    apps.get_model("alliances", "Party").objects.filter(role_description__in=SYSTEM_TEXTS).update(role_description="")


def restore_system_texts(apps, schema_editor):
    Party = apps.get_model("alliances", "Party")
    Party.objects.filter(role_description="").update(role_description=SYSTEM_TEXTS[0])


class Migration(migrations.Migration):
    dependencies = [("alliances", "0005_party_consent")]

    operations = [
        migrations.AlterField(
            model_name="party",
            name="role_description",
            field=models.TextField(
                blank=True,
                help_text="Partens rolle i alliancen, med partens egne ord.",
                max_length=2000,
                validators=[django.core.validators.MaxLengthValidator(2000)],
                verbose_name="rolle i alliancen",
            ),
        ),
        migrations.RunPython(clear_system_texts, restore_system_texts),
    ]
