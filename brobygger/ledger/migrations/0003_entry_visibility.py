"""Entries get three reading levels instead of public or not: a public entry stays public,
every other entry is for the alliance's members, as it was; nobody's entry becomes
confidential without its party choosing so."""

from django.db import migrations, models

MODELS = ("contribution", "valuegoal", "result")


def _level(value):
    return None if value is None else ("offentlig" if value == "1" else "medlemmer")


def forwards(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("ledger", name)
        model.objects.filter(is_public=True).update(visibility="offentlig")
        model.objects.filter(is_public=False).update(visibility="medlemmer")
    # The audit trail speaks of the new field too, so a party's history reads as one.
    AuditRecord = apps.get_model("core", "AuditRecord")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.filter(app_label="ledger", model__in=MODELS)
    for record in AuditRecord.objects.filter(content_type__in=content_types).iterator():
        if "is_public" in record.changes:
            old, new = record.changes.pop("is_public")
            record.changes["visibility"] = [_level(old), _level(new)]
            record.save(update_fields=["changes"])


def backwards(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("ledger", name)
        model.objects.filter(visibility="offentlig").update(is_public=True)
        model.objects.exclude(visibility="offentlig").update(is_public=False)


def visibility_field():
    return models.CharField(
        choices=[
            ("offentlig", "Offentlig"),
            ("medlemmer", "Alliancens medlemmer"),
            ("fortrolig", "Fortrolig"),
        ],
        default="medlemmer",
        max_length=20,
        verbose_name="hvem kan læse posten",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_audit"),
        ("ledger", "0002_ledger_change_into_audit"),
    ]

    operations = [
        *[migrations.AddField(model_name=name, name="visibility", field=visibility_field()) for name in MODELS],
        migrations.RunPython(forwards, backwards),
        *[migrations.RemoveField(model_name=name, name="is_public") for name in MODELS],
        *[
            migrations.AddConstraint(
                model_name=name,
                constraint=models.CheckConstraint(
                    condition=models.Q(visibility__in=["offentlig", "medlemmer", "fortrolig"]),
                    name=f"{name}_visibility_valid",
                ),
            )
            for name in MODELS
        ],
    ]
