"""The partnering agreement (samarbejdsaftale): a living document per alliance.

It has shared terms (the common "why", how the alliance is governed and how it may end)
and one part per party (its own reason to take part, its logic, its limits, and what it
commits). Nothing is overwritten: every edit adds a version, so earlier versions stay
readable. A party's representative signs a version of its part, against the version of
the shared terms in force; a newer version of either asks for a new signature.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from brobygger.alliances.models import Alliance, Party, Sector

TEXT_LIMIT = 10000
TERMS_FIELDS = ("shared_why", "governance", "ending")
PART_FIELDS = ("reason", "logic", "limits", "commitments")


def _text(label, help_text="", *, blank=False):
    return models.TextField(
        label,
        max_length=TEXT_LIMIT,
        validators=[MaxLengthValidator(TEXT_LIMIT)],
        help_text=help_text,
        blank=blank,
    )


class Agreement(models.Model):
    alliance = models.OneToOneField(Alliance, on_delete=models.CASCADE, related_name="agreement")
    revisit_on = models.DateField(_("gennemgås igen senest"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("samarbejdsaftale")
        verbose_name_plural = _("samarbejdsaftaler")

    def __str__(self) -> str:
        return str(self.alliance)


class TermsVersion(models.Model):
    """One version of the shared terms. The newest is in force."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="terms_versions")
    number = models.PositiveIntegerField()
    shared_why = _text(_("Det fælles hvorfor"))
    governance = _text(_("Sådan styres alliancen"))
    ending = _text(_("Sådan kan alliancen ophøre"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()
    change_note = models.CharField(_("hvad er ændret?"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("version af de fælles vilkår")
        verbose_name_plural = _("versioner af de fælles vilkår")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="terms_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agreement} v{self.number}"


class PartVersion(models.Model):
    """One version of a party's own part, and its signature if it was signed."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="part_versions")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="agreement_versions")
    number = models.PositiveIntegerField()
    reason = _text(_("Hvorfor deltager vi?"))
    logic = _text(_("Vores logik"))
    limits = _text(_("Vores grænser"))
    commitments = _text(_("Det forpligter vi os til"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_by_name = models.CharField(_("underskrevet af"), max_length=300, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_terms = models.ForeignKey(
        TermsVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name=_("version af de fælles vilkår"),
    )

    class Meta:
        verbose_name = _("version af en parts del")
        verbose_name_plural = _("versioner af parternes dele")
        ordering = ["party_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["party", "number"], name="part_version_unique"),
            models.CheckConstraint(
                condition=models.Q(signed_at__isnull=True) | models.Q(signed_terms__isnull=False),
                name="part_signature_names_terms",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party} v{self.number}"


# A part's logic and limits mean different things by sector; the labels say what each
# party is asked for, so the company reads the public legal basis and the public leader
# reads the market incentive.
PART_LABELS = {
    Sector.PUBLIC: {
        "logic": (
            _("Lovgrundlag og politisk mandat"),
            _("Den hjemmel og det politiske opdrag, jeres deltagelse bygger på."),
        ),
        "limits": (
            _("Grænser: udbud, statsstøtte og myndighedsansvar"),
            _("Hvad I ikke må eller kan, fx fordi en opgave skal i udbud, fordi en virksomhed ikke må få en fordel, der er statsstøtte, eller fordi myndighedsansvaret bliver hos jer."),
        ),
    },
    Sector.PRIVATE: {
        "logic": (
            _("Forretningsmæssigt incitament"),
            _("Hvorfor det giver mening for virksomheden: marked, udvikling af produkter, omdømme eller medarbejdere."),
        ),
        "limits": (
            _("Grænser for virksomhedens indsats"),
            _("Hvad virksomheden ikke kan påtage sig, fx arbejde uden betaling ud over en vis periode, eller opgaver, der giver konkurrenter indsigt."),
        ),
    },
    Sector.CIVIL: {
        "logic": (
            _("Frivilliges og medlemmers motivation"),
            _("Hvad der får frivillige og medlemmer til at bruge deres tid på alliancen."),
        ),
        "limits": (
            _("Grænser for, hvad foreningen kan bære"),
            _("Fx faste vagter, som frivillige ikke kan garantere, myndighedsopgaver eller økonomisk risiko."),
        ),
    },
}
