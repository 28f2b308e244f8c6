"""The six top-leader roles and the three leadership challenges: what a role plan is made
of and what a self-assessment scores. The keys are stored; the labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dimension(models.TextChoices):
    """What a self-assessment gives a score for: the six roles, then the three challenges."""

    MEDSPILLER = "medspiller", _("Medspilleren")
    DESIGNER = "designer", _("Designeren")
    BROBYGGER = "brobygger", _("Brobyggeren")
    STYRMAND = "styrmand", _("Styrmanden")
    OVERSAETTER = "oversaetter", _("Oversætteren")
    FORTAELLER = "fortaeller", _("Fortælleren")
    SHARED_MEANING = "faelles_mening", _("Skabe fælles mening")
    CROSS_RELATIONS = "tvaergaaende_relationer", _("Lede tværgående relationer")
    DEVELOPMENT_CULTURE = "udviklingskultur", _("Styrke udviklingskulturen")


ROLES = (
    Dimension.MEDSPILLER,
    Dimension.DESIGNER,
    Dimension.BROBYGGER,
    Dimension.STYRMAND,
    Dimension.OVERSAETTER,
    Dimension.FORTAELLER,
)
CHALLENGES = (Dimension.SHARED_MEANING, Dimension.CROSS_RELATIONS, Dimension.DEVELOPMENT_CULTURE)


class Role(models.TextChoices):
    """A role in an alliance's role plan (the same keys as the roles among the dimensions)."""

    MEDSPILLER = "medspiller", _("Medspilleren")
    DESIGNER = "designer", _("Designeren")
    BROBYGGER = "brobygger", _("Brobyggeren")
    STYRMAND = "styrmand", _("Styrmanden")
    OVERSAETTER = "oversaetter", _("Oversætteren")
    FORTAELLER = "fortaeller", _("Fortælleren")


# What each role and challenge is about, in a sentence: shown on the role plan, the
# questionnaire and the profile.
DESCRIPTIONS = {
    Dimension.MEDSPILLER: _(
        "Er selv med i udviklingen og lægger egne idéer og egen faglighed på bordet – ikke kun ordstyrer."
    ),
    Dimension.DESIGNER: _(
        "Skaber de rum, mandater og processer alliancen har brug for, med andre spilleregler end "
        "hierarkiets, men inden for organisationens rammer."
    ),
    Dimension.BROBYGGER: _(
        "Forbinder organisationen med virksomheder, foreninger og borgere, møder dem på deres præmisser "
        "og viser en anden side end den tunge myndighed."
    ),
    Dimension.STYRMAND: _(
        "Får egen organisation med, aflæser situationen og fører den sikkert igennem forandringen."
    ),
    Dimension.OVERSAETTER: _(
        "Sørger for, at politikerne har et grundlag, der gør dem trygge ved at træffe beslutninger "
        "på ukendt grund."
    ),
    Dimension.FORTAELLER: _(
        "Sætter rammen og retningen, fortæller hvorfor engagementet giver mening – og lader andre "
        "fylde rammen ud."
    ),
    Dimension.SHARED_MEANING: _(
        "Et stærkt fælles hvorfor, der samler ledere og medarbejdere om én opgave med borgeren i centrum."
    ),
    Dimension.CROSS_RELATIONS: _(
        "Ledelse på tværs af fag og organisationer, så borgeren oplever et sammenhængende forløb."
    ),
    Dimension.DEVELOPMENT_CULTURE: _(
        "En organisation, der hele tiden omsætter egne idéer, politiske beslutninger og inspiration "
        "udefra til bedre velfærd."
    ),
}
