"""Who may read, run and answer decisions and hearings: the one place that decides.

A decision's owner is an alliance or a change process:
- an alliance's decisions are run by its coordinators (and staff) and read by its members;
  drafts only by those who run them. A party's representatives (not observers) answer a
  hearing that invites their party.
- a change process is run and read by the users verified for its organisation (and staff).
  The people it invites answer through their own link, without an account.
- anyone answers a public hearing at its public address; nothing else is public.
"""

import rules
from django.utils.translation import gettext_lazy as _

from brobygger.alliances.models import Alliance
from brobygger.alliances.rules import (
    belongs_to_organisation,
    can_manage_alliance,
    can_read_members_only,
    is_active_staff,
    represents_party,
)
from brobygger.core.permissions import add_perm

from .models import ChangeProcess, Decision, Expectation, Hearing, InvolvementGroup, Response
from .taxonomy import Status

VIEW_DECISIONS = "decisions.view_decisions"
MANAGE_DECISIONS = "decisions.manage_decisions"
VIEW_DECISION = "decisions.view_decision"
RESPOND = "decisions.respond"
ADD_PROCESS = "decisions.add_change_process"


def owner_of(obj) -> Alliance | ChangeProcess | None:
    """The alliance or change process an object of this app belongs to."""
    if isinstance(obj, Alliance | ChangeProcess):
        return obj
    if isinstance(obj, Decision | InvolvementGroup):
        return obj.alliance if obj.alliance_id else obj.change_process
    if isinstance(obj, Hearing | Expectation):
        return owner_of(obj.decision)
    if isinstance(obj, Response):
        return owner_of(obj.hearing.decision)
    return None


@rules.predicate
def runs_decisions(user, obj) -> bool:
    """Coordinators of the alliance, or users verified for the change process's organisation."""
    owner = owner_of(obj)
    if isinstance(owner, Alliance):
        return can_manage_alliance(user, owner)
    if isinstance(owner, ChangeProcess):
        return belongs_to_organisation(user, owner.organisation)
    return False


@rules.predicate
def reads_decisions(user, obj) -> bool:
    """Members of the alliance, or users verified for the change process's organisation."""
    owner = owner_of(obj)
    if isinstance(owner, Alliance):
        return can_read_members_only(user, owner)
    if isinstance(owner, ChangeProcess):
        return belongs_to_organisation(user, owner.organisation)
    return False


@rules.predicate
def is_draft(user, decision: Decision) -> bool:
    return decision.status == Status.DRAFT


add_perm(VIEW_DECISIONS, is_active_staff | reads_decisions)
add_perm(
    MANAGE_DECISIONS,
    is_active_staff | runs_decisions,
    denied=_(
        "Kun alliancens koordinatorer eller organisationens bekræftede medarbejdere kan oprette og træffe beslutninger her."
    ),
)
# A draft is the deciders' own until it goes to hearing.
add_perm(VIEW_DECISION, is_active_staff | runs_decisions | (~is_draft & reads_decisions))
# On a party: its representatives answer for it.
add_perm(
    RESPOND,
    represents_party,
    denied=_("Kun partens egne repræsentanter kan afgive partens høringssvar."),
)
# On an organisation: its verified employees start a change process in it.
add_perm(
    ADD_PROCESS,
    is_active_staff | belongs_to_organisation,
    denied=_("Kun organisationens bekræftede medarbejdere kan starte en forandringsproces i den."),
)
