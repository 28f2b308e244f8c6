"""Who may read, write and sign the partnering agreement: the one place that decides, built
on the foundation's shared rules.

- Members and staff read it; everyone else gets a 404 (anonymous visitors log in first).
- Coordinators and staff edit the shared terms and the revisit date.
- A party's representatives edit its part; coordinators and staff may edit it on the
  party's behalf (the audit says so).
- Only a party's own representatives sign its part: a signature cannot be given on
  someone else's behalf.
"""

from django.utils.translation import gettext_lazy as _

from brobygger.alliances.rules import (
    can_manage_alliance,
    can_read_members_only,
    can_write_for_party,
    represents_party,
)
from brobygger.core.permissions import add_perm

add_perm("agreements.view_agreement", can_read_members_only)
add_perm(
    "agreements.change_terms",
    can_manage_alliance,
    denied=_("Kun alliancens koordinatorer kan ændre de fælles vilkår."),
)
add_perm(
    "agreements.change_part",
    can_write_for_party,
    denied=_("Kun partens egne repræsentanter og alliancens koordinatorer kan ændre partens del af aftalen."),
)
add_perm(
    "agreements.sign_part",
    represents_party,
    denied=_("Kun partens egne repræsentanter kan underskrive partens del af aftalen."),
)
