"""Searching alliances with the database's own full-text search.

An alliance's title, summary and purpose are searched through an index the database keeps
itself: on PostgreSQL a stored Danish search vector (a generated column the model does not
name) with a GIN index, on SQLite an FTS5 table kept by triggers (both made by migration
0009). The vector is stored rather than computed in the index's expression: PostgreSQL's
planner underrates what computing it costs and read every alliance's texts instead of the
index (45 ms a search at national scale, against 2 ms). Each word the user types must occur, as the start
of a word in the text: "byhave" finds "byhaver". The search differs by database:

- PostgreSQL stems Danish words, query and text alike, so "haverne" also finds "have" and
  "haver"; common Danish words ("og", "i") are left out of the query.
- SQLite's FTS5 has no Danish stemmer: it matches the words as typed, from their start
  ("haver" does not find "have"), folds accents and case ("cafe" finds "café"), and keeps
  every word.
- Neither finds a word inside a compound ("haver" does not find "byhaver"); the old
  substring search did, by reading every alliance's texts on every search.

Organisation names are still matched anywhere in the name (`icontains`): a party's name is
often typed in part ("mejeri" for "Mejeriet A/S"), and the organisations are few enough
for it.
"""

import re

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

# The words of a search: letters and digits (punctuation and operators are not the user's).
_WORD = re.compile(r"\w+")
# A search reads at most this many words (more narrow nothing down and cost the index more).
MAX_WORDS = 10

# The SQLite table's name is written out in the statements below (no SQL built from strings).
_PG_CREATE = [
    "ALTER TABLE alliances_alliance ADD COLUMN search_document tsvector GENERATED ALWAYS AS "
    "(to_tsvector('danish'::regconfig, coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' "
    "|| coalesce(purpose, ''))) STORED",
    "CREATE INDEX alliances_alliance_search ON alliances_alliance USING gin (search_document)",
]
_PG_DROP = [
    "DROP INDEX IF EXISTS alliances_alliance_search",
    "ALTER TABLE alliances_alliance DROP COLUMN IF EXISTS search_document",
]


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())[:MAX_WORDS]


def alliance_text_matches(text: str) -> Q | None:
    """A filter on Alliance: its title, summary or purpose holds every word of `text` (None
    when the text has no words)."""
    found = words(text)
    if not found:
        return None
    if connection.vendor == "postgresql":
        # Each word a prefix, stemmed by the Danish configuration; the words are \w+ only,
        # so to_tsquery's syntax cannot be broken by what the user typed.
        query = " & ".join(f"{word}:*" for word in found)
        return Q(pk__in=RawSQL("SELECT id FROM alliances_alliance WHERE search_document @@ to_tsquery('danish', %s)", [query]))  # noqa: S611 (the query is a parameter)
    # FTS5: each word quoted (a literal, not an operator) and a prefix.
    match = " ".join(f'"{word}"*' for word in found)
    return Q(pk__in=RawSQL("SELECT rowid FROM alliances_alliance_fts WHERE alliances_alliance_fts MATCH %s", [match]))  # noqa: S611 (the match is a parameter)


# --- The indexes (migration 0009) ---------------------------------------------------------------

_SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE alliances_alliance_fts USING fts5(title, summary, purpose, "
    "content='alliances_alliance', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    """CREATE TRIGGER alliances_alliance_fts_insert AFTER INSERT ON alliances_alliance BEGIN
        INSERT INTO alliances_alliance_fts(rowid, title, summary, purpose) VALUES (new.id, new.title, new.summary, new.purpose);
    END""",
    """CREATE TRIGGER alliances_alliance_fts_delete AFTER DELETE ON alliances_alliance BEGIN
        INSERT INTO alliances_alliance_fts(alliances_alliance_fts, rowid, title, summary, purpose) VALUES ('delete', old.id, old.title, old.summary, old.purpose);
    END""",
    """CREATE TRIGGER alliances_alliance_fts_update AFTER UPDATE OF title, summary, purpose ON alliances_alliance BEGIN
        INSERT INTO alliances_alliance_fts(alliances_alliance_fts, rowid, title, summary, purpose) VALUES ('delete', old.id, old.title, old.summary, old.purpose);
        INSERT INTO alliances_alliance_fts(rowid, title, summary, purpose) VALUES (new.id, new.title, new.summary, new.purpose);
    END""",
    # The alliances there are already.
    "INSERT INTO alliances_alliance_fts(alliances_alliance_fts) VALUES ('rebuild')",
]
_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS alliances_alliance_fts_insert",
    "DROP TRIGGER IF EXISTS alliances_alliance_fts_delete",
    "DROP TRIGGER IF EXISTS alliances_alliance_fts_update",
    "DROP TABLE IF EXISTS alliances_alliance_fts",
]


def create_index(apps, schema_editor) -> None:
    """The database's own index for alliance_text_matches (a migration's RunPython)."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in _PG_CREATE:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        for statement in _SQLITE_CREATE:
            schema_editor.execute(statement)


def drop_index(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in _PG_DROP:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        for statement in _SQLITE_DROP:
            schema_editor.execute(statement)
