"""The value ledger's share of a generated data set (registered as `registry.GeneratedData`):
about 60,000 contributions, 20,000 value goals and 30,000 results at national scale (a
tenth at `small`), spread over the generated parties; two kinds of hours per alliance (one
with an agreed rate, volunteers without), a shared goal in every third alliance, and an
own answer from about half the parties that have a representative; one audit record each.
Bulk-inserted."""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from brobygger.alliances.models import ValueAnswer
from brobygger.core.models import AuditAction, AuditRecord
from brobygger.core.registry import scaled

from .models import (
    Contribution,
    ContributionKind,
    EntryVisibility,
    HourKind,
    Result,
    Unit,
    ValueGoal,
)

CONTRIBUTIONS = 60_000
GOALS = 20_000
RESULTS = 30_000
BATCH = 2000

# (title, indicator, target, numeric target, unit, direction, reading)
_GOALS = [
    ("Flere borgere i praktik", "Antal borgere i praktik", "12 om året", "12", "borgere", "mere", "sum"),
    ("Færre indlæggelser", "Indlæggelser pr. 1.000 borgere", "Højst 40", "40", "pr. 1.000", "mindre", "seneste"),
    ("Mere økologi i køkkenerne", "Økologiandel", "75 %", "75", "%", "mere", "seneste"),
    ("Flere frivillige", "Aktive frivillige", "40 frivillige", "40", "frivillige", "mere", "seneste"),
    ("Nye kunder i kommunen", "Nye kunder", "Et godt samarbejde", None, "", "mere", "seneste"),
]


# Of the entries that are not public, this share is confidential (hourly rates and the like).
CONFIDENTIAL_SHARE = 0.15


def _level(rng, public_share: float) -> str:
    if rng.random() < public_share:
        return EntryVisibility.PUBLIC
    return EntryVisibility.CONFIDENTIAL if rng.random() < CONFIDENTIAL_SHARE else EntryVisibility.MEMBERS



def _audit(entries, model, parties_by_pk, now) -> list[AuditRecord]:
    content_type = ContentType.objects.get_for_model(model)
    records = []
    for entry, party_pk in entries:
        alliance_id, writer = parties_by_pk[party_pk]
        records.append(
            AuditRecord(
                at=now,
                actor_id=writer,
                alliance_id=alliance_id,
                party_id=party_pk,
                content_type=content_type,
                object_id=entry.pk,
                object_label=str(entry)[:300],
                action=AuditAction.CREATED,
                restricted=entry.is_confidential
                or (isinstance(entry, Result) and entry.goal.is_confidential),
            )
        )
    return records


def _alliance_audit(entries, model, coordinators, now) -> list[AuditRecord]:
    """Records of what the alliance's coordinator wrote for the alliance itself."""
    content_type = ContentType.objects.get_for_model(model)
    return [
        AuditRecord(
            at=now,
            actor_id=coordinators[entry.alliance_id],
            alliance_id=entry.alliance_id,
            content_type=content_type,
            object_id=entry.pk,
            object_label=str(entry)[:300],
            action=AuditAction.CREATED,
        )
        for entry in entries
    ]


def generate(context) -> None:
    rng = context.shared["random"]
    scale = context.options["scale"]
    now = context.shared["now"]
    today = now.date()
    parties = context.shared["parties"]  # (party id, alliance id, writer user id or None)
    coordinators = context.shared["coordinators"]
    parties_by_pk = {pk: (alliance, writer or coordinators[alliance]) for pk, alliance, writer in parties}
    party_ids = list(parties_by_pk)
    alliance_ids = sorted(coordinators)

    kinds = HourKind.objects.bulk_create(
        [
            kind
            for alliance in alliance_ids
            for kind in (
                HourKind(alliance_id=alliance, name="Offentligt ansatte", rate=Decimal("450"), description="Fælles sats"),
                HourKind(alliance_id=alliance, name="Frivillige", rate=None),
            )
        ],
        batch_size=BATCH,
    )
    kinds_of: dict[int, list[HourKind]] = {}
    for kind in kinds:
        kinds_of.setdefault(kind.alliance_id, []).append(kind)

    contributions = []
    for _number in range(scaled(CONTRIBUTIONS, scale)):
        party = rng.choice(party_ids)
        kind = rng.choice(ContributionKind.values)
        money = kind == ContributionKind.MONEY
        unit = Unit.KRONER if money else rng.choice([Unit.HOURS, Unit.DAYS, Unit.PIECES])
        contributions.append(
            Contribution(
                party_id=party,
                kind=kind,
                description=f"{ContributionKind(kind).label} til alliancen",
                quantity=Decimal(rng.randint(1, 400) * (1000 if money else 1)),
                unit=unit,
                # Hours are worth their kind's agreed rate; the generated data leaves them unvalued.
                estimated_value=None if unit in (Unit.KRONER, Unit.HOURS) else Decimal(rng.randint(1, 200) * 500),
                period_start=today - datetime.timedelta(days=rng.randint(30, 900)),
                hour_kind=rng.choice(kinds_of[parties_by_pk[party][0]]) if unit == Unit.HOURS else None,
                visibility=_level(rng, 0.5),
                created_by_id=parties_by_pk[party][1],
                updated_by_id=parties_by_pk[party][1],
            )
        )
    contributions = Contribution.objects.bulk_create(contributions, batch_size=BATCH)

    goals = []
    for _number in range(scaled(GOALS, scale)):
        party = rng.choice(party_ids)
        title, indicator, target, target_value, unit, direction, reading = rng.choice(_GOALS)
        goals.append(
            ValueGoal(
                party_id=party,
                alliance_id=parties_by_pk[party][0],
                title=title,
                indicator=indicator,
                target=target,
                target_value=Decimal(target_value) if target_value else None,
                target_unit=unit,
                direction=direction,
                reading=reading,
                start_date=today - datetime.timedelta(days=700) if reading == "sum" else None,
                target_date=today + datetime.timedelta(days=rng.randint(-200, 700)),
                visibility=_level(rng, 0.6),
                created_by_id=parties_by_pk[party][1],
                updated_by_id=parties_by_pk[party][1],
            )
        )
    goals = ValueGoal.objects.bulk_create(goals, batch_size=BATCH)

    results = []
    for _number in range(scaled(RESULTS, scale)):
        goal = rng.choice(goals)
        results.append(
            Result(
                goal=goal,
                achieved_on=today - datetime.timedelta(days=rng.randint(0, 700)),
                description="Parten har fået det, den ville have med hjem.",
                measured_value=Decimal(rng.randint(1, 100)),
                meets_goal=goal.target_value is None and rng.random() < 0.3,
                estimated_value=Decimal(rng.randint(1, 100) * 1000) if rng.random() < 0.7 else None,
                evidence_note="Referat fra styregruppen.",
                visibility=_level(rng, 0.5),
                created_by_id=parties_by_pk[goal.party_id][1],
                updated_by_id=parties_by_pk[goal.party_id][1],
            )
        )
    shared = ValueGoal.objects.bulk_create(
        [
            ValueGoal(
                alliance_id=alliance,
                party=None,
                title="Færre genindlæggelser",
                indicator="Genindlæggelser pr. 100 udskrivelser",
                target="Højst 12",
                target_value=Decimal("12"),
                target_unit="pr. 100",
                direction="mindre",
                target_date=today + datetime.timedelta(days=rng.randint(-100, 500)),
                visibility=EntryVisibility.PUBLIC if rng.random() < 0.5 else EntryVisibility.MEMBERS,
                created_by_id=coordinators[alliance],
                updated_by_id=coordinators[alliance],
            )
            for alliance in alliance_ids[::3]
        ],
        batch_size=BATCH,
    )
    for goal in shared:
        for _number in range(2):
            results.append(
                Result(
                    goal=goal,
                    achieved_on=today - datetime.timedelta(days=rng.randint(0, 400)),
                    description="Opgørelse fra kvalitetsdatabasen.",
                    measured_value=Decimal(rng.randint(8, 20)),
                    evidence_note="Regionens kvalitetsdatabase.",
                    visibility=goal.visibility,
                    created_by_id=coordinators[goal.alliance_id],
                    updated_by_id=coordinators[goal.alliance_id],
                )
            )
    results = Result.objects.bulk_create(results, batch_size=BATCH)

    answers = []
    for pk, _alliance, writer in parties:
        if writer is not None and rng.random() < 0.5:
            answers.append(
                ValueAnswer(
                    party_id=pk,
                    answer=rng.choice(ValueAnswer.Answer.values),
                    comment="Sådan ser det ud fra vores side lige nu.",
                    answered_by_id=writer,
                    answered_at=now - datetime.timedelta(days=rng.randint(0, 200)),
                )
            )
    answers = ValueAnswer.objects.bulk_create(answers, batch_size=BATCH)
    answer_type = ContentType.objects.get_for_model(ValueAnswer)

    AuditRecord.objects.bulk_create(
        _audit([(entry, entry.party_id) for entry in contributions], Contribution, parties_by_pk, now)
        + _audit([(entry, entry.party_id) for entry in goals], ValueGoal, parties_by_pk, now)
        + _audit([(entry, entry.goal.party_id) for entry in results if entry.goal.party_id], Result, parties_by_pk, now)
        + _alliance_audit(kinds, HourKind, coordinators, now)
        + _alliance_audit(shared, ValueGoal, coordinators, now)
        + _alliance_audit([result for result in results if result.goal.party_id is None], Result, coordinators, now)
        + [
            AuditRecord(
                at=answer.answered_at,
                actor_id=answer.answered_by_id,
                alliance_id=parties_by_pk[answer.party_id][0],
                party_id=answer.party_id,
                content_type=answer_type,
                object_id=answer.pk,
                object_label=str(answer)[:300],
                action=AuditAction.CREATED,
            )
            for answer in answers
        ],
        batch_size=BATCH,
    )
    context.shared.setdefault("counts", {}).update(
        contributions=len(contributions),
        value_goals=len(goals),
        shared_goals=len(shared),
        results=len(results),
        hour_kinds=len(kinds),
        value_answers=len(answers),
    )
