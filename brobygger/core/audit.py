"""Writing and reading the audit trail (the model is `core.models.AuditRecord`).

Every service that changes domain data is decorated with `@service` and writes one
`record(...)` in its transaction. With `BROBYGGER_AUDIT_STRICT` on (the tests), a service
that writes to a domain table without writing a record raises `AuditMissing`, so a
forgotten record fails the suite instead of leaving a hole in the history.

Reading: `lines_for(record, reader)` gives what changed, field by field, in the reader's
language; a field a capability marked sensitive (`registry.AuditPolicy`) shows its values
only to readers its policy allows.
"""

import datetime
import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from . import formatting, registry, versions
from .models import AuditAction, AuditRecord

# --- Values as text -------------------------------------------------------------------------


def as_text(value) -> str | None:
    """How a field value is kept in a record: text, the same whatever changes later."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        # 10000 and 10000.00 are the same amount: kept as the database keeps it.
        return f"{value.quantize(Decimal('0.01')):f}"
    if hasattr(value, "pk") and not isinstance(value, str | int):
        return str(value)
    return str(value)


def snapshot(obj, fields) -> dict[str, str | None]:
    return {name: as_text(getattr(obj, name)) for name in fields}


def diff(before: dict, after: dict) -> dict[str, list]:
    """{field: [old, new]} for the fields whose value differs (a missing side is None)."""
    names = list(dict.fromkeys([*before, *after]))
    return {
        name: [before.get(name), after.get(name)]
        for name in names
        if before.get(name) != after.get(name)
    }


def created(after: dict) -> dict[str, list]:
    return {name: [None, value] for name, value in after.items() if value is not None}


def deleted(before: dict) -> dict[str, list]:
    return {name: [value, None] for name, value in before.items() if value is not None}


# --- Writing ------------------------------------------------------------------------------


def record(
    *,
    actor,
    obj,
    action: str,
    changes: dict | None = None,
    alliance_id: int | None = None,
    party_id: int | None = None,
    on_behalf: bool = False,
    label: str = "",
    restricted: bool = False,
) -> AuditRecord:
    """Write one record about `obj` (which may be deleted already, if it still has its pk).
    `restricted`: the object is confidential, so its label and values are shown only to the
    readers its app's audit policy names."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    # What the shared cache keeps about this alliance (or about everything) is now old.
    versions.changed(alliance_id)
    return AuditRecord.objects.create(
        actor=actor,
        actor_name=(actor.get_full_name() or actor.get_username()) if actor else "",
        on_behalf=on_behalf,
        alliance_id=alliance_id,
        party_id=party_id,
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        object_label=(label or str(obj))[:300],
        restricted=restricted,
        action=action,
        changes=changes or {},
    )


class AuditMissing(AssertionError):
    """A service changed domain data without writing an audit record."""


_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z0-9_]+)"?', re.IGNORECASE)


def _domain_tables() -> set[str]:
    """The tables of our own apps' models, except the audit's own."""
    return {
        model._meta.db_table
        for model in apps.get_models()
        if model.__module__.startswith("brobygger.") and model is not AuditRecord
    }


class _Watch:
    def __init__(self):
        self.tables = _domain_tables()
        self.audit_table = AuditRecord._meta.db_table
        self.domain_writes: set[str] = set()
        self.audit_writes = 0

    def __call__(self, execute, sql, params, many, context):
        match = _WRITE.match(sql)
        if match:
            table = match.group(1)
            if table == self.audit_table:
                self.audit_writes += 1
            elif table in self.tables:
                self.domain_writes.add(table)
        return execute(sql, params, many, context)


def service(func):
    """Marks a function as a service: it runs in a transaction and leaves an audit record
    for any change it makes (checked when BROBYGGER_AUDIT_STRICT is on)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with transaction.atomic():
            if not getattr(settings, "BROBYGGER_AUDIT_STRICT", False):
                return func(*args, **kwargs)
            watch = _Watch()
            with connection.execute_wrapper(watch):
                result = func(*args, **kwargs)
            if watch.domain_writes and not watch.audit_writes:
                raise AuditMissing(
                    f"{func.__module__}.{func.__qualname__} wrote to {sorted(watch.domain_writes)} "
                    "without an audit record."
                )
            return result

    wrapper.is_service = True
    return wrapper


# --- Reading ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    label: str
    old: str
    new: str
    # False: the reader sees that the field changed, not its values.
    values_shown: bool = True


def _display(field, value: str | None) -> str:
    if value is None:
        return "–"
    if field is None:
        return value
    if field.choices:
        return str(dict(field.choices).get(value, value))
    kind = field.get_internal_type()
    if kind == "BooleanField":
        return str(_("ja") if value == "1" else _("nej"))
    if kind == "DateField":
        try:
            return formatting.day(datetime.date.fromisoformat(value))
        except ValueError:
            return value
    if kind == "DecimalField":
        number = Decimal(value)
        places = 0 if number == number.to_integral() else 2
        return number_format(number, decimal_pos=places, force_grouping=True)
    return value


def policy_for(model) -> registry.AuditPolicy | None:
    key = model._meta.label_lower
    return registry.audit_policies.get(key) if key in registry.audit_policies else None


def hidden_from(entry: AuditRecord, reader) -> bool:
    """A restricted record the reader may not read: they see that a confidential object
    changed, when and by whom, not what it is or what changed."""
    if not entry.restricted:
        return False
    model = entry.content_type.model_class()
    policy = policy_for(model) if model else None
    return not (policy and policy.may_read_restricted and policy.may_read_restricted(reader, entry))


def lines_for(entry: AuditRecord, reader) -> list[Line]:
    """What a record changed, field by field, for this reader."""
    if hidden_from(entry, reader):
        return []
    model = entry.content_type.model_class()
    policy = policy_for(model) if model else None
    hides_values = bool(
        policy
        and policy.sensitive_fields
        and not (policy.may_read_values and policy.may_read_values(reader, entry))
    )
    lines = []
    for name, pair in entry.changes.items():
        old, new = pair
        field = None
        if model is not None:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
        if field is not None and hasattr(field, "verbose_name"):
            label = str(field.verbose_name).capitalize()
        else:
            label = str(policy.extra_labels.get(name, name)) if policy else name
        if hides_values and name in policy.sensitive_fields:
            lines.append(Line(label, "", "", values_shown=False))
        else:
            lines.append(Line(label, _display(field, old), _display(field, new)))
    return lines


def with_lines(records, reader) -> list[AuditRecord]:
    """The records with `.lines` and `.hidden` set for the reader (content types come from
    Django's cache)."""
    records = list(records)
    for entry in records:
        entry.hidden = hidden_from(entry, reader)
        entry.lines = lines_for(entry, reader)
    return records


def action_label(action: str) -> str:
    return str(AuditAction(action).label)


def history(*, alliance_id: int | None = None, party_id: int | None = None):
    """Records, newest first: of one alliance, of one party, or all of them."""
    records = AuditRecord.objects.select_related("actor", "content_type")
    if alliance_id is not None:
        records = records.filter(alliance_id=alliance_id)
    if party_id is not None:
        records = records.filter(party_id=party_id)
    return records.order_by("-at", "-pk")


def written_on_behalf(model):
    """An annotation for a queryset of `model`: whether the record that created each row
    says it was written on a party's behalf (for pages that show it beside a version)."""
    from django.db.models import Exists, OuterRef

    return Exists(
        AuditRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id=OuterRef("pk"),
            action=AuditAction.CREATED,
            on_behalf=True,
        )
    )
