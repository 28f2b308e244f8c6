from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in. Belongs to one organisation: their employer or association."""

    organisation = models.ForeignKey(
        "alliances.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisation"),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("email"),
                condition=~models.Q(email=""),
                name="user_unique_email_ci",
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username
