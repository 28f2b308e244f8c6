"""The leadership capability's demo content: role plans for most of the demo alliances, the
demo logins' self-assessments, a top management team in Næstved and a team of leaders in the
telemedicine alliance. The people are fictitious; the Danish texts are data, not gettext.

Alliances are named by their titles in alliances/demo_data.py, people by their usernames
there or in USERS below.
"""

TELEMEDICINE = "Telemedicin til borgere med KOL i Næstved"
MILK = "Økologisk mælk i Lejres offentlige køkkener"
SILKEBORG = "Fællesspisning og besøgsvenner for ældre i Silkeborg"

# Fictitious colleagues (no login), created as the foundation's demo creates its own: verified
# employees through an address at their organisation's registered domain (where it has one).
USERS = {
    "birthe.kragh": {"name": "Birthe Kragh", "email": "birthe.kragh@naestved.example"},
    "michael.toft": {"name": "Michael Toft", "email": "michael.toft@naestved.example"},
    "susanne.vang": {"name": "Susanne Vang", "email": "susanne.vang@naestved.example"},
    "hanne.dahl": {"name": "Hanne Dahl", "email": "hanne.dahl@lejre.example"},
    # Besøgsvennerne has no registered domain: a member on the association's behalf, unverified.
    "bente.laursen": {"name": "Bente Laursen", "email": "bente.laursen@besoegsvenner-silkeborg.example"},
}


def cell(phase: str, role: str, *leaders: str, needed: bool | None = None, reason: str = "", by: str | None = None) -> dict:
    """One cell of a plan: its leaders (usernames), the alliance's own say and who writes it
    (the alliance's coordinator unless `by`)."""
    return {"phase": phase, "role": role, "leaders": list(leaders), "needed": needed, "reason": reason, "by": by}


# Per alliance title:
# - "members": people added to the alliance first (username, member role, party key),
# - "filled": the day the plan was written (ISO; None: when the demo is loaded),
# - "cells": the plan,
# - "then": a phase change after the plan was written (phase, day, note), so the plan is kept
#   in the alliance's history; skipped if the demo is loaded before that day.
PLANS = {
    MILK: {
        "members": [("hanne.dahl", "topleder", "Lejre Kommune")],
        "cells": [
            cell("ide", "fortaeller", "koordinator"),
            cell("ide", "medspiller", "partner"),
            cell("ide", "brobygger", "koordinator"),
            cell("afklaring", "brobygger", "koordinator", "partner"),
            cell("afklaring", "designer", "koordinator"),
            cell("afklaring", "oversaetter", "hanne.dahl"),
            cell("etablering", "designer", "koordinator"),
            cell("etablering", "oversaetter", "hanne.dahl"),
            cell("etablering", "styrmand", "hanne.dahl"),
            cell("drift", "styrmand", "hanne.dahl", "koordinator"),
            cell("drift", "medspiller", "partner"),
            # Brobyggeren is left open in the current phase: the gap the card and the
            # coordinator's front page show.
            cell(
                "drift",
                "fortaeller",
                "partner",
                needed=True,
                reason=(
                    "Forældre og pårørende skal høre, hvorfor mælken smager anderledes og kommer fra egnen. "
                    "Ellers falder opbakningen, når prisen bliver diskuteret."
                ),
            ),
            cell("evaluering", "oversaetter", "hanne.dahl"),
        ],
    },
    TELEMEDICINE: {
        "cells": [
            cell("ide", "fortaeller", "louise.brandt"),
            cell("ide", "medspiller", "topleder"),
            cell("ide", "brobygger", "louise.brandt", "lone.munk"),
            cell("afklaring", "brobygger", "louise.brandt"),
            cell("afklaring", "designer", "louise.brandt"),
            cell("afklaring", "oversaetter", "topleder", by="topleder"),
            cell("etablering", "designer", "louise.brandt", "topleder"),
            # Only Næstved's top leader steers: the plan shows that Region Sjælland, which
            # leads and will run the centre, has no Styrmand yet.
            cell("etablering", "styrmand", "topleder", by="topleder"),
            cell(
                "etablering",
                "oversaetter",
                needed=False,
                reason=(
                    "Regionsrådet og kommunalbestyrelsen godkendte samarbejdsaftalen i afklaringen. "
                    "Etableringen kræver ingen nye politiske beslutninger."
                ),
            ),
            cell(
                "etablering",
                "medspiller",
                "lone.munk",
                needed=True,
                reason=(
                    "KOL-foreningens medlemmer skal være med til at forme målingerne, mens løsningen bygges "
                    "– ikke først, når den er færdig."
                ),
            ),
            cell("drift", "medspiller", "lone.munk"),
            cell("drift", "brobygger", "topleder", by="topleder"),
        ],
    },
    SILKEBORG: {
        "members": [("bente.laursen", "partner", "besoegsvenner")],
        "filled": "2026-08-24",
        "cells": [
            cell("etablering", "designer", "karen.mikkelsen"),
            cell("etablering", "styrmand", "karen.mikkelsen"),
            cell("drift", "styrmand", "karen.mikkelsen"),
            cell("drift", "medspiller", "bente.laursen"),
            cell("drift", "brobygger", "karen.mikkelsen", "bente.laursen"),
            cell("evaluering", "oversaetter", "karen.mikkelsen"),
            cell("evaluering", "fortaeller", "bente.laursen"),
        ],
        "then": (
            "evaluering",
            "2026-09-01",
            "Forsøgsperioden sluttede 31. august. Nu ser vi på, hvad fællesspisningen har givet de ældre og de frivillige.",
        ),
    },
    "Ny gadebelysning i Albertslund": {
        "cells": [
            cell("etablering", "designer", "ahmed.rahimi"),
            cell("drift", "styrmand", "ahmed.rahimi"),
            cell("drift", "brobygger", "ahmed.rahimi"),
            cell("evaluering", "oversaetter", "ahmed.rahimi"),
            cell(
                "evaluering",
                "brobygger",
                "ahmed.rahimi",
                needed=True,
                reason="Beboerne skal med i evalueringen af, om lyset gør det trygt at færdes – ikke kun målingerne.",
            ),
        ],
    },
    "Naturbørnehaver med lokale landmænd": {
        "cells": [
            cell("afklaring", "brobygger", "anders.bech"),
            cell("etablering", "designer", "anders.bech"),
            cell("etablering", "styrmand", "anders.bech"),
        ],
    },
    "Skolemad med råvarer fra egnen": {
        "cells": [
            cell("ide", "fortaeller", "koordinator"),
            cell("afklaring", "brobygger", "koordinator"),
            cell("afklaring", "oversaetter", "koordinator"),
        ],
    },
    "Lektiecafé og praktik i Aarhus Vest": {
        "cells": [
            cell("afklaring", "brobygger", "rasmus.nielsen"),
            cell("afklaring", "designer", "rasmus.nielsen"),
        ],
    },
}

# Self-assessments: (days before the demo is loaded, levels, completed). The levels are how
# much the person leans to each role and challenge, 1–5, in the order medspiller, designer,
# brobygger, styrmand, oversaetter, fortaeller, faelles_mening, tvaergaaende_relationer,
# udviklingskultur; the answers vary around them statement by statement. A draft answers
# only the first half of the questionnaire.
ASSESSMENTS = {
    "topleder": [
        (230, (2, 3, 2, 5, 4, 3, 3, 2, 3), True),
        (21, (2, 3, 4, 5, 4, 3, 4, 3, 3), True),
    ],
    "koordinator": [(75, (4, 5, 4, 3, 2, 3, 4, 4, 3), True)],
    "birthe.kragh": [(57, (3, 4, 2, 5, 5, 3, 4, 2, 4), True)],
    "michael.toft": [(54, (3, 4, 3, 4, 2, 2, 3, 4, 3), True)],
    "susanne.vang": [(45, (3, 3, 3, 2, 3, 5, 5, 3, 4), True)],
    "partner": [(3, (4, 3, 4, 2, 2, 3, 4, 4, 3), False)],
}

# Teams. Steps are (days before the demo is loaded, username, what): "create" (the first
# member), "invite:<username>", "accept", "share". Each step is done by that person.
TEAMS = [
    {
        "name": "Direktionen i Næstved Kommune",
        "kind": "organisation",
        "organisation": "Næstved Kommune",
        "steps": [
            (60, "topleder", "create"),
            (60, "topleder", "share"),
            (60, "topleder", "invite:birthe.kragh"),
            (60, "topleder", "invite:michael.toft"),
            (60, "topleder", "invite:susanne.vang"),
            (58, "birthe.kragh", "accept"),
            (56, "birthe.kragh", "share"),
            (55, "michael.toft", "accept"),
            (53, "michael.toft", "share"),
            (50, "susanne.vang", "accept"),
            (44, "susanne.vang", "share"),
        ],
    },
    {
        "name": "Ledergruppen bag telemedicin til KOL",
        "kind": "alliance",
        "alliance": TELEMEDICINE,
        "steps": [
            (30, "louise.brandt", "create"),
            (30, "louise.brandt", "invite:lone.munk"),
            (27, "lone.munk", "accept"),
            # Still open: topleder sees the invitation.
            (6, "louise.brandt", "invite:topleder"),
        ],
    },
]
