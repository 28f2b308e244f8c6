"""The database's own full-text index over an alliance's title, summary and purpose
(brobygger/alliances/search.py): a GIN index on PostgreSQL, an FTS5 table on SQLite."""

from django.db import migrations

from brobygger.alliances import search


class Migration(migrations.Migration):
    dependencies = [("alliances", "0008_value_answer_in_the_foundation")]

    operations = [migrations.RunPython(search.create_index, search.drop_index, elidable=False)]
