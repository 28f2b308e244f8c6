"""Export and import: a whole installation, or some alliances, as one JSON file that another
installation reads back without loss (docs/portability.md describes the format).

The tables come from the registry (`registry.portable_tables`): each app names its own and
how to find the rows of some alliances. The core knows no capability.

Export writes each table's rows in a fixed order, numbering them 1, 2, 3, … per table;
references are those numbers (reference data is named by its official code, content types by
their label), so the file does not depend on the database's own keys, and an installation
that imported it exports the same file again.

Import is a restore, not a replay: rows are written as they were (timestamps, authors, the
audit trail, every version), not through the services, which would stamp new times and new
audit records. It runs in one transaction: any fault in the file (format, a value, a
reference, a municipality code the installation does not know) refuses the whole file with
a message naming the table, the row's number and the field, and nothing is written.

Both stream: a table is read and written row by row, so memory grows only with the map from
the file's numbers to the database's keys (docs/portability.md has the figures).
"""

import datetime
import decimal
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import ijson
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction

from . import registry

FORMAT = "brobygger-export"
# 2: a party's own answer ("Får I nok ud af alliancen?") moved from the ledger to the foundation.
VERSION = 2
BATCH = 500
CONTENT_TYPE = "contenttypes.contenttype"


class ImportRefused(Exception):
    """The file cannot be imported; the message says where and why. Nothing was written."""


class ExportFailed(Exception):
    pass


@dataclass(frozen=True)
class Table:
    hook: registry.PortableTable
    model: type[models.Model]

    @property
    def label(self) -> str:
        return self.hook.key

    def fields(self) -> list[models.Field]:
        """The fields the file carries, in the model's order (the primary key is the row's
        number, `id`)."""
        return [
            field
            for field in self.model._meta.concrete_fields
            if not field.primary_key and field.name not in self.hook.omit
        ]


def tables() -> list[Table]:
    return [Table(hook, apps.get_model(hook.key)) for hook in registry.portable_tables]


def _label(model) -> str:
    return model._meta.label_lower


# --- Export ----------------------------------------------------------------------------------


def _encode(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    return value


def _referenced_keys(table: Table, scoped: dict, all_tables: list[Table]) -> models.QuerySet:
    """The keys of `table`'s rows that the other tables' scoped rows refer to."""
    keys = set()
    for other in all_tables:
        if other is table:
            continue
        for field in other.fields():
            if field.is_relation and field.related_model is table.model:
                keys.update(
                    scoped[other.label].exclude(**{f"{field.attname}__isnull": True}).values_list(field.attname, flat=True)
                )
        for column, target in other.hook.id_columns.items():
            if target == table.label:
                keys.update(scoped[other.label].exclude(**{f"{column}__isnull": True}).values_list(column, flat=True))
    return keys


def _scoped_rows(all_tables: list[Table], alliances) -> dict[str, models.QuerySet]:
    scoped = {table.label: table.hook.rows(alliances) for table in all_tables}
    if alliances is not None:
        for table in all_tables:
            if table.hook.with_referenced:
                keys = _referenced_keys(table, scoped, all_tables)
                own = scoped[table.label].values("pk")
                scoped[table.label] = table.model.objects.filter(models.Q(pk__in=own) | models.Q(pk__in=keys))
    return scoped


def _ordered(table: Table, rows: models.QuerySet) -> Iterator[tuple[bool, dict]]:
    """(is reference data, the row's values): reference rows first, by their matching fields,
    so the numbering does not depend on when each installation loaded them; then the rest by
    key, the order they were made in."""
    names = ["pk"] + [field.attname for field in table.fields()]
    if table.hook.reference is not None:
        for values in rows.filter(table.hook.reference).order_by(*table.hook.match_by).values(*names).iterator(2000):
            yield True, values
        rows = rows.exclude(table.hook.reference)
    for values in rows.order_by("pk").values(*names).iterator(2000):
        yield False, values


def export(stream, *, alliances=None, scope: dict | None = None) -> dict[str, int]:
    """Write the file to a text stream: every table's rows, or with `alliances` (a queryset of
    alliance ids) those alliances' rows and what they refer to. Returns the rows per table."""
    all_tables = tables()
    scoped = _scoped_rows(all_tables, alliances)
    numbers: dict[str, dict[int, int]] = {}
    content_types = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}
    counts = {}
    stream.write(f'{{"format": {json.dumps(FORMAT)}, "version": {VERSION}, "scope": {json.dumps(scope or {"all": True})}, "tables": [')
    for index, table in enumerate(all_tables):
        stream.write("," if index else "")
        stream.write(f'\n{{"model": {json.dumps(table.label)}, "rows": [')
        own = numbers.setdefault(table.label, {})
        fields = table.fields()
        generic = table.hook.generic
        for number, (is_reference, values) in enumerate(_ordered(table, scoped[table.label]), start=1):
            own[values["pk"]] = number
            row = {"id": number}
            if is_reference:
                row["reference"] = {name: _encode(values[name]) for name in table.hook.match_by}
            else:
                for field in fields:
                    row[field.name] = _export_value(table, field, values, numbers, content_types, generic)
            stream.write(("\n" if number == 1 else ",\n") + json.dumps(row, ensure_ascii=False, sort_keys=False))
        counts[table.label] = len(own)
        stream.write("\n]}")
    stream.write("\n]}\n")
    return counts


def _export_value(table, field, values, numbers, content_types, generic):
    value = values[field.attname]
    if value is None:
        return None
    if field.is_relation:
        target = _label(field.related_model)
        if target == CONTENT_TYPE:
            return content_types[value]
        return _number_of(numbers, target, value, table, field.name)
    if field.attname in table.hook.id_columns:
        # A row outside the export (deleted, or of an alliance not exported) is named by none.
        return numbers.get(table.hook.id_columns[field.attname], {}).get(value)
    if generic and field.attname == generic[1]:
        target = content_types[values[f"{generic[0]}_id"]]
        return numbers.get(target, {}).get(value)
    return _encode(value)


def _number_of(numbers, target: str, key: int, table: Table, field_name: str) -> int:
    try:
        return numbers[target][key]
    except KeyError:
        raise ExportFailed(
            f"{table.label}.{field_name} refers to {target} {key}, which is not in the export: "
            f"register {target} as a portable table before {table.label}."
        ) from None


# --- Import ----------------------------------------------------------------------------------


def _rows(stream) -> Iterator[tuple[str, dict]]:
    """(table label, row) for each row in the file, read as a stream; checks the header."""
    events = ijson.parse(stream, use_float=False)
    header: dict = {}
    label = None
    try:
        for prefix, event, value in events:
            if prefix in ("format", "version") and event in ("string", "number"):
                header[prefix] = value
            elif prefix == "tables" and event == "start_array":
                if header.get("format") != FORMAT:
                    raise ImportRefused(f"This is not a Brobygger export (format {header.get('format')!r}).")
                if header.get("version") != VERSION:
                    raise ImportRefused(
                        f"The file is format version {header.get('version')}; this installation reads version {VERSION}."
                    )
            elif prefix == "tables.item.model":
                label = value
            elif prefix == "tables.item.rows.item" and event == "start_map":
                if "format" not in header:
                    raise ImportRefused("The file does not start with its format and version.")
                builder = ijson.ObjectBuilder()
                builder.event(event, value)
                for inner_prefix, inner_event, inner_value in events:
                    builder.event(inner_event, inner_value)
                    if inner_prefix == "tables.item.rows.item" and inner_event == "end_map":
                        break
                yield label, builder.value
    except ijson.JSONError as error:
        raise ImportRefused(f"The file is not valid JSON: {error}") from None
    if "format" not in header:
        raise ImportRefused("The file does not start with its format and version.")


@contextmanager
def _times_as_given(model):
    """Let rows keep their own timestamps: auto_now and auto_now_add would stamp the time of
    the import."""
    stamped = [
        (field, field.auto_now, field.auto_now_add)
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    for field, _now, _add in stamped:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, now, add in stamped:
            field.auto_now, field.auto_now_add = now, add


class _Importer:
    def __init__(self):
        self.tables = {table.label: table for table in tables()}
        self.keys: dict[str, dict[int, int]] = {}
        self.counts: dict[str, int] = {}
        self.content_types: dict[str, ContentType] = {}
        self.batch: list[tuple[int, models.Model]] = []
        self.batch_table: Table | None = None
        self.seen_tables: list[str] = []
        self.matched: dict[str, int] = {}

    def refuse(self, table: str, number, field: str | None, message: str):
        where = f"{table} row {number}" + (f", field {field}" if field else "")
        raise ImportRefused(f"{where}: {message}")

    def content_type(self, label, table, number, field):
        if label not in self.content_types:
            try:
                app_label, model = str(label).split(".", 1)
                self.content_types[label] = ContentType.objects.get_by_natural_key(app_label, model)
            except (ValueError, ContentType.DoesNotExist):
                self.refuse(table, number, field, f"{label!r} is not a kind of record this installation has.")
        return self.content_types[label]

    def key_of(self, target: str, number, table: str, row_number, field: str) -> int:
        if not isinstance(number, int) or isinstance(number, bool):
            self.refuse(table, row_number, field, f"a reference must be a row number, not {number!r}.")
        try:
            return self.keys[target][number]
        except KeyError:
            self.refuse(table, row_number, field, f"refers to {target} row {number}, which is not earlier in the file.")

    def add(self, label: str, row: dict) -> None:
        table = self.tables.get(label)
        if table is None:
            raise ImportRefused(f"The file has a table {label!r}, which this installation does not know.")
        if self.batch_table is not table:
            self.flush()
            if label in self.seen_tables:
                raise ImportRefused(f"The table {label} appears twice in the file.")
            self.seen_tables.append(label)
            self.batch_table = table
            self.keys.setdefault(label, {})
            self.counts[label] = 0
        number = row.get("id")
        if not isinstance(number, int) or isinstance(number, bool) or number in self.keys[label]:
            self.refuse(label, number, "id", "each row needs its own whole number as id.")
        if "reference" in row:
            self.keys[label][number] = self.match(table, number, row)
            self.matched[label] = self.matched.get(label, 0) + 1
            return
        self.batch.append((number, self.build(table, number, row)))
        if len(self.batch) >= BATCH:
            self.flush()

    def match(self, table: Table, number: int, row: dict) -> int:
        given = row["reference"]
        if not table.hook.match_by or not isinstance(given, dict) or set(given) != set(table.hook.match_by):
            self.refuse(table.label, number, "reference", f"reference data is named by {', '.join(table.hook.match_by) or 'nothing'}.")
        condition = table.hook.match(given) if table.hook.match else models.Q(**given)
        found = table.model.objects.filter(table.hook.reference).filter(condition).values_list("pk", flat=True).first()
        if found is None:
            described = ", ".join(f"{name} {value}" for name, value in given.items())
            self.refuse(table.label, number, "reference", f"this installation has no {table.model._meta.verbose_name} with {described}.")
        return found

    def build(self, table: Table, number: int, row: dict) -> models.Model:
        fields = table.fields()
        expected = {"id"} | {field.name for field in fields}
        unknown = sorted(set(row) - expected)
        if unknown:
            self.refuse(table.label, number, unknown[0], "this field is not in the table.")
        instance = table.model()
        generic = table.hook.generic
        for field in fields:
            if field.name not in row:
                # A file from a release without this field: its default, if it has one.
                if field.has_default() or field.null or (field.blank and field.empty_strings_allowed):
                    setattr(instance, field.attname, field.get_default())
                    continue
                self.refuse(table.label, number, field.name, "the field is missing.")
            value = row[field.name]
            if generic and field.attname == generic[1] and value is None:
                # An object the export could not name (deleted since, or outside the exported
                # alliances) keeps its records, named by no row: 0 is never a key.
                setattr(instance, field.attname, 0)
            elif value is None:
                if not field.null:
                    self.refuse(table.label, number, field.name, "may not be empty (null).")
                setattr(instance, field.attname, None)
            elif field.is_relation:
                target = _label(field.related_model)
                if target == CONTENT_TYPE:
                    setattr(instance, field.attname, self.content_type(value, table.label, number, field.name).pk)
                else:
                    setattr(instance, field.attname, self.key_of(target, value, table.label, number, field.name))
            elif field.attname in table.hook.id_columns:
                setattr(instance, field.attname, self.key_of(table.hook.id_columns[field.attname], value, table.label, number, field.name))
            elif generic and field.attname == generic[1]:
                content_type = self.content_type(row.get(generic[0]), table.label, number, generic[0])
                target = f"{content_type.app_label}.{content_type.model}"
                setattr(instance, field.attname, self.key_of(target, value, table.label, number, field.name))
            else:
                try:
                    setattr(instance, field.attname, field.to_python(value))
                except ValidationError as error:
                    self.refuse(table.label, number, field.name, " ".join(error.messages))
        for name, fill in table.hook.omit.items():
            setattr(instance, name, fill())
        exclude = [field.name for field in fields if field.is_relation] + list(table.hook.omit)
        try:
            instance.clean_fields(exclude=exclude)
        except ValidationError as error:
            field_name, messages = next(iter(error.message_dict.items()))
            self.refuse(table.label, number, field_name, " ".join(messages))
        return instance

    def flush(self) -> None:
        if not self.batch:
            return
        table = self.batch_table
        instances = [instance for _number, instance in self.batch]
        with _times_as_given(table.model):
            try:
                with transaction.atomic():
                    if connection.features.can_return_rows_from_bulk_insert:
                        table.model.objects.bulk_create(instances)
                    else:  # pragma: no cover - every supported database returns the keys
                        for instance in instances:
                            instance.save(force_insert=True)
            except IntegrityError:
                self.find_conflict(table)
        for number, instance in self.batch:
            self.keys[table.label][number] = instance.pk
        self.counts[table.label] += len(self.batch)
        self.batch = []

    def find_conflict(self, table: Table) -> None:
        """Which row of the batch clashes with what the installation has (or with another row
        of the file): the rows one by one, each in its own savepoint; the first that fails is
        named."""
        for number, instance in self.batch:
            instance.pk = None
            try:
                with transaction.atomic():
                    instance.save(force_insert=True)
            except IntegrityError as error:
                self.refuse(table.label, number, None, f"clashes with a row that exists already ({error}).")


def import_file(stream) -> tuple[dict[str, int], dict[str, int]]:
    """Read a file written by `export` into this installation, all or nothing. Returns the rows
    written and the reference rows matched, per table; raises ImportRefused (and writes
    nothing) if any part of the file is wrong."""
    importer = _Importer()
    with transaction.atomic():
        for label, row in _rows(stream):
            if not isinstance(row, dict):
                raise ImportRefused(f"{label}: each row must be an object.")
            importer.add(label, row)
        importer.flush()
    return importer.counts, importer.matched
