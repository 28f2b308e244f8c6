"""Writes to user accounts."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from brobygger.core.audit import created, deleted, diff, service, snapshot
from brobygger.core.audit import record as audit_record
from brobygger.core.models import AuditAction


def username_for_email(email: str) -> str:
    """A free username for a person invited by email: the email itself when it can be one,
    otherwise the email without the characters a username cannot hold (an apostrophe, say),
    cut to length and numbered if taken."""
    User = get_user_model()
    max_length = User._meta.get_field("username").max_length
    base = re.sub(r"[^\w.@+-]", "", email)[:max_length] or "bruger"
    username, counter = base, 2
    while User.objects.filter(username__iexact=username).exists():
        suffix = f"-{counter}"
        username = base[: max_length - len(suffix)] + suffix
        counter += 1
    return username


@service
def user_create(
    *,
    actor=None,
    username: str,
    email: str,
    full_name: str,
    password: str | None,
    is_staff: bool = False,
    is_superuser: bool = False,
    check_password_strength: bool = True,
):
    """Create a user. There is no open sign-up: invitations, the demo and staff call this.
    `actor` is who creates it (None: the system, or the person accepting an invitation)."""
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": [_("Brugernavnet er optaget.")]})
    if email and User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": [_("Der findes allerede en bruger med denne e-mail.")]})
    first_name, _sep, last_name = full_name.strip().partition(" ")
    user = User(
        username=username,
        email=email.lower(),
        first_name=first_name[:150],
        last_name=last_name[:150],
        is_staff=is_staff,
        is_superuser=is_superuser,
    )
    if password:
        if check_password_strength:
            validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    audit_record(
        actor=actor,
        obj=user,
        action=AuditAction.CREATED,
        changes=created(snapshot(user, ("username", "email", "first_name", "last_name", "is_staff"))),
    )
    return user


USER_FIELDS = ("username", "email", "first_name", "last_name", "is_active", "is_staff", "is_superuser")


@service
def user_save_from_admin(*, actor, user, before: dict, created_now: bool):
    """Save a user as staff edited it in the admin, and record what changed (`before` is
    `snapshot(user, USER_FIELDS)` taken before the form touched it)."""
    user.save()
    after = snapshot(user, USER_FIELDS)
    changes = created(after) if created_now else diff(before, after)
    if changes or created_now:
        audit_record(
            actor=actor,
            obj=user,
            action=AuditAction.CREATED if created_now else AuditAction.CHANGED,
            changes=changes,
        )
    return user


@service
def user_delete(*, actor, user) -> None:
    audit_record(actor=actor, obj=user, action=AuditAction.DELETED, changes=deleted(snapshot(user, USER_FIELDS)))
    user.delete()
