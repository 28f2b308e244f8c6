"""Goals get numeric targets and can belong to the alliance itself (shared goals); hours
are valued at rates the alliance agrees per kind of hours; contributions and results can be
payments; parties say whether they get enough out of the alliance.

Existing goals get their party's alliance. Existing hours contributions keep their worth:
each alliance gets one kind of hours per rate its hours were valued at ("Timer à 400,00 kr.
(fra før timesatserne)"), and hours without a value get a kind without a rate, so no figure
changes and the coordinators can rename or merge the kinds afterwards.
"""

from decimal import ROUND_HALF_UP, Decimal

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def _kroner(value: Decimal) -> str:
    whole, _dot, cents = f"{value:.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return ".".join(groups) + "," + cents


def forwards(apps, schema_editor):
    ValueGoal = apps.get_model("ledger", "ValueGoal")
    Contribution = apps.get_model("ledger", "Contribution")
    HourKind = apps.get_model("ledger", "HourKind")
    for goal in ValueGoal.objects.select_related("party").iterator():
        goal.alliance_id = goal.party.alliance_id
        goal.save(update_fields=["alliance"])
    kinds = {}
    for entry in Contribution.objects.filter(unit="timer").select_related("party").order_by("pk"):
        rate = None
        if entry.estimated_value is not None:
            rate = (entry.estimated_value / entry.quantity).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
        key = (entry.party.alliance_id, rate)
        if key not in kinds:
            name = (
                f"Timer à {_kroner(rate)} kr. (fra før timesatserne)"
                if rate is not None
                else "Timer uden sats (fra før timesatserne)"
            )
            kinds[key] = HourKind.objects.create(alliance_id=key[0], name=name, rate=rate)
        entry.hour_kind = kinds[key]
        entry.estimated_value = None
        entry.save(update_fields=["hour_kind", "estimated_value"])


def backwards(apps, schema_editor):
    Contribution = apps.get_model("ledger", "Contribution")
    for entry in Contribution.objects.filter(hour_kind__rate__isnull=False).select_related(
        "hour_kind"
    ):
        entry.estimated_value = (entry.quantity * entry.hour_kind.rate).quantize(Decimal("0.01"))
        entry.save(update_fields=["estimated_value"])
    apps.get_model("ledger", "ValueGoal").objects.filter(party__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("alliances", "0007_invitation_withdraw_and_resend"),
        ("ledger", "0003_entry_visibility"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HourKind",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="navn")),
                (
                    "rate",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="timesats i kroner",
                    ),
                ),
                (
                    "description",
                    models.CharField(blank=True, max_length=300, verbose_name="hvad satsen dækker"),
                ),
            ],
            options={
                "verbose_name": "timetype",
                "verbose_name_plural": "timetyper",
                "ordering": ["name", "pk"],
            },
        ),
        migrations.CreateModel(
            name="ValueAnswer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "answer",
                    models.CharField(
                        choices=[("ja", "Ja"), ("delvist", "Delvist"), ("nej", "Nej")],
                        max_length=10,
                        verbose_name="får I nok ud af alliancen?",
                    ),
                ),
                ("comment", models.CharField(max_length=500, verbose_name="med en sætning")),
                ("answered_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                "verbose_name": "partens svar",
                "verbose_name_plural": "partens svar",
                "ordering": ["-answered_at", "-pk"],
            },
        ),
        migrations.AddField(
            model_name="contribution",
            name="is_payment",
            field=models.BooleanField(default=False, verbose_name="betaling for en leverance"),
        ),
        migrations.AddField(
            model_name="result",
            name="is_payment",
            field=models.BooleanField(default=False, verbose_name="betaling for en leverance"),
        ),
        migrations.AddField(
            model_name="result",
            name="meets_goal",
            field=models.BooleanField(default=False, verbose_name="målet er nået"),
        ),
        migrations.AddField(
            model_name="valuegoal",
            name="alliance",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="value_goals",
                to="alliances.alliance",
            ),
        ),
        migrations.AddField(
            model_name="valuegoal",
            name="direction",
            field=models.CharField(
                choices=[("mere", "Mere er bedre"), ("mindre", "Mindre er bedre")],
                default="mere",
                max_length=10,
                verbose_name="retning",
            ),
        ),
        migrations.AddField(
            model_name="valuegoal",
            name="reading",
            field=models.CharField(
                choices=[
                    ("seneste", "Den seneste målte værdi"),
                    ("sum", "Summen af de målte værdier siden start"),
                ],
                default="seneste",
                max_length=10,
                verbose_name="fremdrift læses som",
            ),
        ),
        migrations.AddField(
            model_name="valuegoal",
            name="start_date",
            field=models.DateField(blank=True, null=True, verbose_name="tæller fra"),
        ),
        migrations.AddField(
            model_name="valuegoal",
            name="target_unit",
            field=models.CharField(blank=True, max_length=40, verbose_name="enhed for måltallet"),
        ),
        migrations.AddField(
            model_name="valuegoal",
            name="target_value",
            field=models.DecimalField(
                blank=True, decimal_places=2, max_digits=14, null=True, verbose_name="måltal"
            ),
        ),
        migrations.AlterField(
            model_name="valuegoal",
            name="party",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="value_goals",
                to="alliances.party",
            ),
        ),
        migrations.AddConstraint(
            model_name="valuegoal",
            constraint=models.CheckConstraint(
                condition=models.Q(("direction__in", ["mere", "mindre"])),
                name="valuegoal_direction_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="valuegoal",
            constraint=models.CheckConstraint(
                condition=models.Q(("reading__in", ["seneste", "sum"])),
                name="valuegoal_reading_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="valuegoal",
            constraint=models.CheckConstraint(
                condition=models.Q(("direction", "mindre"), ("reading", "sum"), _negated=True),
                name="valuegoal_sum_is_more_is_better",
            ),
        ),
        migrations.AddConstraint(
            model_name="valuegoal",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("party__isnull", False),
                    models.Q(("visibility", "fortrolig"), _negated=True),
                    _connector="OR",
                ),
                name="valuegoal_shared_not_confidential",
            ),
        ),
        migrations.AddField(
            model_name="hourkind",
            name="alliance",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="hour_kinds",
                to="alliances.alliance",
            ),
        ),
        migrations.AddField(
            model_name="contribution",
            name="hour_kind",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="contributions",
                to="ledger.hourkind",
                verbose_name="timetype",
            ),
        ),
        migrations.AddConstraint(
            model_name="contribution",
            constraint=models.CheckConstraint(
                condition=models.Q(("hour_kind__isnull", True), ("unit", "timer"), _connector="OR"),
                name="contribution_hour_kind_for_hours",
            ),
        ),
        migrations.AddConstraint(
            model_name="contribution",
            constraint=models.CheckConstraint(
                condition=models.Q(("is_payment", False), ("unit", "kr"), _connector="OR"),
                name="contribution_payment_in_kroner",
            ),
        ),
        migrations.AddField(
            model_name="valueanswer",
            name="answered_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="valueanswer",
            name="party",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="value_answers",
                to="alliances.party",
            ),
        ),
        migrations.AddConstraint(
            model_name="hourkind",
            constraint=models.UniqueConstraint(
                fields=("alliance", "name"), name="hour_kind_name_unique_in_alliance"
            ),
        ),
        migrations.AddConstraint(
            model_name="hourkind",
            constraint=models.CheckConstraint(
                condition=models.Q(("rate__isnull", True), ("rate__gte", 0), _connector="OR"),
                name="hour_kind_rate_not_negative",
            ),
        ),
        migrations.AddIndex(
            model_name="valueanswer",
            index=models.Index(fields=["party", "-answered_at"], name="value_answer_latest"),
        ),
        migrations.AddConstraint(
            model_name="valueanswer",
            constraint=models.CheckConstraint(
                condition=models.Q(("answer__in", ["ja", "delvist", "nej"])),
                name="value_answer_valid",
            ),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            model_name="valuegoal",
            name="alliance",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="value_goals",
                to="alliances.alliance",
            ),
        ),
    ]
