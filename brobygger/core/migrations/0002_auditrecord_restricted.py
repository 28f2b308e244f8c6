from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0001_audit")]

    operations = [
        migrations.AddField(
            model_name="auditrecord",
            name="restricted",
            field=models.BooleanField(default=False),
        ),
    ]
