"""The health check's endpoints under /api/v1/: an alliance's rounds with its latest round's
results, one round's results, and the trend across rounds.

The results name each party's answer: like the pages they are for the alliance's members and
staff (rules.py, healthcheck.view_results), even on a public alliance, and everyone else
gets the 404 of an alliance they do not see. Inside the alliance the parties' positions are
open: that is the point. A round is open until its deadline by the clock (`Round.is_open`),
whether or not any job has run. Every figure comes from `selectors.round_results` and
`selectors.trend`, so the API says what the page says, in a fixed number of queries however
many parties answered.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from brobygger.alliances.access import alliance_for_user, not_found
from brobygger.alliances.models import Sector, ValueAnswer
from brobygger.core.registry import ApiRoute

from . import selectors
from .rules import VIEW
from .selectors import PARTY_SPREAD_FLAG, SECTOR_GAP_FLAG, RoundResults, TensionResult
from .taxonomy import HIGHEST, LOWEST, CollaborationDimension, Criterion

TAG = "sundhedstjek"

# Where a result on the divergent list comes from.
DIVERGENT_CHOICES = [
    ("criterion", _("Et succeskriterium")),
    ("tension", _("Et spændingsfelt")),
]

POSITION_HELP = _("Fra 0 (den første pol) til 100 (den anden pol).")


class Figure(serializers.FloatField):
    """A computed result, rounded to two decimals; null where no party's answer counts."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return round(float(value), 2)


def _score(**kwargs) -> Figure:
    return Figure(min_value=LOWEST, max_value=HIGHEST, **kwargs)


# --- Results: a spread of the parties' scores ------------------------------------------------


class SectorResultSerializer(serializers.Serializer):
    sector = serializers.ChoiceField(Sector.choices)
    label = serializers.CharField(help_text=_("Sektorens navn på forespørgslens sprog."))
    mean = Figure(help_text=_("Middelværdien af sektorens parters scorer."))
    parties = serializers.IntegerField(help_text=_("Hvor mange af sektorens parter, der tæller."))


def _result_serializer(name: str, doc: str, *, highest: int, overall_help, spread_help):
    """The parties' scores on one point: overall, by sector, and how far apart they lie (a
    serializer per scale, so the schema states each one's bounds)."""
    lowest = 0 if highest == 100 else LOWEST
    fields = {
        "__doc__": doc,
        "__module__": __name__,
        "overall": Figure(min_value=lowest, max_value=highest, help_text=overall_help),
        "answered": serializers.IntegerField(help_text=_("Hvor mange parter, hvis svar tæller.")),
        "by_sector": SectorResultSerializer(
            many=True,
            help_text=_(
                "Resultatet for hver sektor med mindst én part, der tæller, i fast rækkefølge."
            ),
        ),
        "party_spread": Figure(min_value=0, max_value=highest - lowest, help_text=spread_help),
        "sector_gap": Figure(
            min_value=0,
            max_value=highest - lowest,
            help_text=_(
                "Det højeste sektorresultat minus det laveste; null, medmindre mindst to sektorer "
                "tæller og mindst én af dem har mere end én part."
            ),
        ),
        "divergent": serializers.BooleanField(
            help_text=_("Parterne ser forskelligt på det (reglen står i definitions).")
        ),
        "divergence": Figure(
            allow_null=False,
            min_value=0,
            max_value=1,
            help_text=_(
                "Den største af den halve spredning og afstanden mellem sektorerne, som andel af "
                "skalaen: det, der sorteres efter."
            ),
        ),
    }
    return type(name, (serializers.Serializer,), fields)


ScoreResultSerializer = _result_serializer(
    "ScoreResultSerializer",
    "A result on the scale 1–5 (a success criterion, a dimension, a benefit or a cost).",
    highest=HIGHEST,
    overall_help=_("Middelværdien af parternes scorer; null, hvis ingen part tæller."),
    spread_help=_("Den højeste parts score minus den laveste; null med færre end to parter."),
)
PositionResultSerializer = _result_serializer(
    "PositionResultSerializer",
    "A result on a tension scale, 0–100.",
    highest=100,
    overall_help=_("Middelværdien af parternes placeringer; null, hvis ingen part har svaret."),
    spread_help=_("Den højeste parts placering minus den laveste; null med færre end to parter."),
)


class CriterionResultSerializer(serializers.Serializer):
    criterion = serializers.ChoiceField(Criterion.choices, source="key")
    label = serializers.CharField(help_text=_("Succeskriteriets navn på forespørgslens sprog."))
    result = ScoreResultSerializer(source="spread")


class DimensionResultSerializer(serializers.Serializer):
    dimension = serializers.ChoiceField(CollaborationDimension.choices, source="key")
    label = serializers.CharField(help_text=_("Dimensionens navn på forespørgslens sprog."))
    result = ScoreResultSerializer(source="spread")


class TensionResultSerializer(serializers.Serializer):
    key = serializers.SlugField(
        source="scale.key", help_text=_("Spændingsfeltets nøgle; den samme på tværs af versioner.")
    )
    left = serializers.CharField(
        source="scale.left", help_text=_("Den første pol (0) på forespørgslens sprog.")
    )
    right = serializers.CharField(
        source="scale.right", help_text=_("Den anden pol (100) på forespørgslens sprog.")
    )
    explanation = serializers.CharField(source="scale.explanation")
    result = PositionResultSerializer(source="spread")


class ItemResultSerializer(serializers.Serializer):
    """What taking part gives or costs the parties, 1–5 ("ved ikke" left out)."""

    key = serializers.SlugField(source="item.key")
    text = serializers.CharField(
        source="item.text", help_text=_("Udsagnet på forespørgslens sprog.")
    )
    result = ScoreResultSerializer(source="spread")


class DivergentSerializer(serializers.Serializer):
    """A point where the parties see the alliance differently."""

    about = serializers.ChoiceField(DIVERGENT_CHOICES)
    key = serializers.CharField(
        help_text=_(
            "Succeskriteriets nøgle (som i criteria) eller spændingsfeltets (som i tensions)."
        )
    )
    label = serializers.CharField()
    divergence = Figure(allow_null=False, min_value=0, max_value=1)


# --- Results: each party's answer --------------------------------------------------------------


class TensionAnswerSerializer(serializers.Serializer):
    position = serializers.IntegerField(min_value=0, max_value=100, help_text=POSITION_HELP)
    comment = serializers.CharField(help_text=_("Partens kommentar; kan være tom."))


class ValueAnswerSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(ValueAnswer.Answer.choices)
    label = serializers.CharField(help_text=_("Svaret på forespørgslens sprog."))
    comment = serializers.CharField(help_text=_("Partens sætning til svaret."))


class PartyAnswerSerializer(serializers.Serializer):
    """A party's answer in the round, as the results page shows it."""

    updated_at = serializers.DateTimeField(help_text=_("Hvornår svaret sidst blev ændret."))
    value_answer = ValueAnswerSerializer(
        help_text=_(
            "»Får I nok ud af alliancen?«: partens eget svar, som værdiregnskabet også viser."
        )
    )
    criteria = serializers.DictField(
        child=_score(),
        help_text=_(
            "Partens score på hvert succeskriterium efter dets nøgle: middelværdien af dens svar på "
            "kriteriets udsagn, »ved ikke« udeladt (null, hvis den kun svarede »ved ikke«)."
        ),
    )
    dimensions = serializers.DictField(
        child=_score(),
        help_text=_("Partens score på hver af samarbejdets dimensioner efter dens nøgle."),
    )
    tensions = serializers.DictField(
        child=TensionAnswerSerializer(),
        help_text=_("Partens placering og kommentar på hvert spændingsfelt efter dets nøgle."),
    )
    benefits = serializers.DictField(
        child=serializers.IntegerField(min_value=LOWEST, max_value=HIGHEST, allow_null=True),
        help_text=_("Hvad deltagelsen giver parten, 1–5 efter udsagnets nøgle; null: »ved ikke«."),
    )
    costs = serializers.DictField(
        child=serializers.IntegerField(min_value=LOWEST, max_value=HIGHEST, allow_null=True),
        help_text=_("Hvad deltagelsen koster parten, 1–5 efter udsagnets nøgle; null: »ved ikke«."),
    )


class PartyRowSerializer(serializers.Serializer):
    party_id = serializers.IntegerField()
    organisation = serializers.CharField()
    organisation_id = serializers.IntegerField()
    sector = serializers.ChoiceField(Sector.choices)
    answered = serializers.BooleanField(help_text=_("Parten har svaret i runden."))
    answer = PartyAnswerSerializer(
        allow_null=True, help_text=_("Partens svar; null, hvis den ikke har svaret.")
    )


# --- Rounds ------------------------------------------------------------------------------------


class RoundSerializer(serializers.Serializer):
    """A round of the health check."""

    number = serializers.IntegerField(help_text=_("Rundens nummer i alliancen, fra 1."))
    opened_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField(
        help_text=_("Fristen: slutningen af den sidste dag, dansk tid.")
    )
    last_day = serializers.DateField(help_text=_("Den sidste dag, der tages svar imod."))
    is_open = serializers.BooleanField(
        help_text=_("Runden tager svar imod nu; efter fristen er den lukket.")
    )
    version = serializers.IntegerField(
        help_text=_("Nummeret på den version af sundhedstjekket, runden spørger med.")
    )
    answered = serializers.IntegerField(help_text=_("Hvor mange parter, der har svaret."))
    parties = serializers.IntegerField(help_text=_("Hvor mange parter alliancen har."))


class DefinitionsSerializer(serializers.Serializer):
    divergence = serializers.CharField(
        help_text=_(
            "Reglen for, hvornår parterne ser forskelligt på et punkt, på forespørgslens sprog."
        )
    )
    party_spread_flag = serializers.FloatField(
        help_text=_("Spredningen mellem parterne, som andel af skalaen, hvorfra det markeres.")
    )
    sector_gap_flag = serializers.FloatField(
        help_text=_("Afstanden mellem sektorerne, som andel af skalaen, hvorfra det markeres.")
    )


class RoundResultsSerializer(serializers.Serializer):
    """One round's results: per success criterion, per dimension of collaboration and per
    tension scale the result overall and by sector with its divergence, what taking part
    gives and costs, and each party's own answer."""

    round = RoundSerializer()
    health_score = _score(help_text=_("Middelværdien af succeskriteriernes resultater."))
    criteria = CriterionResultSerializer(many=True)
    dimensions = DimensionResultSerializer(many=True)
    tensions = TensionResultSerializer(many=True)
    benefits = ItemResultSerializer(many=True)
    costs = ItemResultSerializer(many=True)
    divergent = DivergentSerializer(
        many=True,
        help_text=_("Hvor parterne ser forskelligt på alliancen, det største først."),
    )
    parties = PartyRowSerializer(
        many=True, help_text=_("Alle alliancens parter efter navn, hver med sit svar.")
    )
    definitions = DefinitionsSerializer()


class HealthSerializer(serializers.Serializer):
    alliance = serializers.SlugField(help_text=_("Alliancens adresse (slug)."))
    rounds = RoundSerializer(many=True, help_text=_("Alliancens runder, den nyeste først."))
    latest = RoundResultsSerializer(
        allow_null=True, help_text=_("Den nyeste rundes resultater; null før den første runde.")
    )


# --- From the selectors' results to the answer ---------------------------------------------------


def _round(round_, *, answered: int, parties: int) -> dict:
    return {
        "number": round_.number,
        "opened_at": round_.opened_at,
        "closes_at": round_.closes_at,
        "last_day": round_.last_day,
        "is_open": round_.is_open(),
        "version": round_.version.number,
        "answered": answered,
        "parties": parties,
    }


def _divergent(row) -> dict:
    if isinstance(row, TensionResult):
        return {
            "about": "tension",
            "key": row.scale.key,
            "label": str(row.scale),
            "divergence": row.spread.divergence,
        }
    # A success criterion (selectors.RoundResults.divergent lists criteria and tension scales).
    return {
        "about": "criterion",
        "key": row.key,
        "label": row.label,
        "divergence": row.spread.divergence,
    }


def _party(row, found: RoundResults) -> dict:
    party = row.party
    answer = None
    if row.answered:
        pk = party.pk
        answer = {
            "updated_at": row.updated_at,
            "value_answer": {
                "answer": row.value_answer,
                "label": row.value_answer_label,
                "comment": row.value_comment,
            },
            "criteria": {group.key: group.scores.get(pk) for group in found.criteria},
            "dimensions": {group.key: group.scores.get(pk) for group in found.dimensions},
            "tensions": {
                tension.scale.key: {
                    "position": tension.positions[pk],
                    "comment": tension.comments.get(pk, ""),
                }
                for tension in found.tensions
                if pk in tension.positions
            },
            "benefits": {
                item.item.key: item.values.get(pk) for item in found.benefits if pk in item.values
            },
            "costs": {
                item.item.key: item.values.get(pk) for item in found.costs if pk in item.values
            },
        }
    return {
        "party_id": party.pk,
        "organisation": party.organisation.name,
        "organisation_id": party.organisation_id,
        "sector": row.sector,
        "answered": row.answered,
        "answer": answer,
    }


def definitions() -> dict:
    party, sector = round(PARTY_SPREAD_FLAG * 100), round(SECTOR_GAP_FLAG * 100)
    # The results page's own words (healthcheck/results.html), so both say the same.
    text = gettext(
        "Spredningen er forskellen mellem den højeste og den laveste parts score. Afstanden mellem sektorerne er forskellen mellem det højeste og det laveste sektorresultat; den regnes kun, når mindst én sektor har mere end én part (ellers er den det samme som spredningen). Parterne ser forskelligt på et punkt, når spredningen er mindst %(party)s %% af skalaen (2 point på skalaen 1–5 eller 50 på 0–100), eller når to sektorer ligger mindst %(sector)s %% af skalaen fra hinanden (1 point på 1–5 eller 25 på 0–100)."
    ) % {"party": party, "sector": sector}
    return {
        "divergence": text,
        "party_spread_flag": PARTY_SPREAD_FLAG,
        "sector_gap_flag": SECTOR_GAP_FLAG,
    }


def results_data(round_) -> dict:
    """One round's results as the API gives them: from `selectors.round_results`, with no
    query of its own."""
    found = selectors.round_results(round_)
    return {
        "round": _round(round_, answered=len(found.answered), parties=len(found.parties)),
        "health_score": found.health_score,
        "criteria": found.criteria,
        "dimensions": found.dimensions,
        "tensions": found.tensions,
        "benefits": found.benefits,
        "costs": found.costs,
        "divergent": [_divergent(row) for row in found.divergent],
        "parties": [_party(row, found) for row in found.parties],
        "definitions": definitions(),
    }


# --- Views ---------------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
class HealthDetail(APIView):
    @extend_schema(responses=HealthSerializer)
    def get(self, request, slug: str) -> Response:
        """The alliance's health check: its rounds, newest first (each open until the end of
        its last day, by the clock), and the newest round's results as
        `…/health/rounds/{number}/` gives them; `latest` is null before the first round. For
        the alliance's members and staff; 404 for everyone else."""
        alliance = alliance_for_user(request.user, slug, see=VIEW)
        rounds = selectors.rounds_of(alliance)
        latest = None
        parties = 0
        if rounds:
            latest = results_data(rounds[0])
            parties = latest["round"]["parties"]
        data = {
            "alliance": alliance.slug,
            "rounds": [
                _round(round_, answered=round_.answered, parties=parties) for round_ in rounds
            ],
            "latest": latest,
        }
        return Response(HealthSerializer(data).data)


@extend_schema(tags=[TAG])
class RoundDetail(APIView):
    @extend_schema(responses=RoundResultsSerializer)
    def get(self, request, slug: str, number: int) -> Response:
        """One round's results, as its page shows them: per success criterion and per
        dimension of collaboration (1–5) and per tension scale (0–100) the result of all
        parties and by sector, the spread between the parties, the distance between the
        sectors and whether the parties see it differently (`definitions` states the rule);
        what taking part gives and costs; and each party's own answer: its score per
        criterion and dimension, its positions and comments, benefits and costs, and "Får I
        nok ud af alliancen?". Each party counts once, whatever its number of
        representatives. An open round's results are as they stand. For the alliance's
        members and staff; 404 for everyone else, and for a round that does not exist."""
        alliance = alliance_for_user(request.user, slug, see=VIEW)
        round_ = selectors.round_of(alliance, number)
        if round_ is None:
            raise not_found()
        return Response(RoundResultsSerializer(results_data(round_)).data)


class TrendCellSerializer(serializers.Serializer):
    round = serializers.IntegerField(help_text=_("Rundens nummer i alliancen, fra 1."))
    value = Figure(help_text=_("Resultatet i runden; null, hvis ingen part svarede på det."))
    change = Figure(
        help_text=_(
            "Ændringen siden den forrige runde med et resultat; null, hvis der ikke er en, eller hvis "
            "spørgsmålene er ændret."
        )
    )
    comparable = serializers.BooleanField(
        help_text=_(
            "False: spørgsmålene (eller spændingsfeltets poler) er ændret siden den forrige runde med "
            "et resultat, så der regnes ingen ændring."
        )
    )


class CriterionTrendSerializer(serializers.Serializer):
    criterion = serializers.ChoiceField(Criterion.choices, source="key")
    label = serializers.CharField()
    cells = TrendCellSerializer(many=True, help_text=_("1–5, én pr. runde i rounds."))


class DimensionTrendSerializer(serializers.Serializer):
    dimension = serializers.ChoiceField(CollaborationDimension.choices, source="key")
    label = serializers.CharField()
    cells = TrendCellSerializer(many=True, help_text=_("1–5, én pr. runde i rounds."))


class TensionTrendSerializer(serializers.Serializer):
    key = serializers.SlugField()
    label = serializers.CharField(help_text=_("Spændingsfeltets poler på forespørgslens sprog."))
    cells = TrendCellSerializer(many=True, help_text=_("0–100, én pr. runde i rounds."))


class TrendSerializer(serializers.Serializer):
    alliance = serializers.SlugField(help_text=_("Alliancens adresse (slug)."))
    rounds = serializers.ListField(
        child=serializers.IntegerField(),
        help_text=_("Numrene på de (højst otte) seneste runder, den ældste først."),
    )
    health = TrendCellSerializer(
        many=True,
        help_text=_("Sundhedsscoren (middelværdien af succeskriteriernes resultater) pr. runde."),
    )
    criteria = CriterionTrendSerializer(many=True)
    dimensions = DimensionTrendSerializer(many=True)
    tensions = TensionTrendSerializer(many=True)


def _cells(cells, numbers: list[int]) -> list[dict]:
    return [
        {"round": number, "value": cell.value, "change": cell.change, "comparable": cell.comparable}
        for number, cell in zip(numbers, cells, strict=True)
    ]


def _trend_rows(rows, numbers: list[int]) -> list[dict]:
    return [
        {"key": row.key, "label": row.label, "cells": _cells(row.cells, numbers)} for row in rows
    ]


@extend_schema(tags=[TAG])
class TrendDetail(APIView):
    @extend_schema(responses=TrendSerializer)
    def get(self, request, slug: str) -> Response:
        """The trend across the alliance's latest eight rounds, oldest first: each success
        criterion's, dimension's and tension scale's result of all parties, and the health
        score. A round is compared with the one before only where both asked the same
        statements (or the same scale) in the same words; otherwise `comparable` is false and
        no change is given. For the alliance's members and staff; 404 for everyone else."""
        alliance = alliance_for_user(request.user, slug, see=VIEW)
        found = selectors.trend(alliance)
        numbers = [round_.number for round_ in found.rounds]
        data = {
            "alliance": alliance.slug,
            "rounds": numbers,
            "health": _cells(found.health, numbers),
            "criteria": _trend_rows(found.criteria, numbers),
            "dimensions": _trend_rows(found.dimensions, numbers),
            "tensions": _trend_rows(found.tensions, numbers),
        }
        return Response(TrendSerializer(data).data)


ROUTES = [
    ApiRoute(
        key="health",
        order=40,
        route="alliances/<slug:slug>/health/",
        view=HealthDetail.as_view(),
        name="health",
    ),
    ApiRoute(
        key="health_round",
        order=41,
        route="alliances/<slug:slug>/health/rounds/<id:number>/",
        view=RoundDetail.as_view(),
        name="health_round",
    ),
    ApiRoute(
        key="health_trend",
        order=42,
        route="alliances/<slug:slug>/health/trend/",
        view=TrendDetail.as_view(),
        name="health_trend",
    ),
]
