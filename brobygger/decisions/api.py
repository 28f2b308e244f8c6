"""Decisions' endpoints under /api/v1/: one decision with its fair-process figures, and the
decisions of an alliance or of a change process, a page at a time, each with its figures.

Like the pages, decisions are for those who read them there (rules.py): an alliance's members
and staff, a change process's verified employees and staff; a draft only for those who run
decisions. Reading asks nobody to log in, so everyone else, anonymous included, gets the same
404 as for a decision or an alliance that does not exist. Every figure comes from
`selectors.fair_process_for`, so the API says what the page says, in a fixed number of queries
however many decisions, responses and expectations there are: one call per page of decisions.

No citizen's personal data is given: a response is counted, never named (not its author, its
name or its email address), and "did you feel heard?" only as a mean behind at least
`BROBYGGER_PRIVACY_THRESHOLD` answers.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from brobygger.alliances.access import alliance_for_user
from brobygger.alliances.models import Alliance, Phase
from brobygger.api.kept import kept_page
from brobygger.core.registry import ApiRoute

from . import selectors
from .access import decision_for_user, process_for_user
from .models import Decision
from .rules import MANAGE_DECISIONS, VIEW_DECISIONS
from .selectors import FairProcess, FeltHeard
from .taxonomy import FELT_HEARD_HIGHEST, FELT_HEARD_LOWEST, HearingLevel, Status

TAG = "beslutninger"


class Share(serializers.FloatField):
    """A share from 0 to 1, rounded to two decimals; null where there is nothing to share."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        super().__init__(min_value=0, max_value=1, **kwargs)

    def to_representation(self, value):
        return round(float(value), 2)


# --- The fair-process figures -----------------------------------------------------------------


class EngagementSerializer(serializers.Serializer):
    invited = serializers.IntegerField(
        help_text=_("Hvor mange parter eller personer høringen har inviteret.")
    )
    answered = serializers.IntegerField(help_text=_("Hvor mange af de inviterede, der har svaret."))
    share = Share(help_text=_("Andelen af de inviterede, der har svaret; null uden inviterede."))
    public_responses = serializers.IntegerField(
        help_text=_("Svar afgivet på den offentlige høringsside (uden invitation).")
    )


class ExplanationSerializer(serializers.Serializer):
    responses = serializers.IntegerField(help_text=_("Hvor mange høringssvar, der er kommet."))
    answered = serializers.IntegerField(
        help_text=_("Hvor mange af dem beslutningstagerne har svaret: hvordan svaret er brugt, eller hvorfor ikke.")
    )
    share = Share(help_text=_("Andelen af høringssvarene, der er besvaret; null uden høringssvar."))


class ClaritySerializer(serializers.Serializer):
    expectations = serializers.IntegerField(help_text=_("Hvor mange forventninger (handlinger), der er skrevet."))
    clear = serializers.IntegerField(help_text=_("Hvor mange af dem, der har både en ansvarlig og en dato."))
    share = Share(help_text=_("Andelen af forventningerne med ansvarlig og dato; null uden forventninger."))


class SpeedSerializer(serializers.Serializer):
    days_to_decision = serializers.IntegerField(
        allow_null=True, help_text=_("Dage fra spørgsmålet blev oprettet, til det blev besluttet; null før beslutningen.")
    )
    days_to_first_action = serializers.IntegerField(
        allow_null=True,
        help_text=_(
            "Dage fra beslutningen til den første handling: den første udførte, ellers den første planlagte; "
            "null uden beslutning eller uden datoer."
        ),
    )
    first_action_done = serializers.BooleanField(
        help_text=_("Den første handling er udført (ellers er days_to_first_action den planlagte).")
    )


class FeltHeardSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text=_("Hvor mange i gruppen, der har svaret på, om de følte sig hørt."))
    mean = serializers.FloatField(
        allow_null=True,
        min_value=FELT_HEARD_LOWEST,
        max_value=FELT_HEARD_HIGHEST,
        help_text=_(
            "Gennemsnittet på skalaen 1–5, med to decimaler; null med færre svar end grænsen for "
            "visning (threshold), så ingen enkeltes svar kan læses ud."
        ),
    )

    def to_representation(self, instance: FeltHeard):
        return {"count": instance.count, "mean": round(instance.mean, 2) if instance.shown else None}


class FeltHeardSplitSerializer(serializers.Serializer):
    agreeing = FeltHeardSerializer(help_text=_("De, der var enige eller delvis enige."))
    disagreeing = FeltHeardSerializer(
        help_text=_("De, der var uenige: fair proces er, at også de føler sig hørt.")
    )
    threshold = serializers.IntegerField(help_text=_("Færre svar end dette i en gruppe: gennemsnittet vises ikke."))


class FairProcessSerializer(serializers.Serializer):
    """The fair-process figures of a decision, as its page shows them."""

    engagement = EngagementSerializer(help_text=_("Inddragelse: er de berørte spurgt, og har de svaret?"))
    explanation = ExplanationSerializer(help_text=_("Forklaring: har hvert høringssvar fået et svar?"))
    expectation_clarity = ClaritySerializer(
        help_text=_("Klare forventninger: ved alle, hvem der gør hvad og hvornår?")
    )
    speed = SpeedSerializer()
    felt_heard = FeltHeardSplitSerializer(
        help_text=_("»Følte du dig hørt?« (1–5), spurgt efter beslutningen er meddelt, delt efter holdning.")
    )
    weak = serializers.ListField(
        child=serializers.CharField(),
        help_text=_(
            "Hvad der er svagt i processen, mens det kan nås at rette, på forespørgslens sprog; tom, hvis intet er."
        ),
    )


def fair_process_data(score: FairProcess) -> dict:
    return {
        "engagement": {
            "invited": score.invited,
            "answered": score.invited_answered,
            "share": score.engagement,
            "public_responses": score.public_responses,
        },
        "explanation": {"responses": score.responses, "answered": score.answered, "share": score.explanation},
        "expectation_clarity": {
            "expectations": score.expectations,
            "clear": score.clear_expectations,
            "share": score.expectation_clarity,
        },
        "speed": {
            "days_to_decision": score.days_to_decision,
            "days_to_first_action": score.days_to_first_action,
            "first_action_done": score.first_action_done,
        },
        "felt_heard": {
            "agreeing": score.agreeing,
            "disagreeing": score.disagreeing,
            "threshold": settings.BROBYGGER_PRIVACY_THRESHOLD,
        },
        "weak": list(score.weak),
    }


# --- A decision ---------------------------------------------------------------------------------


class ChangeProcessRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    organisation_id = serializers.IntegerField()
    organisation = serializers.CharField(help_text=_("Organisationens navn."))


class HearingSerializer(serializers.Serializer):
    """The hearing: what influence it offers and why, said up front, and its deadline."""

    level = serializers.ChoiceField(HearingLevel.choices, help_text=_("Den indflydelse, høringen tilbyder."))
    level_label = serializers.CharField(help_text=_("Niveauets navn på forespørgslens sprog."))
    level_reason = serializers.CharField(help_text=_("Hvorfor netop dette niveau."))
    is_public = serializers.BooleanField(
        help_text=_("Alle kan svare på høringens offentlige side, uden at logge ind.")
    )
    opened_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField(help_text=_("Fristen: slutningen af den sidste dag, dansk tid."))
    last_day = serializers.DateField(help_text=_("Den sidste dag, der tages svar imod."))
    is_open = serializers.BooleanField(
        help_text=_("Høringen tager svar imod nu: efter fristen, eller når den er lukket, gør den ikke.")
    )
    invited = serializers.IntegerField(help_text=_("Hvor mange parter eller personer, der er inviteret."))
    responses = serializers.IntegerField(help_text=_("Hvor mange høringssvar, der er kommet."))


class AffectedPartySerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("Partens id i alliancen."))
    name = serializers.CharField(help_text=_("Partens organisation."))


class AffectedSerializer(serializers.Serializer):
    parties = AffectedPartySerializer(many=True, help_text=_("Alliancens berørte parter."))
    groups = serializers.ListField(
        child=serializers.CharField(),
        help_text=_("Berørte grupper fra inddragelsesplanen (i en forandringsproces: grupper i organisationen)."),
    )
    public = serializers.BooleanField(help_text=_("Beslutningen berører offentligheden."))


class ExpectationSerializer(serializers.Serializer):
    action = serializers.CharField(help_text=_("Hvad der skal ske."))
    owner = serializers.CharField(help_text=_("Hvem der er ansvarlig; kan være tom."))
    due_on = serializers.DateField(allow_null=True, help_text=_("Hvornår det senest skal ske."))
    done_on = serializers.DateField(allow_null=True, help_text=_("Hvornår det blev gjort; null, hvis ikke endnu."))


class VersionSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text=_("Versionens nummer, fra 1 (som meddelt første gang)."))
    note = serializers.CharField(help_text=_("Hvad der er rettet og hvorfor; tom for den første version."))
    created_at = serializers.DateTimeField()


def _summary_fields() -> dict:
    return {
        "id": serializers.IntegerField(),
        "alliance": serializers.SlugField(
            allow_null=True, help_text=_("Alliancens adresse (slug); null for en forandringsproces' beslutning.")
        ),
        "change_process": ChangeProcessRefSerializer(
            allow_null=True, help_text=_("Forandringsprocessen, beslutningen hører til; null for en alliances.")
        ),
        "question": serializers.CharField(),
        "phase": serializers.ChoiceField(Phase.choices, help_text=_("Fasen, beslutningen hører til.")),
        "status": serializers.ChoiceField(Status.choices, help_text=_("kladde → hoering → besluttet → meddelt.")),
        "status_label": serializers.CharField(help_text=_("Status på forespørgslens sprog.")),
        "hearing": HearingSerializer(allow_null=True, help_text=_("Høringen; null, før den er åbnet.")),
        "review_on": serializers.DateField(allow_null=True, help_text=_("Hvornår beslutningen tages op igen.")),
        "decided_at": serializers.DateTimeField(allow_null=True),
        "communicated_at": serializers.DateTimeField(allow_null=True),
        "fair_process": FairProcessSerializer(),
    }


DecisionSummarySerializer = type(
    "DecisionSummarySerializer",
    (serializers.Serializer,),
    {"__doc__": "A decision in a list, with its fair-process figures.", "__module__": __name__, **_summary_fields()},
)

DecisionSerializer = type(
    "DecisionSerializer",
    (serializers.Serializer,),
    {
        "__doc__": "A decision: its question, who it affects, its hearing, the outcome and why, what "
        "happens next, the versions communicated and its fair-process figures.",
        "__module__": __name__,
        **_summary_fields(),
        "background": serializers.CharField(),
        "affected": AffectedSerializer(),
        "outcome": serializers.CharField(help_text=_("Hvad der er besluttet; tom før beslutningen.")),
        "reasons": serializers.CharField(help_text=_("Hvorfor; tom før beslutningen.")),
        "expectations": ExpectationSerializer(many=True, help_text=_("Hvad der sker nu: hvem gør hvad hvornår.")),
        "versions": VersionSerializer(
            many=True, help_text=_("Hver version, som er meddelt, den nyeste først; de tidligere bevares.")
        ),
    },
)


def _hearing(decision: Decision, score: FairProcess) -> dict | None:
    # No hearing yet: the reverse one-to-one raises, which getattr turns into None.
    hearing = getattr(decision, "hearing", None)
    if hearing is None:
        return None
    return {
        "level": hearing.level,
        "level_label": HearingLevel(hearing.level).label,
        "level_reason": hearing.level_reason,
        "is_public": hearing.is_public,
        "opened_at": hearing.opened_at,
        "closes_at": hearing.closes_at,
        "last_day": hearing.last_day,
        # Open by the clock and while the decision is still in hearing (closing it early
        # moves the deadline; deciding ends it whatever the deadline says).
        "is_open": decision.status == Status.HEARING and hearing.is_open(),
        "invited": score.invited,
        "responses": score.responses,
    }


def _summary(decision: Decision, score: FairProcess) -> dict:
    process = decision.change_process if decision.change_process_id else None
    return {
        "id": decision.pk,
        "alliance": decision.alliance.slug if decision.alliance_id else None,
        "change_process": {
            "id": process.pk,
            "title": process.title,
            "organisation_id": process.organisation_id,
            "organisation": process.organisation.name,
        }
        if process
        else None,
        "question": decision.question,
        "phase": decision.phase,
        "status": decision.status,
        "status_label": Status(decision.status).label,
        "hearing": _hearing(decision, score),
        "review_on": decision.review_on,
        "decided_at": decision.decided_at,
        "communicated_at": decision.communicated_at,
        "fair_process": fair_process_data(score),
    }


def decision_data(decision: Decision) -> dict:
    """The whole decision, in a fixed number of queries."""
    score = selectors.fair_process_for([decision])[decision.pk]
    parties = decision.affected_parties.select_related("organisation").order_by("organisation__name", "pk")
    return {
        **_summary(decision, score),
        "background": decision.background,
        "affected": {
            "parties": [{"id": party.pk, "name": party.organisation.name} for party in parties],
            "groups": [group.name for group in decision.affected_groups.all()],
            "public": decision.affects_public,
        },
        "outcome": decision.outcome,
        "reasons": decision.reasons,
        "expectations": [
            {"action": e.action, "owner": e.owner, "due_on": e.due_on, "done_on": e.done_on}
            for e in decision.expectations.all()
        ],
        "versions": [
            {"number": v.number, "note": v.note, "created_at": v.created_at}
            for v in decision.versions.order_by("-number")
        ],
    }


@extend_schema(tags=[TAG])
class DecisionDetail(APIView):
    @extend_schema(responses=DecisionSerializer)
    def get(self, request, pk: int) -> Response:
        """One decision with its fair-process figures: engagement (the invited and the share
        who answered), explanation (the share of responses answered), expectation clarity
        (the share of actions with an owner and a date), speed, and "did you feel heard?"
        split by those who agreed and those who disagreed, each mean only behind enough
        answers. No respondent is named. For the alliance's members, the change process's
        verified employees and staff; a draft only for those who run decisions; 404 for
        everyone else."""
        decision = decision_for_user(request.user, pk)
        return Response(DecisionSerializer(decision_data(decision)).data)


# --- Lists --------------------------------------------------------------------------------------


class DecisionQuery(serializers.Serializer):
    status = serializers.ChoiceField(Status.choices, required=False, help_text=_("Kun beslutningerne med denne status."))


class _DecisionList(generics.ListAPIView):
    """The owner's decisions the caller reads, newest first; the figures of a page are computed
    for the page at once."""

    serializer_class = DecisionSummarySerializer

    def owner(self):
        raise NotImplementedError

    def owner_once(self):
        # Looked up once a request: the list and its query both need it.
        if not hasattr(self, "_owner"):
            self._owner = self.owner()
        return self._owner

    @extend_schema(parameters=[DecisionQuery])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        owner = self.owner_once()
        query = DecisionQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        self.status = query.validated_data.get("status", "")
        decisions = selectors.decisions_of(owner, self.request.user, status=self.status)
        return decisions.select_related("alliance", "change_process__organisation")

    def list(self, request, *args, **kwargs):
        decisions = self.get_queryset()
        owner = self.owner_once()

        def rows(shown: list) -> list:
            scores = selectors.fair_process_for(shown)
            return [_summary(decision, scores[decision.pk]) for decision in shown]

        if not isinstance(owner, Alliance):
            return kept_page(self, decisions, alliance=None, name="", rows=rows)
        # Those who run decisions also see drafts, so they never share a page.
        runs = request.user.has_perm(MANAGE_DECISIONS, owner)
        name = f"api_decisions:{'deciders' if runs else 'readers'}:{self.status or '-'}"
        return kept_page(self, decisions, alliance=owner, name=name, rows=rows)


@extend_schema(tags=[TAG])
class AllianceDecisionList(_DecisionList):
    """The alliance's decisions the caller reads, the newest first, each with its fair-process
    figures (as one decision's, without its texts, affected, expectations and versions). A
    draft is listed only for those who run decisions. For the alliance's members and staff;
    404 for everyone else."""

    def owner(self):
        return alliance_for_user(self.request.user, self.kwargs["slug"], see=VIEW_DECISIONS)


@extend_schema(tags=[TAG])
class ProcessDecisionList(_DecisionList):
    """A change process's decisions, as the alliance's: for the users verified for its
    organisation and staff; 404 for everyone else."""

    def owner(self):
        return process_for_user(self.request.user, self.kwargs["pk"])


ROUTES = [
    ApiRoute(key="decision", order=50, route="decisions/<id:pk>/", view=DecisionDetail.as_view(), name="decision"),
    ApiRoute(
        key="alliance_decisions",
        order=51,
        route="alliances/<slug:slug>/decisions/",
        view=AllianceDecisionList.as_view(),
        name="alliance_decisions",
    ),
    ApiRoute(
        key="process_decisions",
        order=52,
        route="change-processes/<id:pk>/decisions/",
        view=ProcessDecisionList.as_view(),
        name="process_decisions",
    ),
]
