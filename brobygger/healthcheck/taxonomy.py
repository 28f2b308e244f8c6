"""The two ways a health check's statements are grouped, fixed in code: the success criteria
the alliances' top leaders named themselves (../shared/DOMAIN.md), and the five dimensions
of collaboration that public-administration research has validated (Thomson, Perry & Miller
2009). Statements (the wording) are staff's to edit; these groups are not."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Criterion(models.TextChoices):
    RESULTS_HOME = "results_home", _("Alle parter tager resultater med hjem")
    OWN_HALF = "own_half", _("Parterne går ud over egen banehalvdel")
    TOP_BACKING = "top_backing", _("Topledelsen bakker synligt op")
    FACILITATING = "facilitating", _("Lederne faciliterer frem for at styre")
    ROOM = "room", _("Råderummet er gentænkt – begge veje")
    PACE = "pace", _("Beslutninger i alliancens tempo")
    POLITICAL = "political", _("Politisk samspil og bredt ejerskab")
    WHY = "why", _("Et fælles hvorfor")
    RELATIONS = "relations", _("Relationer på tværs af organisationer og fag")
    DEVELOPMENT = "development", _("En udviklingskultur")
    FAIR_PROCESS = "fair_process", _("En fair proces")


class CollaborationDimension(models.TextChoices):
    GOVERNANCE = "governance", _("Styring")
    ADMINISTRATION = "administration", _("Administration")
    AUTONOMY = "autonomy", _("Organisatorisk autonomi")
    MUTUALITY = "mutuality", _("Gensidighed")
    NORMS = "norms", _("Tillid og gensidige normer")


class ItemKind(models.TextChoices):
    BENEFIT = "benefit", _("Det giver deltagelsen")
    COST = "cost", _("Det koster deltagelsen")


class Grouping(models.TextChoices):
    """How a reader groups the results."""

    CRITERION = "kriterier", _("Succeskriterier")
    DIMENSION = "dimensioner", _("Samarbejdets dimensioner")


# The answer scale of statements and of benefits and costs: 1–5, or "ved ikke" (no value).
LOWEST = 1
HIGHEST = 5
SCALE_CHOICES = [
    (1, _("Helt uenig")),
    (2, _("Uenig")),
    (3, _("Hverken enig eller uenig")),
    (4, _("Enig")),
    (5, _("Helt enig")),
]
DONT_KNOW = "ved_ikke"
