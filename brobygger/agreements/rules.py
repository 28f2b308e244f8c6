"""Who may read, write and sign the partnering agreement: the one place that decides.

- Members and staff read it; everyone else gets a 404 (anonymous visitors log in first).
- Coordinators and staff edit the shared terms and the revisit date.
- A party's representatives edit its part; coordinators and staff may edit it on the
  party's behalf (the version says so).
- Only a party's own representatives sign its part: a signature cannot be given on
  someone else's behalf.
"""

import rules

from brobygger.alliances.rules import (
    coordinates_party_alliance,
    is_active_staff,
    is_coordinator,
    is_member,
    represents_party,
)

rules.add_perm("agreements.view_agreement", is_active_staff | is_member)
rules.add_perm("agreements.change_terms", is_active_staff | is_coordinator)
rules.add_perm("agreements.change_part", is_active_staff | coordinates_party_alliance | represents_party)
rules.add_perm("agreements.sign_part", represents_party)
