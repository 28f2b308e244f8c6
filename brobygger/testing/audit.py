"""Reading the audit trail in tests."""

from django.contrib.contenttypes.models import ContentType

from brobygger.core.models import AuditAction, AuditRecord


def records_of(obj):
    """The audit records about one object, oldest first."""
    return AuditRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).order_by("pk")


def written_on_behalf(obj) -> bool:
    """Whether the record that created the object says it was written on a party's behalf."""
    return records_of(obj).get(action=AuditAction.CREATED).on_behalf
