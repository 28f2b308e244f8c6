"""Decisions' tables in the export file (core/portability.py).

An alliance's involvement plan (its groups and cells), its decisions with the parties and
groups they affect, the versions communicated, the expectations, the hearings with the plan
groups they are placed on, the invitations and the responses with their answers and "did you
feel heard?". The engine carries concrete fields only, so each many-to-many link is a table of
its own (Django's through table: `decisions.decision_affected_parties`, …), after both the
rows it links.

A change process is an organisation's, not an alliance's: a whole installation's export carries
change processes with their plans and decisions (a restore must not lose them), an export of
some alliances does not (as the leadership capability leaves out an organisation's team).

The links that work without an account travel with their rows: a public hearing's address
(`Hearing.token`), an invited person's (`Invitation.token`) and a respondent's own link to read
and withdraw their response (`Response.manage_token`). Unlike a membership invitation (which
lets its holder into an alliance, and which a coordinator simply sends again) they are
addresses already handed to people without an account: printed on a poster, mailed once to a
citizen. After a move they must still open the same page, or a citizen would lose the way to
withdraw their own response. Respondents' names and email addresses travel too: the export is
staff's means of moving the installation, and a restore must not lose what was given.
"""

from brobygger.core.registry import PortableTable

from .models import (
    ChangeProcess,
    Decision,
    DecisionVersion,
    Expectation,
    Hearing,
    Invitation,
    InvolvementGroup,
    PlanCell,
    Response,
)


def _of_alliances(model, path: str):
    return lambda alliances: model.objects.all() if alliances is None else model.objects.filter(**{path: alliances})


def _installation_only(model):
    return lambda alliances: model.objects.all() if alliances is None else model.objects.none()


def _link(through, path: str, order: int) -> PortableTable:
    """A many-to-many link, as its own table."""
    return PortableTable(key=through._meta.label_lower, order=order, rows=_of_alliances(through, path))


AffectedParties = Decision.affected_parties.through
AffectedGroups = Decision.affected_groups.through
HearingGroups = Hearing.groups.through

# Orders 70–77: after the foundation (organisations 10, parties 22), referring to no other
# capability. Tables of one order keep the order of this list, so each table comes after the
# tables it refers to.
TABLES = [
    PortableTable(key="decisions.changeprocess", order=70, rows=_installation_only(ChangeProcess)),
    PortableTable(key="decisions.involvementgroup", order=71, rows=_of_alliances(InvolvementGroup, "alliance__in")),
    PortableTable(key="decisions.plancell", order=72, rows=_of_alliances(PlanCell, "group__alliance__in")),
    PortableTable(key="decisions.decision", order=73, rows=_of_alliances(Decision, "alliance__in")),
    _link(AffectedParties, "decision__alliance__in", 74),
    _link(AffectedGroups, "decision__alliance__in", 74),
    PortableTable(key="decisions.decisionversion", order=74, rows=_of_alliances(DecisionVersion, "decision__alliance__in")),
    PortableTable(key="decisions.expectation", order=74, rows=_of_alliances(Expectation, "decision__alliance__in")),
    PortableTable(key="decisions.hearing", order=75, rows=_of_alliances(Hearing, "decision__alliance__in")),
    _link(HearingGroups, "hearing__decision__alliance__in", 76),
    PortableTable(key="decisions.invitation", order=76, rows=_of_alliances(Invitation, "hearing__decision__alliance__in")),
    PortableTable(key="decisions.response", order=77, rows=_of_alliances(Response, "hearing__decision__alliance__in")),
]
