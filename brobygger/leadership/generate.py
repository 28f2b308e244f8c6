"""The leadership capability's share of a generated data set (registered as
`registry.GeneratedData`): role plans for about half the alliances (leaders from the
generated members, in the phases up to the current one and sometimes the next, with some
roles left open and a few the alliance decided on itself), and 20,000 completed
self-assessments at national scale (a tenth at `small`) with their answers and scores.

About 70 % of the users have assessed themselves, most of them several times (up to ten)
over the last two to three years: a person answers from a view of their own that stays
with them, and it moves a little from one assessment to the next, mostly upwards, so each
later profile is a bit different from the one before and their trend means something.

Bulk-inserted in chunks, with one audit record per cell and per assessment (restricted, as
the service writes it). Deterministic from the seeded random."""

import datetime

from django.contrib.contenttypes.models import ContentType

from brobygger.accounts.models import User
from brobygger.alliances.models import Alliance, MemberRole, Membership, Phase
from brobygger.core.audit import as_text
from brobygger.core.models import AuditAction, AuditRecord
from brobygger.core.registry import bulk_insert, scaled, share_out

from . import instrument, plan
from .dimensions import Role
from .models import Answer, Assessment, DimensionScore, RoleAssignment, RolePlanCell

# At scale "national"; the other scales take their share of it (registry.GENERATED_SCALES).
SELF_ASSESSMENTS = 20_000
BATCH = 2000
PLAN_SHARE = 0.5
# In a plan: a suggested role left open in the current phase, a second leader, the next phase
# planned already, and the alliance's own say (a role not suggested taken on, or one not needed).
OPEN_SHARE = 0.25
SECOND_LEADER_SHARE = 0.2
NEXT_PHASE_SHARE = 0.4
OWN_NEEDED_SHARE = 0.06
OWN_NOT_NEEDED_SHARE = 0.05
# Of the users, who has completed a self-assessment; each has done it at most this often.
ASSESSED_SHARE = 0.7
MOST_ASSESSMENTS = 10
# The latest assessment this many days ago at most, the first at most EARLIEST days ago, and
# at least SPACING days between one and the next.
LATEST = 120
EARLIEST = 1000
SPACING = 60
# How far a person's own view of each statement lies from their leaning on its role or
# challenge, how much an answer varies around that view from one time to the next, and how
# a role or challenge moves from one assessment to the next (mostly a little upwards).
VIEW_SPREAD = 0.65
ANSWER_NOISE = 0.45
GROWTH = 0.06
DRIFT = 0.15

_NEEDED_REASONS = [
    "Vi har brug for en leder, der selv byder ind, fordi opgaven ændrer sig undervejs.",
    "Borgerne og foreningerne skal med nu, ikke først når løsningen er færdig.",
    "Politikerne skal følge med undervejs, fordi sagen er ny for dem.",
    "Nogen skal fortælle, hvorfor vi gør det, så medarbejderne kan se meningen.",
]
_NOT_NEEDED_REASONS = [
    "Det har vi allerede styr på fra den forrige fase.",
    "Beslutningen er truffet; der er ikke brug for mere i denne fase.",
    "Det klarer en anden part for os i denne fase.",
]


def _plan_label(role: str, phase: str) -> str:
    return f"Rolleplan: {Role(role).label} i fasen {Phase(phase).label}"


def _role_plans(context, now) -> tuple[int, int]:
    rng = context.shared["random"]
    coordinators = context.shared["coordinators"]
    alliances = [row for row in Alliance.objects.order_by("pk").values_list("pk", "phase", "lead_organisation_id") if row[0] in coordinators]
    members: dict[int, list[tuple]] = {}
    names: dict[int, str] = {}
    for pk, alliance_id, organisation_id, first_name, last_name in (
        Membership.objects.exclude(role=MemberRole.OBSERVER)
        .order_by("pk")
        .values_list("pk", "alliance_id", "party__organisation_id", "user__first_name", "user__last_name")
    ):
        members.setdefault(alliance_id, []).append((pk, organisation_id))
        names[pk] = f"{first_name} {last_name}".strip()

    cells: list[RolePlanCell] = []
    leaders_of: list[list[int]] = []
    for alliance_id, phase, lead_organisation_id in alliances:
        leaders = members.get(alliance_id)
        if not leaders or rng.random() >= PLAN_SHARE:
            continue
        from_lead = [m for m in leaders if m[1] == lead_organisation_id] or leaders
        current = plan.PHASE_ORDER.index(phase)
        phases = list(plan.PHASE_ORDER[: current + 1])
        following = plan.next_phase(phase)
        if following and rng.random() < NEXT_PHASE_SHARE:
            phases.append(following)
        for cell_phase in phases:
            for role in Role.values:
                suggestion = plan.suggestion(cell_phase, role)
                needed, reason = None, ""
                if suggestion is None:
                    if rng.random() >= OWN_NEEDED_SHARE:
                        continue
                    needed, reason = True, rng.choice(_NEEDED_REASONS)
                elif rng.random() < OWN_NOT_NEEDED_SHARE:
                    needed, reason = False, rng.choice(_NOT_NEEDED_REASONS)
                chosen: list[int] = []
                if needed is not False and not (cell_phase in (phase, following) and rng.random() < OPEN_SHARE):
                    pool = from_lead if suggestion and suggestion.lead_organisation else leaders
                    chosen = [rng.choice(pool)[0]]
                    if rng.random() < SECOND_LEADER_SHARE:
                        other = rng.choice(leaders)[0]
                        if other not in chosen:
                            chosen.append(other)
                if not chosen and needed is None:
                    # An open role with nothing decided is no cell at all.
                    continue
                cells.append(
                    RolePlanCell(alliance_id=alliance_id, phase=cell_phase, role=role, needed=needed, reason=reason)
                )
                leaders_of.append(chosen)
    cells = RolePlanCell.objects.bulk_create(cells, batch_size=BATCH)
    assignments = RoleAssignment.objects.bulk_create(
        [RoleAssignment(cell=cell, membership_id=pk) for cell, chosen in zip(cells, leaders_of, strict=True) for pk in chosen],
        batch_size=BATCH,
    )
    content_type = ContentType.objects.get_for_model(RolePlanCell)
    records = []
    for cell, chosen in zip(cells, leaders_of, strict=True):
        changes = {"leaders": [None, as_text(", ".join(sorted(names[pk] for pk in chosen)))]}
        if cell.needed is not None:
            changes.update(needed=[None, as_text(cell.needed)], reason=[None, as_text(cell.reason)])
        records.append(
            AuditRecord(
                at=now,
                actor_id=coordinators[cell.alliance_id],
                alliance_id=cell.alliance_id,
                content_type=content_type,
                object_id=cell.pk,
                object_label=_plan_label(cell.role, cell.phase),
                action=AuditAction.CREATED,
                changes={name: values for name, values in changes.items() if values[1] is not None},
            )
        )
    AuditRecord.objects.bulk_create(records, batch_size=BATCH)
    return len(cells), len(assignments)


def _days_ago(rng, count: int) -> list[int]:
    """How many days ago each of a person's assessments was completed, oldest first: spread
    evenly over the time since their first, give or take a quarter of the gap."""
    latest = rng.randint(1, LATEST)
    if count == 1:
        return [latest]
    first = rng.randint(latest + SPACING * (count - 1), max(EARLIEST, latest + SPACING * (count - 1)))
    gap = (first - latest) / (count - 1)
    middle = [round(first - gap * number + rng.uniform(-0.25, 0.25) * gap) for number in range(1, count - 1)]
    return [first, *middle, latest]


def _answers(rng, statements, count: int) -> list[dict[str, int]]:
    """One person's answers, `count` times: a leaning per role and challenge, a view of each
    statement around it, and answers around the view as it moves from one time to the next."""
    leaning: dict[str, float] = {}
    view = {}
    for statement in statements:
        if statement.dimension not in leaning:
            leaning[statement.dimension] = rng.gauss(3.3, 0.7)
        view[statement.key] = leaning[statement.dimension] + rng.gauss(0, VIEW_SPREAD)
    drift = dict.fromkeys(leaning, 0.0)
    made = []
    for _number in range(count):
        answers = {}
        for statement in statements:
            value = round(view[statement.key] + drift[statement.dimension] + rng.gauss(0, ANSWER_NOISE))
            answers[statement.key] = instrument.keyed(statement, min(instrument.HIGHEST, max(instrument.LOWEST, value)))
        made.append(answers)
        for dimension in drift:
            drift[dimension] += rng.gauss(GROWTH, DRIFT)
    return made


def _assessments(context, now) -> int:
    rng = context.shared["random"]
    version = instrument.current_version()
    statements = instrument.statements(version)
    labels: dict[int, str] = {}
    for pk, username, first_name, last_name in User.objects.order_by("pk").values_list(
        "pk", "username", "first_name", "last_name"
    ):
        if rng.random() < ASSESSED_SHARE:
            labels[pk] = f"{first_name} {last_name}".strip() or username
    people = list(labels)
    counts = share_out(
        rng, [rng.randint(1, MOST_ASSESSMENTS) for _pk in people], scaled(SELF_ASSESSMENTS, context.options["scale"])
    )
    planned: list[tuple[Assessment, dict[str, int]]] = []
    for pk, count in zip(people, counts, strict=True):
        for days, answers in zip(_days_ago(rng, count), _answers(rng, statements, count), strict=True):
            completed_at = now - datetime.timedelta(days=days, minutes=rng.randint(0, 600))
            started_at = completed_at - datetime.timedelta(minutes=rng.randint(8, 45))
            planned.append(
                (
                    Assessment(
                        user_id=pk, version=version, started_at=started_at, updated_at=completed_at, completed_at=completed_at
                    ),
                    answers,
                )
            )
    assessments = Assessment.objects.bulk_create([assessment for assessment, _answers_ in planned], batch_size=BATCH)
    bulk_insert(
        Answer,
        (
            Answer(assessment_id=assessment.pk, statement=key, value=value)
            for assessment, (_planned, answers) in zip(assessments, planned, strict=True)
            for key, value in answers.items()
        ),
    )
    bulk_insert(
        DimensionScore,
        (
            DimensionScore(assessment_id=assessment.pk, dimension=dimension, score=score)
            for assessment, (_planned, answers) in zip(assessments, planned, strict=True)
            for dimension, score in instrument.scores(version, answers).items()
        ),
    )
    content_type = ContentType.objects.get_for_model(Assessment)
    bulk_insert(
        AuditRecord,
        (
            AuditRecord(
                at=assessment.completed_at,
                actor_id=assessment.user_id,
                actor_name=labels[assessment.user_id],
                content_type=content_type,
                object_id=assessment.pk,
                object_label=f"{labels[assessment.user_id]} · {assessment.started_at:%Y-%m-%d}",
                action=AuditAction.CREATED,
                changes={"completed_at": [None, as_text(assessment.completed_at)]},
                # A self-assessment is its person's alone (leadership's AuditPolicy).
                restricted=True,
            )
            for assessment in assessments
        ),
    )
    return len(assessments)


def generate(context) -> None:
    now = context.shared["now"]
    cells, assignments = _role_plans(context, now)
    assessments = _assessments(context, now)
    context.shared.setdefault("counts", {}).update(
        role_plan_cells=cells, role_assignments=assignments, self_assessments=assessments
    )
