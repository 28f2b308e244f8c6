"""The audit trail: one record for every change to domain data, in every app.

A record is written by the service that makes the change, in the same transaction
(`brobygger.core.audit`). It names who acted (and whether on behalf of a party they do not
represent), which object, which action, the fields changed (before and after, as text) and
when. The alliance and party it belongs to are kept as plain ids, so the core knows no
capability and a record outlives its object. Nothing in the interface edits a record.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import ChoiceLabels


class AuditAction(models.TextChoices):
    CREATED = "oprettet", _("Oprettet")
    CHANGED = "aendret", _("Ændret")
    DELETED = "slettet", _("Slettet")
    SIGNED = "underskrevet", _("Underskrevet")
    ACCEPTED = "accepteret", _("Accepteret")
    VERIFIED = "bekraeftet", _("Bekræftet")
    REJECTED = "afvist", _("Afvist")


class AuditRecord(ChoiceLabels, models.Model):
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The actor's name when they acted; empty for the system (commands, migrations).
    actor_name = models.CharField(max_length=300, blank=True)
    # The actor wrote a party's records without representing it (a coordinator or staff).
    on_behalf = models.BooleanField(default=False)
    alliance_id = models.PositiveBigIntegerField(null=True, blank=True)
    party_id = models.PositiveBigIntegerField(null=True, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    object_label = models.CharField(max_length=300)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    # {field name: [old, new]}, values as text; a creation has no old, a deletion no new.
    changes = models.JSONField(default=dict, blank=True)
    # The object was confidential before or after the change: only readers its app's audit
    # policy allows (`AuditPolicy.may_read_restricted`) see its label and values.
    restricted = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("ændring")
        verbose_name_plural = _("ændringer")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["party_id", "-at"], name="audit_party_at"),
            models.Index(fields=["alliance_id", "-at"], name="audit_alliance_at"),
            models.Index(fields=["content_type", "object_id"], name="audit_object"),
            models.Index(fields=["-at"], name="audit_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=AuditAction.values), name="audit_action_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.object_label}"
