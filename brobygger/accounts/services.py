"""Writes to user accounts."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
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
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        # Someone took the username or the address between the checks above and the save
        # (two invitation links followed at the same moment, say).
        if email and User.objects.filter(email__iexact=email).exists():
            raise ValidationError({"email": [_("Der findes allerede en bruger med denne e-mail.")]}) from None
        raise ValidationError(
            {"username": [_("Brugernavnet blev taget af en anden i samme øjeblik. Prøv igen.")]}
        ) from None
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


# --- A user's own details -------------------------------------------------------------------


def _check_email_free(user, email: str) -> None:
    if get_user_model().objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise ValidationError({"email": [_("Der findes allerede en bruger med denne e-mail.")]})


@service
def user_update_name(*, actor, user, full_name: str):
    """The user changes their own name."""
    if actor is None or actor.pk != user.pk:
        raise PermissionDenied(_("Du kan kun ændre dine egne oplysninger."))
    full_name = full_name.strip()
    if not full_name:
        raise ValidationError({"full_name": [_("Skriv dit navn.")]})
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    before = snapshot(user, ("first_name", "last_name"))
    first_name, _sep, last_name = full_name.partition(" ")
    user.first_name, user.last_name = first_name[:150], last_name.strip()[:150]
    changes = diff(before, snapshot(user, ("first_name", "last_name")))
    if changes:
        user.save(update_fields=["first_name", "last_name"])
        audit_record(actor=actor, obj=user, action=AuditAction.CHANGED, changes=changes)
    return user


@service
def email_change_request(*, actor, user, new_email: str, base_url: str) -> None:
    """Send a link to the new address; the address changes only when it is followed (by the
    user, logged in). Nothing is written until then."""
    from .tasks import send_email
    from .tokens import EMAIL_LINK_MAX_AGE, email_change_token

    if actor is None or actor.pk != user.pk:
        raise PermissionDenied(_("Du kan kun ændre dine egne oplysninger."))
    new_email = new_email.strip().lower()
    _check_email_free(user, new_email)
    link = base_url.rstrip("/") + reverse("accounts:email_confirm", kwargs={"token": email_change_token(user, new_email)})
    subject = _("Bekræft din nye e-mailadresse")
    body = _(
        "Hej %(name)s\n\nDu har bedt om at skifte e-mailadresse på Brobygger til denne adresse. "
        "Følg linket, og bekræft skiftet:\n%(link)s\n\nLinket virker i %(days)s dage. Har du ikke "
        "bedt om det, kan du se bort fra denne e-mail; din adresse er ikke ændret.\n"
    ) % {"name": user.get_full_name() or user.username, "link": link, "days": EMAIL_LINK_MAX_AGE.days}
    transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, recipients=[new_email]))


@service
def user_change_email(*, actor, user, new_email: str, base_url: str = ""):
    """The user has followed the link sent to the new address: change it, and let the apps
    that depend on the address re-run their rules (a verified organisation must be
    verified again)."""
    from .signals import email_changed

    if actor is None or actor.pk != user.pk:
        raise PermissionDenied(_("Du kan kun ændre dine egne oplysninger."))
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    _check_email_free(user, new_email)
    before = snapshot(user, ("email",))
    user.email = new_email.lower()
    user.save(update_fields=["email"])
    audit_record(actor=actor, obj=user, action=AuditAction.CHANGED, changes=diff(before, snapshot(user, ("email",))))
    email_changed.send(sender=type(user), user=user, actor=actor, base_url=base_url)
    return user
