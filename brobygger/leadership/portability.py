"""The leadership capability's tables in the export file (core/portability.py).

A whole installation's export carries everything, self-assessments included: a restore must
not lose a person's own history. An export of some alliances carries their role plans, the
plans kept at phase changes and the alliances' teams, but no self-assessment (a person's own,
not the alliance's) and no organisation's team. What a team was last shown travels with the
team, and the people and assessments it was computed from as plain numbers
(`TeamProfileSource`): one that is not in the file (deleted, or a self-assessment outside a
scoped export) arrives as "no longer there", so the receiving installation withdraws the
profile until two new assessments have come in rather than show something new.
"""

from brobygger.core.registry import PortableTable

from .models import (
    Answer,
    Assessment,
    DimensionScore,
    RoleAssignment,
    RolePlanCell,
    RolePlanSnapshot,
    Team,
    TeamMember,
    TeamProfileShown,
    TeamProfileSource,
)


def _of_alliances(model, path: str):
    return lambda alliances: model.objects.all() if alliances is None else model.objects.filter(**{path: alliances})


def _installation_only(model):
    return lambda alliances: model.objects.all() if alliances is None else model.objects.none()


TABLES = [
    PortableTable(key="leadership.roleplancell", order=60, rows=_of_alliances(RolePlanCell, "alliance__in")),
    PortableTable(key="leadership.roleassignment", order=61, rows=_of_alliances(RoleAssignment, "cell__alliance__in")),
    PortableTable(key="leadership.roleplansnapshot", order=62, rows=_of_alliances(RolePlanSnapshot, "alliance__in")),
    PortableTable(key="leadership.assessment", order=63, rows=_installation_only(Assessment)),
    PortableTable(key="leadership.answer", order=64, rows=_installation_only(Answer)),
    PortableTable(key="leadership.dimensionscore", order=65, rows=_installation_only(DimensionScore)),
    PortableTable(key="leadership.team", order=66, rows=_of_alliances(Team, "alliance__in")),
    PortableTable(key="leadership.teammember", order=67, rows=_of_alliances(TeamMember, "team__alliance__in")),
    PortableTable(
        key="leadership.teamprofileshown", order=68, rows=_of_alliances(TeamProfileShown, "team__alliance__in")
    ),
    PortableTable(
        key="leadership.teamprofilesource",
        order=69,
        rows=_of_alliances(TeamProfileSource, "shown__team__alliance__in"),
        id_columns={"user_ref": "accounts.user", "assessment_ref": "leadership.assessment"},
    ),
]
