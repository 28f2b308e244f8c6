"""The fixed vocabularies of fair process: a decision's life, the public-participation
spectrum an involvement plan uses, the level of influence a hearing declares up front, a
response's stance and how the decider used it. Fixed in code, so figures compare across
alliances."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "kladde", _("Kladde")
    HEARING = "hoering", _("I høring")
    DECIDED = "besluttet", _("Besluttet")
    COMMUNICATED = "meddelt", _("Meddelt")


class Participation(models.TextChoices):
    """The public-participation spectrum (IAP2), lowest influence first."""

    INFORM = "informere", _("Informere")
    CONSULT = "hoere", _("Høre")
    INVOLVE = "inddrage", _("Inddrage")
    COLLABORATE = "samarbejde", _("Samarbejde")
    EMPOWER = "overlade", _("Overlade beslutningen")


PARTICIPATION_RANK = {value: rank for rank, value in enumerate(Participation.values, start=1)}


class Means(models.TextChoices):
    MEETING = "moede", _("Møde")
    HEARING = "hoering", _("Høring")
    WORKSHOP = "workshop", _("Workshop")
    NEWSLETTER = "nyhedsbrev", _("Nyhedsbrev")


class HearingLevel(models.TextChoices):
    """What a hearing offers, said before anyone answers."""

    INFORMATION = "information", _("Information")
    CONSULTATION = "konsultation", _("Konsultation")
    CO_CREATION = "samskabelse", _("Samskabelse")
    CO_DECISION = "medbestemmelse", _("Medbestemmelse")


# Where a hearing sits on the involvement plan's spectrum.
HEARING_PARTICIPATION = {
    HearingLevel.INFORMATION: Participation.INFORM,
    HearingLevel.CONSULTATION: Participation.CONSULT,
    HearingLevel.CO_CREATION: Participation.COLLABORATE,
    HearingLevel.CO_DECISION: Participation.EMPOWER,
}

# What each level promises, shown beside it in the form and on the hearing page.
HEARING_PROMISE = {
    HearingLevel.INFORMATION: _("I får at vide, hvad der skal ske, og kan stille spørgsmål. Beslutningen er truffet."),
    HearingLevel.CONSULTATION: _(
        "Jeres svar indgår, før der besluttes. Beslutningen træffes af andre, og I får at vide, hvordan svarene er brugt."
    ),
    HearingLevel.CO_CREATION: _("I er med til at forme løsningen. Beslutningen træffes af andre på grundlag af det, I har formet."),
    HearingLevel.CO_DECISION: _("Beslutningen følger det, de inviterede bliver enige om."),
}


class Stance(models.TextChoices):
    AGREE = "enig", _("Enig")
    PARTLY = "delvis", _("Delvis enig")
    DISAGREE = "uenig", _("Uenig")
    DONT_KNOW = "ved_ikke", _("Ved ikke")


# "Did you feel heard?" is split by those who agreed and those who did not.
AGREEING = (Stance.AGREE, Stance.PARTLY)
DISAGREEING = (Stance.DISAGREE,)


class Usage(models.TextChoices):
    USED = "brugt", _("Brugt")
    PARTLY_USED = "delvist", _("Delvist brugt")
    NOT_USED = "ikke_brugt", _("Ikke brugt")


FELT_HEARD_LOWEST = 1
FELT_HEARD_HIGHEST = 5
