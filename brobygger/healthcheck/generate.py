"""The health check's share of a generated data set (registered as `registry.GeneratedData`):
in about 60 % of the alliances one to three closed rounds, answered by most of the parties
that have a representative (statements, tension positions, benefits and costs, and the
party's own "Får I nok ud af alliancen?" as its `ValueAnswer`), and a few dilemmas in a
quarter of those alliances, some of them due to be looked at again.

Each alliance leans its own way (a level, a tilt per sector on each tension scale, parties
that see it better or worse) and gets a little better round by round, so results, sectors
and trends differ. Bulk-inserted, with one audit record per round, value answer, response
and dilemma, as the services write them. Deterministic from the seeded random."""

import datetime
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from brobygger.alliances.models import SECTOR_BY_KIND, Party, Sector, ValueAnswer
from brobygger.core.audit import as_text
from brobygger.core.models import AuditAction, AuditRecord

from . import selectors
from .models import (
    Dilemma,
    ParticipationAnswer,
    ParticipationItem,
    Response,
    Round,
    Statement,
    StatementAnswer,
    TensionAnswer,
    TensionScale,
    closing_moment,
)
from .taxonomy import HIGHEST, LOWEST

BATCH = 2000
ROUND_SHARE = 0.6
ANSWER_SHARE = 0.85
DONT_KNOW_SHARE = 0.04
COMMENT_SHARE = 0.08
DILEMMA_SHARE = 0.25
REVIEW_SHARE = 0.6
# Each round a little better than the one before (on 1–5).
IMPROVEMENT = 0.15

_VALUE_COMMENTS = {
    "ja": [
        "Vi når resultater, vi ikke kunne nå alene.",
        "Samarbejdet giver os mere, end det koster.",
        "Borgerne mærker forskellen, og det er det vigtigste for os.",
    ],
    "delvist": [
        "Vi får noget ud af det, men det tager mere tid end ventet.",
        "Resultaterne kommer, men langsommere end vi håbede.",
        "Det giver mening, men vores bidrag er større end vores udbytte lige nu.",
    ],
    "nej": [
        "Vi bruger mange timer og ser endnu ikke resultater.",
        "Vores erfaringer bliver ikke brugt, når der skal besluttes.",
    ],
}
_TENSION_COMMENTS = [
    "Sådan har vi oplevet det i det seneste halve år.",
    "Det har flyttet sig, siden vi begyndte.",
    "Her ser vi det anderledes end de andre parter.",
    "Det er et af de steder, vi bør tale mere sammen om.",
    "Reglerne i vores egen organisation trækker os tilbage hertil.",
]
# (situation, stance, reason)
_DILEMMAS = [
    (
        "En virksomhed bad om data om borgernes brug af tilbuddet for at kunne udvikle sit produkt.",
        "Virksomheden får kun samlede tal uden oplysninger om enkelte borgere.",
        "Udviklingen kræver ikke mere, og kommunen må ikke videregive personoplysninger.",
    ),
    (
        "Alliancen havde brug for en hurtig beslutning om et indkøb, som normalt skal i udbud.",
        "Vi udvidede forsøget inden for den aftale, der allerede var indgået.",
        "Så kunne vi handle hurtigt uden at gå uden om reglerne.",
    ),
    (
        "Det var altid kommunen, der ledede møderne, og de andre parter følte sig som gæster.",
        "Parterne skiftes til at lede møderne, og alle kan sætte punkter på dagsordenen.",
        "Den, der leder mødet, bestemmer, hvad der bliver talt om.",
    ),
    (
        "En forening spurgte, om dens frivilliges timer kunne betales af alliancen.",
        "Timerne bliver ikke betalt, men de står i regnskabet som foreningens bidrag.",
        "Hver part bærer sine egne udgifter, og bidraget skal kunne ses.",
    ),
    (
        "Medarbejderne ville afprøve en ny arbejdsgang, som kommunens regler ikke giver plads til.",
        "Vi gav en tidsbegrænset dispensation i et enkelt område.",
        "Vi vil se, om det virker, før reglerne ændres for alle.",
    ),
]


def _clamp(value: float) -> int:
    return min(HIGHEST, max(LOWEST, round(value)))


def generate(context) -> None:
    rng = context.shared["random"]
    now = context.shared["now"]
    today = timezone.localdate(now)
    coordinators = context.shared["coordinators"]  # {alliance id: coordinator's user id}
    writers: dict[int, list[tuple[int, int]]] = defaultdict(list)  # {alliance id: [(party id, writer)]}
    for party_id, alliance_id, writer in context.shared["parties"]:
        if writer is not None:
            writers[alliance_id].append((party_id, writer))
    parties = {
        pk: (name, SECTOR_BY_KIND[kind])
        for pk, name, kind in Party.objects.filter(alliance_id__in=list(writers)).values_list(
            "pk", "organisation__name", "organisation__kind"
        )
    }

    version = selectors.latest_published_version()
    statements = list(Statement.objects.filter(version=version))
    scales = list(TensionScale.objects.filter(version=version))
    items = list(ParticipationItem.objects.filter(version=version))

    rounds: list[Round] = []
    planned: list[dict] = []  # per answer: the party, writer, round index and the answers
    dilemmas: list[Dilemma] = []
    for alliance_id in sorted(coordinators):
        answering = writers.get(alliance_id)
        if not answering or rng.random() >= ROUND_SHARE:
            continue
        level = rng.gauss(3.3, 0.4)
        leaning = {parties[pk][1]: rng.gauss(0, 0.35) for pk, _writer in answering}
        criterion_tilt = {statement.criterion: rng.gauss(0, 0.4) for statement in statements}
        scale_base = {scale.pk: rng.gauss(50, 15) for scale in scales}
        sector_tilt = {(scale.pk, sector): rng.gauss(0, 12) for scale in scales for sector in Sector.values}
        count = rng.randint(1, 3)
        last_closed = today - datetime.timedelta(days=rng.randint(15, 60))
        for number in range(1, count + 1):
            last_day = last_closed - datetime.timedelta(days=(count - number) * rng.randint(90, 150))
            closes_at = closing_moment(last_day)
            opened_at = closes_at - datetime.timedelta(days=rng.randint(14, 28), hours=rng.randint(1, 8))
            rounds.append(
                Round(
                    alliance_id=alliance_id,
                    number=number,
                    version=version,
                    opened_by_id=coordinators[alliance_id],
                    opened_at=opened_at,
                    closes_at=closes_at,
                )
            )
            index = len(rounds) - 1
            better = IMPROVEMENT * (number - 1)
            for party_id, writer in answering:
                if rng.random() >= ANSWER_SHARE:
                    continue
                sector = parties[party_id][1]
                seen = level + leaning[sector] + rng.gauss(0, 0.3) + better
                span = (closes_at - opened_at).total_seconds()
                answered_at = opened_at + datetime.timedelta(seconds=rng.uniform(0.05, 0.95) * span)
                score = _clamp(seen + 0.5)
                answer = "ja" if score >= 4 else "delvist" if score >= 3 else "nej"
                planned.append(
                    {
                        "round": index,
                        "party": party_id,
                        "writer": writer,
                        "at": answered_at,
                        "answer": answer,
                        "comment": rng.choice(_VALUE_COMMENTS[answer]),
                        "statements": [
                            (
                                statement.pk,
                                None
                                if rng.random() < DONT_KNOW_SHARE
                                else _clamp(seen + criterion_tilt[statement.criterion] + rng.gauss(0, 0.6)),
                            )
                            for statement in statements
                        ],
                        "tensions": [
                            (
                                scale.pk,
                                min(100, max(0, round(scale_base[scale.pk] + sector_tilt[(scale.pk, sector)] + rng.gauss(0, 8)))),
                                rng.choice(_TENSION_COMMENTS) if rng.random() < COMMENT_SHARE else "",
                            )
                            for scale in scales
                        ],
                        "items": [
                            (item.pk, None if rng.random() < DONT_KNOW_SHARE else _clamp(rng.gauss(3, 0.9)))
                            for item in items
                        ],
                    }
                )
        if scales and rng.random() < DILEMMA_SHARE:
            for _number in range(rng.randint(1, 2)):
                situation, stance, reason = rng.choice(_DILEMMAS)
                met_on = today - datetime.timedelta(days=rng.randint(10, 300))
                review_on = met_on + datetime.timedelta(days=rng.randint(30, 180)) if rng.random() < REVIEW_SHARE else None
                dilemmas.append(
                    Dilemma(
                        alliance_id=alliance_id,
                        scale=rng.choice(scales),
                        met_on=met_on,
                        situation=situation,
                        stance=stance,
                        reason=reason,
                        review_on=review_on,
                        created_by_id=coordinators[alliance_id],
                        created_at=timezone.make_aware(datetime.datetime.combine(met_on, datetime.time(14))),
                    )
                )

    rounds = Round.objects.bulk_create(rounds, batch_size=BATCH)
    value_answers = ValueAnswer.objects.bulk_create(
        (
            ValueAnswer(
                party_id=row["party"],
                answered_by_id=row["writer"],
                answer=row["answer"],
                comment=row["comment"],
                answered_at=row["at"],
            )
            for row in planned
        ),
        batch_size=BATCH,
    )
    responses = Response.objects.bulk_create(
        (
            Response(
                round=rounds[row["round"]],
                party_id=row["party"],
                value_answer=value_answer,
                created_at=row["at"],
                updated_at=row["at"],
                updated_by_id=row["writer"],
            )
            for row, value_answer in zip(planned, value_answers, strict=True)
        ),
        batch_size=BATCH,
    )
    StatementAnswer.objects.bulk_create(
        (
            StatementAnswer(response=response, statement_id=statement_id, value=value)
            for response, row in zip(responses, planned, strict=True)
            for statement_id, value in row["statements"]
        ),
        batch_size=BATCH,
    )
    TensionAnswer.objects.bulk_create(
        (
            TensionAnswer(response=response, scale_id=scale_id, position=position, comment=comment)
            for response, row in zip(responses, planned, strict=True)
            for scale_id, position, comment in row["tensions"]
        ),
        batch_size=BATCH,
    )
    ParticipationAnswer.objects.bulk_create(
        (
            ParticipationAnswer(value_answer=value_answer, item_id=item_id, value=value)
            for value_answer, row in zip(value_answers, planned, strict=True)
            for item_id, value in row["items"]
        ),
        batch_size=BATCH,
    )
    dilemmas = Dilemma.objects.bulk_create(dilemmas, batch_size=BATCH)
    _audit(rounds, value_answers, responses, dilemmas, parties, coordinators, version)
    context.shared.setdefault("counts", {}).update(
        health_rounds=len(rounds),
        health_answers=len(responses),
        statement_answers=len(responses) * len(statements),
        dilemmas=len(dilemmas),
    )


def _audit(rounds, value_answers, responses, dilemmas, parties, coordinators, version) -> None:
    """One record per row, as the services leave them (the answers' wording is left out of a
    response's record: the service's full list of answers would only weigh the table down)."""
    types = ContentType.objects.get_for_models(Round, ValueAnswer, Response, Dilemma)
    rounds_by_pk = {round_.pk: round_ for round_ in rounds}
    records = [
        AuditRecord(
            at=round_.opened_at,
            actor_id=round_.opened_by_id,
            alliance_id=round_.alliance_id,
            content_type=types[Round],
            object_id=round_.pk,
            object_label=f"Runde {round_.number}",
            action=AuditAction.CREATED,
            changes={
                "number": [None, str(round_.number)],
                "closes_at": [None, round_.last_day.isoformat()],
                "version": [None, str(version.number)],
            },
        )
        for round_ in rounds
    ]
    for value_answer, response in zip(value_answers, responses, strict=True):
        alliance_id = rounds_by_pk[response.round_id].alliance_id
        records.append(
            AuditRecord(
                at=value_answer.answered_at,
                actor_id=value_answer.answered_by_id,
                alliance_id=alliance_id,
                party_id=value_answer.party_id,
                content_type=types[ValueAnswer],
                object_id=value_answer.pk,
                object_label=str(value_answer)[:300],
                action=AuditAction.CREATED,
                changes={"answer": [None, value_answer.answer], "comment": [None, value_answer.comment]},
            )
        )
        records.append(
            AuditRecord(
                at=response.created_at,
                actor_id=response.updated_by_id,
                alliance_id=alliance_id,
                party_id=response.party_id,
                content_type=types[Response],
                object_id=response.pk,
                object_label=f"{parties[response.party_id][0]} · Runde {rounds_by_pk[response.round_id].number}"[:300],
                action=AuditAction.CREATED,
            )
        )
    for dilemma in dilemmas:
        records.append(
            AuditRecord(
                at=dilemma.created_at,
                actor_id=dilemma.created_by_id,
                alliance_id=dilemma.alliance_id,
                content_type=types[Dilemma],
                object_id=dilemma.pk,
                object_label=str(dilemma)[:300],
                action=AuditAction.CREATED,
                changes={
                    name: [None, value]
                    for name, value in (
                        ("scale", str(dilemma.scale)),
                        ("met_on", as_text(dilemma.met_on)),
                        ("situation", dilemma.situation),
                        ("stance", dilemma.stance),
                        ("reason", dilemma.reason),
                        ("review_on", as_text(dilemma.review_on)),
                    )
                    if value is not None
                },
            )
        )
    AuditRecord.objects.bulk_create(records, batch_size=BATCH)
