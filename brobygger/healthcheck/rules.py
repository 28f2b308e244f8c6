"""Who may answer, open and read the health check and the register of dilemmas: the one
place that decides, built on the foundation's shared rules.

- The results name each party's answer: the alliance's members and staff read them; anyone
  else gets a 404. Outside the alliance only aggregates over enough parties are shown
  (figures.py, `BROBYGGER_PRIVACY_THRESHOLD`).
- A party answers through its own representatives (not observers, and nobody on its behalf):
  they share one answer per round and may change it until the deadline.
- Coordinators (and staff) open rounds and move their deadline, and keep the register of
  dilemmas; members read it.
- Staff edit the instrument and publish new versions.
"""

from django.utils.translation import gettext_lazy as _

from brobygger.alliances.rules import (
    can_manage_alliance,
    can_read_members_only,
    is_active_staff,
    represents_party,
)
from brobygger.core.permissions import add_perm

VIEW = "healthcheck.view_results"
ANSWER = "healthcheck.answer_round"
MANAGE_ROUNDS = "healthcheck.manage_rounds"
VIEW_DILEMMAS = "healthcheck.view_dilemmas"
KEEP_DILEMMAS = "healthcheck.keep_dilemmas"
EDIT_INSTRUMENT = "healthcheck.edit_instrument"

# On an alliance.
add_perm(VIEW, can_read_members_only)
add_perm(
    MANAGE_ROUNDS,
    can_manage_alliance,
    denied=_("Kun alliancens koordinatorer kan åbne en runde og ændre dens frist."),
)
add_perm(VIEW_DILEMMAS, can_read_members_only)
add_perm(
    KEEP_DILEMMAS,
    can_manage_alliance,
    denied=_("Kun alliancens koordinatorer kan skrive i registret over dilemmaer."),
)
# On a party.
add_perm(
    ANSWER,
    represents_party,
    denied=_("Kun partens egne repræsentanter kan svare for parten i sundhedstjekket."),
)
# Without an object.
add_perm(
    EDIT_INSTRUMENT,
    is_active_staff,
    denied=_("Kun Brobyggers personale kan ændre sundhedstjekkets spørgsmål."),
)
