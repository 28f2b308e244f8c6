"""A party's own answer ("Får I nok ud af alliancen?") moves to the foundation, where the
health check can extend the same record. The rows keep their ids, so the audit records that
name them still do (their content type is moved along)."""

from django.core.management.color import no_style
from django.db import migrations


def move_answers(apps, schema_editor):
    old = apps.get_model("ledger", "ValueAnswer")
    new = apps.get_model("alliances", "ValueAnswer")
    db = schema_editor.connection.alias
    new.objects.using(db).bulk_create(
        [
            new(
                pk=row.pk,
                party_id=row.party_id,
                answer=row.answer,
                comment=row.comment,
                answered_by_id=row.answered_by_id,
                answered_at=row.answered_at,
            )
            for row in old.objects.using(db).iterator()
        ],
        batch_size=500,
    )
    # The ids were given explicitly: the next new answer must not reuse one (PostgreSQL).
    with schema_editor.connection.cursor() as cursor:
        for statement in schema_editor.connection.ops.sequence_reset_sql(no_style(), [new]):
            cursor.execute(statement)
    content_type = apps.get_model("contenttypes", "ContentType")
    audit_record = apps.get_model("core", "AuditRecord")
    old_type = content_type.objects.using(db).filter(app_label="ledger", model="valueanswer").first()
    if old_type is None:
        return
    new_type = content_type.objects.using(db).filter(app_label="alliances", model="valueanswer").first()
    if new_type is None:
        old_type.app_label = "alliances"
        old_type.save(update_fields=["app_label"])
    else:
        audit_record.objects.using(db).filter(content_type=old_type).update(content_type=new_type)
        old_type.delete()


def move_answers_back(apps, schema_editor):
    old = apps.get_model("ledger", "ValueAnswer")
    new = apps.get_model("alliances", "ValueAnswer")
    db = schema_editor.connection.alias
    old.objects.using(db).bulk_create(
        [
            old(
                pk=row.pk,
                party_id=row.party_id,
                answer=row.answer,
                comment=row.comment,
                answered_by_id=row.answered_by_id,
                answered_at=row.answered_at,
            )
            for row in new.objects.using(db).iterator()
        ],
        batch_size=500,
    )
    new.objects.using(db).all().delete()
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.using(db).filter(app_label="alliances", model="valueanswer").update(app_label="ledger")


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0004_goal_progress_hour_kinds_answers"),
        ("alliances", "0008_value_answer_in_the_foundation"),
        ("core", "0002_auditrecord_restricted"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(move_answers, move_answers_back),
        migrations.DeleteModel(name="ValueAnswer"),
    ]
