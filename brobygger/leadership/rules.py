"""Who may read and keep the role plan, and whose self-assessments and teams are whose: the
one place that decides, built on the foundation's shared rules.

- The role plan names people: the alliance's members and staff read it; outsiders get a 404.
- The coordinators and the alliance's top leaders keep it (staff too).
- A self-assessment is its person's alone: nobody else, not a coordinator and not staff,
  reads its answers or its profile.
- A team's profile is read by the team's members only; any member invites. A top management
  team takes only verified employees of its organisation; an alliance's team only members who
  take part in the alliance (not observers).
"""

import rules
from django.utils.translation import gettext_lazy as _

from brobygger.alliances.rules import (
    belongs_to_organisation,
    can_read_members_only,
    is_active_staff,
    is_coordinator,
    is_top_leader,
    takes_part_as_leader,
)
from brobygger.core.permissions import add_perm

from .models import TeamKind, TeamMemberStatus


@rules.predicate
def owns_assessment(user, assessment) -> bool:
    return user.is_authenticated and assessment is not None and assessment.user_id == user.pk


def _team_status(user, team) -> str | None:
    """The user's place in the team (asked each time: invitations change it mid-request)."""
    if not user.is_authenticated or team is None:
        return None
    return team.members.filter(user_id=user.pk).values_list("status", flat=True).first()


@rules.predicate
def is_team_member(user, team) -> bool:
    return _team_status(user, team) == TeamMemberStatus.MEMBER


@rules.predicate
def is_invited_to_team(user, team) -> bool:
    return _team_status(user, team) == TeamMemberStatus.INVITED


@rules.predicate
def may_belong_to_team(user, team) -> bool:
    """Someone the team may take: a verified employee of its organisation, or a member who
    takes part in its alliance."""
    if team is None:
        return False
    if team.kind == TeamKind.ORGANISATION:
        return belongs_to_organisation(user, team.organisation)
    return takes_part_as_leader(user, team.alliance)


add_perm("leadership.view_role_plan", can_read_members_only)
add_perm(
    "leadership.change_role_plan",
    is_active_staff | is_coordinator | is_top_leader,
    denied=_("Kun alliancens koordinatorer og topledere kan ændre rolleplanen."),
)
add_perm("leadership.view_assessment", owns_assessment)
add_perm("leadership.view_team", is_team_member)
add_perm(
    "leadership.invite_to_team",
    is_team_member,
    denied=_("Kun holdets medlemmer kan invitere andre."),
)
add_perm(
    "leadership.join_team",
    is_invited_to_team & may_belong_to_team,
    denied=_("Du kan ikke længere blive medlem af holdet: det tager kun ledere fra dets organisation eller alliance."),
)
add_perm(
    "leadership.start_organisation_team",
    belongs_to_organisation,
    denied=_("Du kan kun oprette et ledelseshold for den organisation, du er bekræftet medarbejder i."),
)
add_perm(
    "leadership.start_alliance_team",
    takes_part_as_leader,
    denied=_("Kun medlemmer, der tager del i alliancens arbejde (ikke observatører), kan oprette et hold for den."),
)
