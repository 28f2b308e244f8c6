"""Reads for the health check's pages, API, figures and front page, in fixed query counts.

How a round's results are computed (the results page shows the same in words):

- The party is the unit. A party's score on a criterion or a dimension is the mean of its
  answers to the statements in it, "ved ikke" left out; on a tension scale it is the party's
  position (0–100).
- The result overall is the mean of the parties' scores; a sector's result the mean of its
  parties' scores. A large organisation with many members counts once, as a small one does.
- Divergence: the spread between the parties (highest party score minus lowest) and the
  distance between the sectors (highest sector result minus lowest; only where a sector has
  more than one party, else it repeats the spread). Both are also read as a
  share of the scale (4 points on 1–5, 100 on 0–100). Where the parties spread over at least
  half the scale, or two sectors lie at least a quarter of the scale apart, the parties see
  the alliance differently: the page flags it, because the next conversation belongs there.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.alliances.models import (
    SECTOR_BY_KIND,
    SECTOR_ORDER,
    Alliance,
    MemberRole,
    Membership,
    Party,
    Sector,
)
from brobygger.alliances.rules import members_only_alliance_ids
from brobygger.core.registry import AttentionItem

from .models import (
    Dilemma,
    InstrumentVersion,
    ParticipationAnswer,
    ParticipationItem,
    Response,
    Round,
    Statement,
    StatementAnswer,
    TensionAnswer,
    TensionScale,
)
from .taxonomy import CollaborationDimension, Criterion, Grouping, ItemKind

PARTY_SPREAD_FLAG = 0.5
SECTOR_GAP_FLAG = 0.25


def _mean(values) -> float | None:
    values = [value for value in values if value is not None]
    return sum(values) / len(values) if values else None


# --- What a set of parties' scores says ------------------------------------------------------


@dataclass
class SectorResult:
    sector: str
    label: str
    mean: float | None
    parties: int


@dataclass
class Spread:
    """One question's (or one group's) answers across the parties: overall, per sector, and
    how far apart they lie. `span` is the scale's width (4 on 1–5, 100 on 0–100)."""

    span: float
    overall: float | None
    answered: int
    by_sector: list[SectorResult]
    party_spread: float | None
    sector_gap: float | None

    @property
    def sectors(self) -> list[tuple[str, "SectorResult | None"]]:
        """Every sector in the fixed order, with its result or None (no party answered)."""
        found = {row.sector: row for row in self.by_sector}
        return [(sector, found.get(sector)) for sector in SECTOR_ORDER]

    @property
    def divergent(self) -> bool:
        return (self.party_spread is not None and self.party_spread >= PARTY_SPREAD_FLAG * self.span) or (
            self.sector_gap is not None and self.sector_gap >= SECTOR_GAP_FLAG * self.span
        )

    @property
    def divergence(self) -> float:
        """The larger of the two, as a share of the scale (0–1): what rankings sort by."""
        shares = [self.party_spread / (self.span * 2) if self.party_spread is not None else 0.0]
        if self.sector_gap is not None:
            shares.append(self.sector_gap / self.span)
        # Halving the party spread makes the two flags' thresholds the same figure (0.25).
        return max(shares)


def spread(scores: dict[int, float | None], sector_of: dict[int, str], *, span: float) -> Spread:
    """`scores`: {party id: score or None (no answer that counts)}."""
    counted = {party_id: score for party_id, score in scores.items() if score is not None}
    by_sector: list[SectorResult] = []
    for sector in SECTOR_ORDER:
        values = [score for party_id, score in counted.items() if sector_of.get(party_id) == sector]
        if values:
            by_sector.append(SectorResult(sector, Sector(sector).label, sum(values) / len(values), len(values)))
    values = list(counted.values())
    sector_means = [row.mean for row in by_sector]
    return Spread(
        span=span,
        overall=_mean(values),
        answered=len(values),
        by_sector=by_sector,
        party_spread=max(values) - min(values) if len(values) >= 2 else None,
        # With one party per sector the sectors' distance is the parties' spread again: it is
        # read only where a sector has more than one party.
        sector_gap=(
            max(sector_means) - min(sector_means)
            if len(sector_means) >= 2 and any(row.parties > 1 for row in by_sector)
            else None
        ),
    )


# --- One round's results --------------------------------------------------------------------


@dataclass
class PartyRow:
    party: Party
    sector: str
    answered: bool = False
    updated_at: datetime.datetime | None = None
    value_answer: str = ""
    value_answer_label: str = ""
    value_comment: str = ""


@dataclass
class StatementResult:
    statement: Statement
    values: dict  # {party id: 1–5 or None ("ved ikke")}
    spread: Spread
    # The same answers in the order of `RoundResults.answered`, for tables.
    per_party: list = field(default_factory=list)


@dataclass
class GroupResult:
    key: str
    label: str
    statements: list[StatementResult]
    scores: dict  # {party id: mean or None}
    spread: Spread
    # The same answers in the order of `RoundResults.answered`, for tables.
    per_party: list = field(default_factory=list)


@dataclass
class TensionResult:
    scale: TensionScale
    positions: dict  # {party id: 0–100}
    comments: dict  # {party id: comment}
    spread: Spread
    # The same answers in the order of `RoundResults.answered`, for tables.
    per_party: list = field(default_factory=list)


@dataclass
class ItemResult:
    item: ParticipationItem
    values: dict
    spread: Spread
    # The same answers in the order of `RoundResults.answered`, for tables.
    per_party: list = field(default_factory=list)


@dataclass
class RoundResults:
    round: Round
    parties: list[PartyRow]
    criteria: list[GroupResult]
    dimensions: list[GroupResult]
    tensions: list[TensionResult]
    benefits: list[ItemResult]
    costs: list[ItemResult]
    is_open: bool

    @property
    def answered(self) -> list[PartyRow]:
        return [row for row in self.parties if row.answered]

    @property
    def health_score(self) -> float | None:
        """The mean of the criteria's results overall (1–5)."""
        return _mean(group.spread.overall for group in self.criteria)

    @property
    def divergent(self) -> list:
        """Where the parties see the alliance differently: criteria and tension scales, the
        widest first."""
        flagged = [group for group in self.criteria if group.spread.divergent]
        flagged += [tension for tension in self.tensions if tension.spread.divergent]
        return sorted(flagged, key=lambda row: -row.spread.divergence)

    def groups(self, grouping: str) -> list[GroupResult]:
        return self.dimensions if grouping == Grouping.DIMENSION else self.criteria


def _group(statements, party_ids, sector_of, key_of, choices) -> list[GroupResult]:
    results = []
    for key, label in choices:
        in_group = [row for row in statements if key_of(row.statement) == key]
        if not in_group:
            continue
        scores = {
            party_id: _mean(row.values.get(party_id) for row in in_group) for party_id in party_ids
        }
        results.append(GroupResult(key, str(label), in_group, scores, spread(scores, sector_of, span=4)))
    return results


def round_results(round_: Round) -> RoundResults:
    """Everything the results page shows for one round, in nine queries whatever the number
    of parties and answers."""
    version_id = round_.version_id
    statements = list(Statement.objects.filter(version_id=version_id))
    scales = list(TensionScale.objects.filter(version_id=version_id))
    items = list(ParticipationItem.objects.filter(version_id=version_id))
    parties = list(
        Party.objects.filter(alliance_id=round_.alliance_id).select_related("organisation").order_by("organisation__name", "pk")
    )
    responses = {
        response.party_id: response
        for response in Response.objects.filter(round=round_).select_related("value_answer")
    }
    statement_values: dict = defaultdict(dict)
    for party_id, statement_id, value in StatementAnswer.objects.filter(response__round=round_).values_list(
        "response__party_id", "statement_id", "value"
    ):
        statement_values[statement_id][party_id] = value
    positions: dict = defaultdict(dict)
    comments: dict = defaultdict(dict)
    for party_id, scale_id, position, comment in TensionAnswer.objects.filter(response__round=round_).values_list(
        "response__party_id", "scale_id", "position", "comment"
    ):
        positions[scale_id][party_id] = position
        if comment:
            comments[scale_id][party_id] = comment
    item_values: dict = defaultdict(dict)
    for party_id, item_id, value in ParticipationAnswer.objects.filter(
        value_answer__health_response__round=round_
    ).values_list("value_answer__party_id", "item_id", "value"):
        item_values[item_id][party_id] = value

    sector_of = {party.pk: party.organisation.sector for party in parties}
    answered_ids = [party.pk for party in parties if party.pk in responses]
    rows = []
    for party in parties:
        response = responses.get(party.pk)
        row = PartyRow(party=party, sector=sector_of[party.pk])
        if response is not None:
            row.answered = True
            row.updated_at = response.updated_at
            row.value_answer = response.value_answer.answer
            row.value_answer_label = response.value_answer.get_answer_display()
            row.value_comment = response.value_answer.comment
        rows.append(row)

    statement_results = []
    for statement in statements:
        values = statement_values.get(statement.pk, {})
        statement_results.append(StatementResult(statement, values, spread(values, sector_of, span=4)))
    found = RoundResults(
        round=round_,
        parties=rows,
        criteria=_group(statement_results, answered_ids, sector_of, lambda s: s.criterion, Criterion.choices),
        dimensions=_group(
            statement_results, answered_ids, sector_of, lambda s: s.dimension, CollaborationDimension.choices
        ),
        tensions=[
            TensionResult(
                scale,
                positions.get(scale.pk, {}),
                comments.get(scale.pk, {}),
                spread(positions.get(scale.pk, {}), sector_of, span=100),
            )
            for scale in scales
        ],
        benefits=[
            ItemResult(item, item_values.get(item.pk, {}), spread(item_values.get(item.pk, {}), sector_of, span=4))
            for item in items
            if item.kind == ItemKind.BENEFIT
        ],
        costs=[
            ItemResult(item, item_values.get(item.pk, {}), spread(item_values.get(item.pk, {}), sector_of, span=4))
            for item in items
            if item.kind == ItemKind.COST
        ],
        is_open=round_.is_open(),
    )
    _align(found, answered_ids)
    return found


def _align(found: "RoundResults", answered_ids: list[int]) -> None:
    """Each result's answers as a list in the order of the parties that answered."""
    for group in found.criteria + found.dimensions:
        group.per_party = [group.scores.get(pk) for pk in answered_ids]
        for statement in group.statements:
            statement.per_party = [(pk in statement.values, statement.values.get(pk)) for pk in answered_ids]
    for tension in found.tensions:
        tension.per_party = [(tension.positions.get(pk), tension.comments.get(pk, "")) for pk in answered_ids]
    for item in found.benefits + found.costs:
        item.per_party = [(pk in item.values, item.values.get(pk)) for pk in answered_ids]


# --- The trend across rounds ----------------------------------------------------------------


@dataclass
class TrendCell:
    value: float | None
    # The change since the previous round, when the two asked the same (else None).
    change: float | None = None
    # False: the statements (or the scale) changed since the previous round with a value.
    comparable: bool = True


@dataclass
class TrendRow:
    key: str
    label: str
    cells: list[TrendCell]
    scale: str  # "1-5" or "0-100"


@dataclass
class Trend:
    rounds: list[Round]
    criteria: list[TrendRow]
    dimensions: list[TrendRow]
    tensions: list[TrendRow]
    health: list[TrendCell] = field(default_factory=list)

    def groups(self, grouping: str) -> list[TrendRow]:
        return self.dimensions if grouping == Grouping.DIMENSION else self.criteria


def _trend_cells(points: list[tuple[float | None, frozenset]]) -> list[TrendCell]:
    """[(value, fingerprint of what was asked)] per round → cells comparing like with like."""
    cells = []
    previous: tuple[float, frozenset] | None = None
    for value, fingerprint in points:
        cell = TrendCell(value)
        if value is not None:
            if previous is not None:
                if previous[1] == fingerprint:
                    cell.change = value - previous[0]
                else:
                    cell.comparable = False
            previous = (value, fingerprint)
        cells.append(cell)
    return cells


def _answers_of_rounds(round_ids) -> tuple[dict, dict]:
    """({round: {statement: {party: value}}}, {round: {scale: {party: position}}}) for many
    rounds in two queries."""
    answers: dict = defaultdict(lambda: defaultdict(dict))
    for round_id, party_id, statement_id, value in StatementAnswer.objects.filter(
        response__round_id__in=round_ids
    ).values_list("response__round_id", "response__party_id", "statement_id", "value"):
        answers[round_id][statement_id][party_id] = value
    positions: dict = defaultdict(lambda: defaultdict(dict))
    for round_id, party_id, scale_id, position in TensionAnswer.objects.filter(
        response__round_id__in=round_ids
    ).values_list("response__round_id", "response__party_id", "scale_id", "position"):
        positions[round_id][scale_id][party_id] = position
    return answers, positions


def trend(alliance: Alliance, *, limit: int = 8) -> Trend:
    """The latest `limit` rounds, oldest first: each criterion's, dimension's and tension
    scale's result overall. A round is compared with the one before only where both asked
    the same statements (or placed on the same scale) in the same words. Five queries."""
    rounds = list(Round.objects.filter(alliance=alliance).order_by("-number")[:limit])[::-1]
    round_ids = [round_.pk for round_ in rounds]
    version_ids = {round_.version_id for round_ in rounds}
    statements = {row.pk: row for row in Statement.objects.filter(version_id__in=version_ids)}
    scales = {row.pk: row for row in TensionScale.objects.filter(version_id__in=version_ids)}
    answers, positions = _answers_of_rounds(round_ids)

    def group_rows(key_of, choices) -> list[TrendRow]:
        rows = []
        for key, label in choices:
            points = []
            for round_ in rounds:
                in_group = [s for s in statements.values() if s.version_id == round_.version_id and key_of(s) == key]
                parties = {party for s in in_group for party in answers[round_.pk].get(s.pk, {})}
                scores = [_mean(answers[round_.pk].get(s.pk, {}).get(party) for s in in_group) for party in parties]
                points.append((_mean(scores), frozenset(s.fingerprint for s in in_group)))
            if any(value is not None for value, _ in points):
                rows.append(TrendRow(key, str(label), _trend_cells(points), "1-5"))
        return rows

    criteria = group_rows(lambda s: s.criterion, Criterion.choices)
    tension_rows = []
    scale_keys = list(dict.fromkeys(scale.key for scale in sorted(scales.values(), key=lambda s: (s.order, s.pk))))
    for key in scale_keys:
        points = []
        label = ""
        for round_ in rounds:
            scale = next((s for s in scales.values() if s.version_id == round_.version_id and s.key == key), None)
            if scale is None:
                points.append((None, frozenset()))
                continue
            label = str(scale)
            points.append((_mean(positions[round_.pk].get(scale.pk, {}).values()), frozenset([scale.fingerprint])))
        if any(value is not None for value, _ in points):
            tension_rows.append(TrendRow(key, label, _trend_cells(points), "0-100"))
    # The health score (the criteria's mean) compares with the round before only when every
    # criterion does.
    health: list[TrendCell] = []
    previous = None
    for index in range(len(rounds)):
        cell = TrendCell(_mean(row.cells[index].value for row in criteria))
        if cell.value is not None:
            if previous is not None:
                if all(row.cells[index].comparable for row in criteria):
                    cell.change = cell.value - previous
                else:
                    cell.comparable = False
            previous = cell.value
        health.append(cell)
    return Trend(
        rounds=rounds,
        criteria=criteria,
        dimensions=group_rows(lambda s: s.dimension, CollaborationDimension.choices),
        tensions=tension_rows,
        health=health,
    )


# --- Rounds, for pages ------------------------------------------------------------------------


def rounds_of(alliance: Alliance) -> list[Round]:
    """The alliance's rounds, newest first, each with `answered` (parties): one query."""
    return list(
        Round.objects.filter(alliance=alliance).select_related("version").annotate(answered=Count("responses")).order_by("-number")
    )


def open_round(alliance: Alliance, *, now=None) -> Round | None:
    return Round.objects.filter(alliance=alliance, closes_at__gt=now or timezone.now()).select_related("version").first()


def round_of(alliance: Alliance, number: int) -> Round | None:
    return Round.objects.filter(alliance=alliance, number=number).select_related("version", "alliance").first()


def parties_asked(alliance: Alliance) -> int:
    """Parties that have someone to answer for them (a representative who is not an observer)."""
    return (
        Party.objects.filter(alliance=alliance)
        .filter(Exists(Membership.objects.filter(party=OuterRef("pk")).exclude(role=MemberRole.OBSERVER)))
        .count()
    )


@dataclass
class AnswerForm:
    """What the answer page needs: the round's questions and the party's saved answer."""

    round: Round
    statements: list[Statement]
    scales: list[TensionScale]
    items: list[ParticipationItem]
    response: Response | None
    statement_values: dict
    tension_values: dict
    item_values: dict


def answer_form(round_: Round, party: Party) -> AnswerForm:
    response = Response.objects.filter(round=round_, party=party).select_related("value_answer", "updated_by").first()
    statement_values: dict = {}
    tension_values: dict = {}
    item_values: dict = {}
    if response is not None:
        statement_values = dict(StatementAnswer.objects.filter(response=response).values_list("statement_id", "value"))
        tension_values = {
            scale_id: (position, comment)
            for scale_id, position, comment in TensionAnswer.objects.filter(response=response).values_list(
                "scale_id", "position", "comment"
            )
        }
        item_values = dict(
            ParticipationAnswer.objects.filter(value_answer=response.value_answer).values_list("item_id", "value")
        )
    return AnswerForm(
        round=round_,
        statements=list(Statement.objects.filter(version_id=round_.version_id)),
        scales=list(TensionScale.objects.filter(version_id=round_.version_id)),
        items=list(ParticipationItem.objects.filter(version_id=round_.version_id)),
        response=response,
        statement_values=statement_values,
        tension_values=tension_values,
        item_values=item_values,
    )


# --- The register of dilemmas -----------------------------------------------------------------


def dilemmas_of(alliance: Alliance) -> list[Dilemma]:
    return list(Dilemma.objects.filter(alliance=alliance).select_related("scale", "created_by"))


def latest_published_version() -> InstrumentVersion | None:
    """The version a round opened now asks."""
    return InstrumentVersion.objects.filter(published_at__isnull=False).order_by("-number").first()


def draft_version() -> InstrumentVersion | None:
    """The one version staff are editing, if any."""
    return InstrumentVersion.objects.filter(published_at__isnull=True).first()


def dilemma_of(alliance: Alliance, dilemma_id: int) -> Dilemma | None:
    """One of the alliance's dilemmas (None for another alliance's or an unknown id)."""
    return Dilemma.objects.filter(alliance=alliance, pk=dilemma_id).select_related("scale__version", "created_by").first()


def current_scales() -> list[TensionScale]:
    """The tension scales of the newest published version: what a new dilemma is placed on."""
    version = latest_published_version()
    return list(TensionScale.objects.filter(version=version)) if version else []


def dilemmas_due(alliance_ids, *, day: datetime.date) -> list[Dilemma]:
    return list(
        Dilemma.objects.filter(alliance_id__in=alliance_ids, review_on__isnull=False, review_on__lte=day)
        .select_related("alliance", "scale")
        .order_by("review_on", "pk")
    )


# --- The instrument -----------------------------------------------------------------------------


def versions() -> list[InstrumentVersion]:
    return list(
        InstrumentVersion.objects.select_related("published_by").annotate(
            rounds_count=Count("rounds"),
        ).order_by("-number")
    )


def version_items(version: InstrumentVersion) -> dict:
    return {
        "statements": list(Statement.objects.filter(version=version)),
        "scales": list(TensionScale.objects.filter(version=version)),
        "items": list(ParticipationItem.objects.filter(version=version)),
    }



# --- Summaries of many rounds: cards, the front page, figures -----------------------------------


@dataclass
class RoundSummary:
    round: Round
    answered: int
    health_score: float | None
    # [(label, divergence share)] of the criteria and scales where the parties diverge, widest first.
    divergent: list

    @property
    def is_open(self) -> bool:
        return self.round.is_open()

    @property
    def widest(self) -> str:
        return self.divergent[0][0] if self.divergent else ""


def sectors_of_parties(rounds) -> dict[int, str]:
    """{party id: its sector} for every party of the rounds' alliances: one query."""
    return {
        pk: SECTOR_BY_KIND[kind]
        for pk, kind in Party.objects.filter(alliance_id__in={r.alliance_id for r in rounds}).values_list(
            "pk", "organisation__kind"
        )
    }


def round_summaries(rounds: list[Round]) -> dict[int, RoundSummary]:
    """{round id: its health score and where the parties diverge}, for any number of rounds
    in five queries."""
    if not rounds:
        return {}
    round_ids = [round_.pk for round_ in rounds]
    version_ids = {round_.version_id for round_ in rounds}
    statements = list(Statement.objects.filter(version_id__in=version_ids).only("pk", "version_id", "criterion"))
    scales = list(TensionScale.objects.filter(version_id__in=version_ids))
    sector_of = sectors_of_parties(rounds)
    answers, positions = _answers_of_rounds(round_ids)
    summaries = {}
    for round_ in rounds:
        parties = {party for by_party in answers[round_.pk].values() for party in by_party}
        flagged = []
        criterion_results = []
        for key, label in Criterion.choices:
            in_group = [s for s in statements if s.version_id == round_.version_id and s.criterion == key]
            if not in_group:
                continue
            scores = {party: _mean(answers[round_.pk].get(s.pk, {}).get(party) for s in in_group) for party in parties}
            result = spread(scores, sector_of, span=4)
            criterion_results.append(result.overall)
            if result.divergent:
                flagged.append((str(label), result.divergence))
        for scale in scales:
            if scale.version_id != round_.version_id:
                continue
            result = spread(positions[round_.pk].get(scale.pk, {}), sector_of, span=100)
            if result.divergent:
                flagged.append((str(scale), result.divergence))
        summaries[round_.pk] = RoundSummary(
            round=round_,
            answered=len(parties),
            health_score=_mean(criterion_results),
            divergent=sorted(flagged, key=lambda pair: -pair[1]),
        )
    return summaries


def latest_rounds(alliance_ids, *, closed: bool = False) -> dict[int, Round]:
    """{alliance id: its newest round (with `closed`, its newest closed round)}: one query."""
    candidates = Round.objects.filter(alliance_id=OuterRef("alliance_id"))
    if closed:
        candidates = candidates.filter(closes_at__lte=timezone.now())
    newest = candidates.order_by("-number").values("pk")[:1]
    rounds = Round.objects.filter(alliance_id__in=alliance_ids, pk=Subquery(newest)).select_related("alliance")
    return {round_.alliance_id: round_ for round_ in rounds}


def card_summaries(alliances: list, user) -> dict:
    """The health check's line on the alliance cards of members and staff: the open round
    and how many parties have answered, or the latest round's score and divergence. Seven
    queries for a page of alliances."""
    readable = members_only_alliance_ids(user)
    mine = [alliance.pk for alliance in alliances if readable is None or alliance.pk in readable]
    if not mine:
        return {}
    latest = latest_rounds(mine)
    summaries = round_summaries(list(latest.values()))
    return {
        alliance_id: {"summary": summaries[round_.pk], "slug": round_.alliance.slug}
        for alliance_id, round_ in latest.items()
    }


def attention_items(user, *, day):
    """For a party's representatives: an open round their party has not answered. For
    coordinators: dilemmas due to be looked at again. Four queries."""
    if not user.is_authenticated:
        return []
    memberships = list(
        Membership.objects.filter(user=user).exclude(role=MemberRole.OBSERVER).select_related("alliance", "party")
    )
    if not memberships:
        return []
    items = []
    speaks_for = {m.alliance_id: m.party_id for m in memberships if m.party_id}
    open_rounds = list(Round.objects.filter(alliance_id__in=speaks_for, closes_at__gt=timezone.now()).select_related("alliance"))
    answered = set(
        Response.objects.filter(round__in=open_rounds, party_id__in=speaks_for.values()).values_list("round_id", "party_id")
    )
    for round_ in open_rounds:
        if (round_.pk, speaks_for[round_.alliance_id]) not in answered:
            items.append(
                AttentionItem(
                    subject=round_.alliance,
                    message=_("Runde %(number)s af sundhedstjekket er åben til og med %(day)s, og jeres part har ikke svaret.")
                    % {"number": round_.number, "day": round_.last_day.strftime("%d.%m.%Y")},
                    url=reverse("healthcheck:answer", kwargs={"slug": round_.alliance.slug, "number": round_.number}),
                )
            )
    coordinated = [m.alliance_id for m in memberships if m.role == MemberRole.COORDINATOR]
    for dilemma in dilemmas_due(coordinated, day=day) if coordinated else []:
        items.append(
            AttentionItem(
                subject=dilemma.alliance,
                message=_("Et dilemma om »%(scale)s« skulle ses på igen %(day)s.")
                % {"scale": dilemma.scale, "day": dilemma.review_on.strftime("%d.%m.%Y")},
                url=reverse("healthcheck:dilemmas", kwargs={"slug": dilemma.alliance.slug}) + f"#dilemma-{dilemma.pk}",
            )
        )
    return items


FRONT_LIST_LENGTH = 5


def front_section(request) -> dict | None:
    """"Sundhed i de alliancer, du leder" on a top leader's front page: the alliances with
    the largest divergences and those with the lowest scores, from their latest closed round
    (or the open one before any has closed). Eight queries; nothing for someone who is top
    leader nowhere."""
    alliance_ids = list(
        Membership.objects.filter(user=request.user, role=MemberRole.TOP_LEADER).values_list("alliance_id", flat=True)
    )
    if not alliance_ids:
        return None
    # A closed round says where an alliance stands; an open one only until the first closes.
    rounds = {**latest_rounds(alliance_ids), **latest_rounds(alliance_ids, closed=True)}
    summaries = list(round_summaries(list(rounds.values())).values())
    diverging = sorted(
        (s for s in summaries if s.divergent), key=lambda s: (-s.divergent[0][1], -len(s.divergent), s.round.alliance.title)
    )
    lowest = sorted(
        (s for s in summaries if s.health_score is not None), key=lambda s: (s.health_score, s.round.alliance.title)
    )
    return {
        "alliances": len(alliance_ids),
        "rounds": len(summaries),
        "diverging": diverging[:FRONT_LIST_LENGTH],
        "lowest": lowest[:FRONT_LIST_LENGTH],
    }


# --- Beside each party's own answer in the value balance ------------------------------------------


@dataclass
class ParticipationSummary:
    round: Round
    benefits: float | None
    costs: float | None
    lines: list  # [(item, value or None)]


def answer_details(alliance: Alliance, parties: list, reader) -> dict:
    """{party id: what taking part gives and costs it, from the latest round it answered}.
    Two queries. Only for readers of the parties' answers (the ledger asks only then)."""
    responses = (
        Response.objects.filter(round__alliance=alliance, party_id__in=[party.pk for party in parties])
        .select_related("round")
        .order_by("party_id", "-round__number")
    )
    latest: dict[int, Response] = {}
    for response in responses:
        latest.setdefault(response.party_id, response)
    if not latest:
        return {}
    lines: dict = defaultdict(list)
    for answer in (
        ParticipationAnswer.objects.filter(value_answer_id__in=[r.value_answer_id for r in latest.values()])
        .select_related("item")
        .order_by("item__order", "item__pk")
    ):
        lines[answer.value_answer_id].append((answer.item, answer.value))
    result = {}
    for party_id, response in latest.items():
        answered = lines.get(response.value_answer_id, [])
        result[party_id] = ParticipationSummary(
            round=response.round,
            benefits=_mean(value for item, value in answered if item.kind == ItemKind.BENEFIT),
            costs=_mean(value for item, value in answered if item.kind == ItemKind.COST),
            lines=answered,
        )
    return result
