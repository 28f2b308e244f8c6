from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in.

    Which organisation they work for is not a field here: it is a verified fact kept by the
    alliances foundation (`alliances.Affiliation`), never something the user or an
    invitation asserts.
    """

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
