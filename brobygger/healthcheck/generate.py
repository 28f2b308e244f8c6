"""The health check's share of a generated data set (registered as `registry.GeneratedData`):
about 10,000 rounds at national scale (a tenth at `small`) in about 85 % of the alliances,
answered by most of the parties that have a representative (statements, tension positions,
benefits and costs, and the party's own "Får I nok ud af alliancen?" as its `ValueAnswer`),
and a few dilemmas in a quarter of those alliances, some of them due to be looked at again.

How the spec's numbers map onto the models: its 10,000 rounds are `Round` rows, and its
100,000 health-check answers are `StatementAnswer` rows, a party's answer to one statement
(every `Response` answers all 26 statements, "ved ikke" included). An alliance has about
five parties, of which about three have a representative to answer for them, so the
10,000 rounds hold about 30,000 responses (100,000 of those would take 30,000 rounds) and
about 800,000 statement answers, well over the spec's 100,000; each response also places
the party on the 6 tension scales and answers the 8 benefits and costs.

An alliance further on in its life has had more rounds (up to about one a quarter, going
back as much as three years), each closed before the next one opened; in about one
alliance in seven the latest round is still open, with the answers given so far. A round
that has come within three days of its deadline has had its reminder, as the daily job
sends it. Each alliance leans its own way (a level, a tilt per sector on each tension
scale, parties that see it better or worse) and mostly gets a little better round by
round, less so the better it already is, so results, sectors and trends differ.

Bulk-inserted in chunks, with one audit record per round, reminder, value answer, response
and dilemma, as the services write them. Deterministic from the seeded random, whatever
the hour: the dates are drawn back from the start of today."""

import datetime
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from brobygger.alliances.models import SECTOR_BY_KIND, Alliance, Party, Phase, Sector, ValueAnswer
from brobygger.core.audit import as_text
from brobygger.core.models import AuditAction, AuditRecord
from brobygger.core.registry import bulk_insert, scaled, share_out

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
from .services import REMIND_BEFORE
from .taxonomy import HIGHEST, LOWEST

# At scale "national"; the other scales take their share of it (registry.GENERATED_SCALES).
ROUNDS = 10_000
BATCH = 2000
ROUND_SHARE = 0.85
# Of the alliances with rounds, this share has its latest round open now.
OPEN_SHARE = 0.15
# Days from one round's last day to the next one's opening, and days a round runs.
GAP_DAYS = (50, 110)
RUN_DAYS = (14, 28)
ANSWER_SHARE = 0.85
DONT_KNOW_SHARE = 0.04
COMMENT_SHARE = 0.08
DILEMMA_SHARE = 0.25
REVIEW_SHARE = 0.6
# Each round about this much better than the one before (on 1–5), less so as the alliance
# nears MOST_GAIN above where it began, and now and then a step back.
IMPROVEMENT = 0.15
MOST_GAIN = 1.0

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


def _most_rounds(rng, phase: str) -> int:
    """How many rounds an alliance may have had by now: more the further on it is."""
    position = min(Phase.values.index(phase), Phase.values.index(Phase.EVALUATION))
    return rng.randint(2, 3 + 2 * position)


def _timeline(rng, count: int, start: datetime.datetime) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """(opened, closes) of an alliance's rounds, oldest first: the latest open now or closed
    within the last months, each earlier one closed some months before the next opened."""
    today = start.date()
    if rng.random() < OPEN_SHARE:
        opened_at = start - datetime.timedelta(days=rng.randint(1, 20), hours=rng.randint(1, 8))
        closes_at = closing_moment(today + datetime.timedelta(days=rng.randint(1, 20)))
    else:
        closes_at = closing_moment(today - datetime.timedelta(days=rng.randint(1, 80)))
        opened_at = closes_at - datetime.timedelta(days=rng.randint(*RUN_DAYS), hours=rng.randint(1, 8))
    times = [(opened_at, closes_at)]
    for _number in range(count - 1):
        closes_at = closing_moment(timezone.localdate(times[-1][0]) - datetime.timedelta(days=rng.randint(*GAP_DAYS)))
        opened_at = closes_at - datetime.timedelta(days=rng.randint(*RUN_DAYS), hours=rng.randint(1, 8))
        times.append((opened_at, closes_at))
    return times[::-1]


def generate(context) -> None:
    rng = context.shared["random"]
    scale = context.options["scale"]
    # Dates are drawn back from the start of today (Danish time), not from the moment of the
    # run: whether a round has run long enough for a party to answer, or is close enough to
    # its deadline for a reminder, then comes out the same at any hour, and so do the random
    # numbers drawn after it.
    start = timezone.localtime(context.shared["now"]).replace(hour=0, minute=0, second=0, microsecond=0)
    today = start.date()
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
    phases = dict(Alliance.objects.values_list("pk", "phase"))

    version = selectors.latest_published_version()
    # In the instrument's order, whatever the database: the order the random numbers are drawn in.
    statements = list(Statement.objects.filter(version=version).order_by("order", "pk"))
    scales = list(TensionScale.objects.filter(version=version).order_by("order", "pk"))
    items = list(ParticipationItem.objects.filter(version=version).order_by("order", "pk"))

    with_rounds = [alliance_id for alliance_id in sorted(coordinators) if writers.get(alliance_id) and rng.random() < ROUND_SHARE]
    counts = share_out(rng, [_most_rounds(rng, phases[alliance_id]) for alliance_id in with_rounds], scaled(ROUNDS, scale))
    rounds: list[Round] = []
    planned: list[dict] = []  # per response: the party, writer, round index and the answers
    dilemmas: list[Dilemma] = []
    for alliance_id, count in zip(with_rounds, counts, strict=True):
        answering = writers[alliance_id]
        level = rng.gauss(3.3, 0.4)
        leaning = {parties[pk][1]: rng.gauss(0, 0.35) for pk, _writer in answering}
        criterion_tilt = {statement.criterion: rng.gauss(0, 0.4) for statement in statements}
        scale_base = {scale.pk: rng.gauss(50, 15) for scale in scales}
        sector_tilt = {(scale.pk, sector): rng.gauss(0, 12) for scale in scales for sector in Sector.values}
        better = 0.0
        for number, (opened_at, closes_at) in enumerate(_timeline(rng, count, start), start=1):
            if number > 1:
                better += rng.gauss(IMPROVEMENT, 0.12) * (1 - better / MOST_GAIN)
            reminder = closes_at - REMIND_BEFORE
            rounds.append(
                Round(
                    alliance_id=alliance_id,
                    number=number,
                    version=version,
                    opened_by_id=coordinators[alliance_id],
                    opened_at=opened_at,
                    closes_at=closes_at,
                    reminded_at=max(opened_at, reminder) if reminder <= start else None,
                )
            )
            index = len(rounds) - 1
            # An open round has the answers given so far, more the longer it has run.
            answered_until = min(closes_at, start)
            so_far = answered_until - opened_at
            share = ANSWER_SHARE * min(1.0, 1.3 * so_far / (closes_at - opened_at))
            for party_id, writer in answering:
                if rng.random() >= share:
                    continue
                sector = parties[party_id][1]
                seen = level + leaning[sector] + rng.gauss(0, 0.3) + better
                answered_at = opened_at + rng.uniform(0.05, 0.95) * so_far
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
    statement_answers = bulk_insert(
        StatementAnswer,
        (
            StatementAnswer(response_id=response.pk, statement_id=statement_id, value=value)
            for response, row in zip(responses, planned, strict=True)
            for statement_id, value in row["statements"]
        ),
    )
    bulk_insert(
        TensionAnswer,
        (
            TensionAnswer(response_id=response.pk, scale_id=scale_id, position=position, comment=comment)
            for response, row in zip(responses, planned, strict=True)
            for scale_id, position, comment in row["tensions"]
        ),
    )
    bulk_insert(
        ParticipationAnswer,
        (
            ParticipationAnswer(value_answer_id=value_answer.pk, item_id=item_id, value=value)
            for value_answer, row in zip(value_answers, planned, strict=True)
            for item_id, value in row["items"]
        ),
    )
    dilemmas = Dilemma.objects.bulk_create(dilemmas, batch_size=BATCH)
    bulk_insert(AuditRecord, _audit(rounds, value_answers, responses, dilemmas, parties, version))
    context.shared.setdefault("counts", {}).update(
        health_rounds=len(rounds),
        health_answers=len(responses),
        statement_answers=statement_answers,
        dilemmas=len(dilemmas),
    )


def _audit(rounds, value_answers, responses, dilemmas, parties, version):
    """One record per row, as the services leave them, and one per reminder sent (the
    answers' wording is left out of a response's record: the service's full list of answers
    would only weigh the table down)."""
    types = ContentType.objects.get_for_models(Round, ValueAnswer, Response, Dilemma)
    rounds_by_pk = {round_.pk: round_ for round_ in rounds}
    for round_ in rounds:
        yield AuditRecord(
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
        if round_.reminded_at is not None:
            # The daily job sends it, as nobody in particular, and keeps the moment in UTC.
            yield AuditRecord(
                at=round_.reminded_at,
                actor_id=None,
                alliance_id=round_.alliance_id,
                content_type=types[Round],
                object_id=round_.pk,
                object_label=f"Runde {round_.number}",
                action=AuditAction.CHANGED,
                changes={"reminded_at": [None, round_.reminded_at.astimezone(datetime.UTC).isoformat()]},
            )
    for value_answer, response in zip(value_answers, responses, strict=True):
        alliance_id = rounds_by_pk[response.round_id].alliance_id
        yield AuditRecord(
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
        yield AuditRecord(
            at=response.created_at,
            actor_id=response.updated_by_id,
            alliance_id=alliance_id,
            party_id=response.party_id,
            content_type=types[Response],
            object_id=response.pk,
            object_label=f"{parties[response.party_id][0]} · Runde {rounds_by_pk[response.round_id].number}"[:300],
            action=AuditAction.CREATED,
        )
    for dilemma in dilemmas:
        yield AuditRecord(
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
