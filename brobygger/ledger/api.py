"""The value ledger's endpoints under /api/v1/: the value balance, the contributions, value
goals and results, and the alliance's hour kinds.

Reading shows exactly the entries the caller reads on the pages (rules.read_scope: public
entries for everyone who sees the alliance, the members' entries for its members and staff,
confidential entries for their party's representatives, the coordinators and staff); an
entry the caller may not read answers 404. Writing goes through the same fetchers
(access.py: 404 for what the caller may not see, 403 with the rule's reason for what they
may not change) and the same services as the pages, so the validation, the permission and
the single audit record are theirs. An entry's address also takes PATCH (a partial change:
only the fields given change) and DELETE, as its edit and delete pages; no PUT."""

from collections.abc import Callable, Mapping
from typing import ClassVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.fields import empty
from rest_framework.response import Response
from rest_framework.views import APIView

from brobygger.alliances.access import alliance_for_user, party_for_user
from brobygger.alliances.models import ValueAnswer
from brobygger.api.bodies import checked_body
from brobygger.api.fields import IdField
from brobygger.api.kept import kept_page
from brobygger.api.problems import CONTENT_TYPE as PROBLEM
from brobygger.api.problems import Conflict
from brobygger.api.schema import ProblemSerializer
from brobygger.core.permissions import require
from brobygger.core.registry import ApiRoute

from . import selectors, services
from .access import (
    contribution_for_user,
    contribution_to_read,
    goal_for_user,
    goal_to_read,
    result_for_user,
    result_to_read,
)
from .forms import ACCESS_TO_DOCUMENTS_HELP
from .models import (
    AMOUNT_DIGITS,
    AMOUNT_PLACES,
    GOAL_FIELDS,
    RESULT_FIELDS,
    Contribution,
    ContributionKind,
    EntryVisibility,
    GoalDirection,
    HourKind,
    ProgressReading,
    Result,
    Unit,
    ValueGoal,
)
from .progress import GoalState, Status
from .rules import read_scope
from .services import EDIT, EDIT_SHARED

TAG = "værdiregnskab"
# Totals add up many entries: room for more digits than one entry has.
TOTAL_DIGITS = AMOUNT_DIGITS + 6


def _amount(**kwargs) -> serializers.DecimalField:
    """An amount in the answers: a string with two decimals ("1250.50")."""
    return serializers.DecimalField(max_digits=TOTAL_DIGITS, decimal_places=AMOUNT_PLACES, **kwargs)


def _amount_in(**kwargs) -> serializers.DecimalField:
    """An amount in a request: a number or a string, at most two decimals."""
    return serializers.DecimalField(max_digits=AMOUNT_DIGITS, decimal_places=AMOUNT_PLACES, **kwargs)


class _AsIsoDateTime(serializers.DateTimeField):
    """A moment as Python's isoformat() writes it (the value balance has always said so)."""

    def to_representation(self, value):
        return value.isoformat()


# --- The value balance ------------------------------------------------------------------------


class _GoalProgressFields(serializers.Serializer):
    state = serializers.ChoiceField(
        choices=list(GoalState.LABELS.items()),
        source="progress.state",
        help_text=_("Nået, undervejs, ikke forfalden eller forsinket (docs/value-balance.md)."),
    )
    met_on = serializers.DateField(source="progress.met_on", allow_null=True)
    value = _amount(
        source="progress.value",
        allow_null=True,
        help_text=_("Det, der sammenlignes med måltallet: den seneste målte værdi eller summen."),
    )
    percent = serializers.IntegerField(
        source="progress.percent", allow_null=True, help_text=_("Hvor langt mod måltallet, i hele procent.")
    )


class BalanceSharedGoalSerializer(_GoalProgressFields):
    """One of the alliance's shared goals with its progress."""

    goal_id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    target_value = _amount(allow_null=True)
    target_unit = serializers.CharField()
    target_date = serializers.DateField()

    class Meta:
        fields = ["goal_id", "title", "target_value", "target_unit", "target_date", "state", "met_on", "value", "percent"]

    def get_fields(self):
        fields = super().get_fields()
        return {name: fields[name] for name in self.Meta.fields}


# The lines of what a party gives (selectors.GivenLine.kind).
GIVEN_LINE_KINDS = [("money", "money"), ("hours", "hours"), ("other", "other")]


class GoalsByStateSerializer(serializers.Serializer):
    naaet = serializers.IntegerField(source="met")
    undervejs = serializers.IntegerField(source="on_the_way")
    ikke_forfalden = serializers.IntegerField(source="not_due")
    forsinket = serializers.IntegerField(source="overdue")


class GivenLineSerializer(serializers.Serializer):
    """One line of what a party gives: money, one kind of hours, or one other unit."""

    kind = serializers.ChoiceField(choices=GIVEN_LINE_KINDS)
    label = serializers.CharField()
    contributions = serializers.IntegerField(source="count")
    quantity = _amount()
    unit = serializers.CharField(source="unit_label")
    rate = _amount(allow_null=True)
    kroner = _amount(allow_null=True)


class OwnAnswerSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(choices=ValueAnswer.Answer.choices)
    comment = serializers.CharField()
    answered_at = _AsIsoDateTime()


class PartyBalanceSerializer(serializers.Serializer):
    """One party's line of the value balance."""

    party_id = serializers.IntegerField(source="party.pk")
    organisation = serializers.CharField(source="party.organisation.name")
    organisation_id = serializers.IntegerField(source="party.organisation_id")
    sector = serializers.CharField()
    status = serializers.ChoiceField(choices=list(Status.LABELS.items()))
    goals = serializers.IntegerField(source="goals.total")
    goals_by_state = GoalsByStateSerializer(source="goals")
    last_met_on = serializers.DateField(allow_null=True)
    contributed_kroner = _amount()
    given = GivenLineSerializer(many=True)
    paid_for_deliveries_kroner = _amount(source="paid_kroner")
    gained_kroner = _amount()
    results_without_kroner = serializers.IntegerField()
    received_as_payment_kroner = _amount(source="received_kroner")
    last_result_on = serializers.DateField(allow_null=True)
    own_answer = OwnAnswerSerializer(
        source="answer",
        allow_null=True,
        required=False,
        help_text=_("Kun for alliancens medlemmer og personalet."),
    )

    def to_representation(self, row):
        data = super().to_representation(row)
        if not self.context.get("shows_answers"):
            del data["own_answer"]
        return data


class ValueBalanceSerializer(serializers.Serializer):
    alliance = serializers.SlugField(source="alliance.slug")
    date = serializers.DateField(source="day")
    includes_private_entries = serializers.BooleanField(source="includes_private")
    entries_left_out = serializers.BooleanField(source="hides_entries")
    shared_goals = BalanceSharedGoalSerializer(many=True)
    parties = PartyBalanceSerializer(many=True)


class ValueBalance(APIView):
    @extend_schema(tags=[TAG], responses=ValueBalanceSerializer)
    def get(self, request, slug: str) -> Response:
        """Each party's status (grøn/gul/rød) by the rule in docs/value-balance.md, its goals by
        state, what it gives line by line (money, hours per kind at the alliance's rate, other
        units), payments apart, what it has got, and for members its latest own answer; and the
        alliance's shared goals with their progress. From the entries the reader may read, as on
        the page: outsiders read public entries, members also the members' entries, and
        confidential entries count only for their party's representatives, the coordinators and
        staff. `entries_left_out` says when some exist that the figures are without."""
        alliance = alliance_for_user(request.user, slug)
        balance = selectors.value_balance(
            alliance=alliance,
            scope=read_scope(request.user, alliance),
            with_answers=request.user.has_perm("alliances.view_value_answers", alliance),
        )
        return Response(ValueBalanceSerializer(balance, context={"shows_answers": balance.shows_answers}).data)


# --- What the entries share -------------------------------------------------------------------


class PartyQuery(serializers.Serializer):
    party = IdField(
        required=False, help_text=_("Kun posterne fra parten med dette id.")
    )


class _LedgerList(generics.ListAPIView):
    """An alliance's entries of one kind that the caller reads; POST adds one."""

    query_class = PartyQuery

    def setup_alliance(self):
        if not hasattr(self, "alliance"):
            self.alliance = alliance_for_user(self.request.user, self.kwargs["slug"])
            self.scope = read_scope(self.request.user, self.alliance)
        return self.alliance

    def query(self) -> dict:
        query = self.query_class(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return query.validated_data

    def complete(self, entries: list) -> list:
        """What a page of entries needs besides their rows (a goal's progress)."""
        return entries

    def list(self, request, *args, **kwargs):
        entries = self.get_queryset()
        # What the caller reads of the ledger depends on them only through their relation to
        # the alliance (read_scope); the name holds the query.
        given = ",".join(f"{name}={value}" for name, value in sorted(self.query().items()))
        return kept_page(self, entries, alliance=self.alliance, name=f"api_{type(self).__name__}:{given}", rows=self.complete)

    def created(self, entry, *, detail: str, serializer_class) -> Response:
        url = reverse(f"api:{detail}", kwargs={"slug": self.alliance.slug, "pk": entry.pk})
        return Response(
            serializer_class(entry, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": self.request.build_absolute_uri(url)},
        )


def _reference(name: str, data, *, required: bool) -> int | None:
    field = IdField(required=required, allow_null=not required)
    serializer = type("Reference", (serializers.Serializer,), {name: field})(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data.get(name)


def _referred(name: str, message, fetch):
    """What the body names (a party, a goal), fetched as the pages fetch it: one the caller may
    not see is wrong in the body like one that does not exist, a 400 naming the field, so the
    answer never tells the two apart."""
    try:
        return fetch()
    except Http404:
        raise serializers.ValidationError({name: [message]}) from None


PARTY_NOT_HERE = _("Vælg en af alliancens parter.")
GOAL_NOT_HERE = _("Vælg et af alliancens egne værdimål.")


class _Changes(serializers.Serializer):
    """A create serializer's fields for a PATCH: every one optional and without a default, so
    only the fields given change (the service KEEPs the rest), with the same types, choices
    and limits. `fixed` names what no change can move (the entry's party, a result's goal),
    each with why: given, it is a 400 naming the field."""

    fixed: ClassVar[dict] = {}

    def get_fields(self):
        fields = super().get_fields()
        for name in self.fixed:
            fields.pop(name, None)
        for field in fields.values():
            field.required = False
            field.default = empty
        return fields

    def to_internal_value(self, data):
        fixed = {name: [why] for name, why in self.fixed.items() if isinstance(data, Mapping) and name in data}
        try:
            values = super().to_internal_value(data)
        except serializers.ValidationError as error:
            if fixed and isinstance(error.detail, dict):
                raise serializers.ValidationError({**fixed, **error.detail}) from None
            raise
        if fixed:
            raise serializers.ValidationError(fixed)
        return values


NO_CONTENT = OpenApiResponse(description=_("Slettet. Sletningen står i historikken."))


class _EntryDetail(generics.RetrieveAPIView):
    """One entry the caller reads (GET), changes (PATCH) or deletes (DELETE); no PUT. The
    writes fetch the entry as its edit and delete pages do (`fetch`: 404 for what the caller
    may not see, 403 with the rule's reason for what they may not change) and call the pages'
    services."""

    # The capability's fetchers: (user, alliance, pk) -> the entry.
    read: Callable
    fetch: Callable
    changes_class: type[serializers.Serializer]

    def setup_alliance(self):
        if not hasattr(self, "alliance"):
            self.alliance = alliance_for_user(self.request.user, self.kwargs["slug"])
        return self.alliance

    def get_object(self):
        return self.read(self.request.user, self.setup_alliance(), self.kwargs["pk"])

    def to_change(self):
        """The entry with permission to change it, and the body's changes (400 naming a wrong field)."""
        entry = self.fetch(self.request.user, self.setup_alliance(), self.kwargs["pk"])
        return entry, checked_body(self.changes_class, self.request.data)

    def changed(self) -> Response:
        """The entry as GET shows it now."""
        return Response(self.get_serializer(self.get_object()).data)

    def to_delete(self):
        return self.fetch(self.request.user, self.setup_alliance(), self.kwargs["pk"])

    def deleted(self) -> Response:
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Contributions --------------------------------------------------------------------------


class ContributionSerializer(serializers.ModelSerializer):
    """A contribution: what a party gives the alliance, in money or in kind."""

    party = serializers.IntegerField(source="party_id", read_only=True)
    organisation = serializers.CharField(source="party.organisation.name", read_only=True)
    hour_kind_name = serializers.CharField(source="hour_kind.name", allow_null=True, read_only=True, default=None)
    kroner = _amount(
        read_only=True,
        allow_null=True,
        help_text=_(
            "Bidragets værdi i kroner: beløbet for penge, timerne efter alliancens timesats for "
            "timetypen, ellers den anslåede værdi. Tom uden værdi i kroner."
        ),
    )

    class Meta:
        model = Contribution
        fields = [
            "id",
            "party",
            "organisation",
            "kind",
            "description",
            "quantity",
            "unit",
            "estimated_value",
            "kroner",
            "period_start",
            "period_end",
            "hour_kind",
            "hour_kind_name",
            "is_payment",
            "visibility",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ContributionWrite(serializers.Serializer):
    party = IdField(help_text=_("Id på parten, der giver bidraget."))
    kind = serializers.ChoiceField(choices=ContributionKind.choices)
    description = serializers.CharField(max_length=500)
    quantity = _amount_in()
    unit = serializers.ChoiceField(choices=Unit.choices)
    estimated_value = _amount_in(
        required=False,
        allow_null=True,
        help_text=_(
            "Hvad bidraget er værd i kroner, hvis det kan anslås. Ved penge er beløbet værdien. "
            "Timer får deres værdi fra alliancens aftalte timesats, så lad feltet stå tomt ved timer."
        ),
    )
    period_start = serializers.DateField()
    period_end = serializers.DateField(required=False, allow_null=True, help_text=_("Tom, hvis bidraget er løbende."))
    hour_kind = IdField(
        required=False,
        allow_null=True,
        help_text=_("Kun for timer: timerne får værdi efter alliancens aftalte timesats for typen."),
    )
    is_payment = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "Markér, hvis beløbet er en betaling for noget, parten køber, fx når kommunen køber "
            "en ydelse hos en virksomhed i alliancen. Betalinger står for sig og tæller ikke med "
            "i den værdi, parten giver."
        ),
    )
    visibility = serializers.ChoiceField(
        choices=EntryVisibility.choices, default=EntryVisibility.MEMBERS, help_text=ACCESS_TO_DOCUMENTS_HELP
    )

    def validate_hour_kind(self, pk: int | None) -> HourKind | None:
        """The kind by its id; the service refuses one of another alliance."""
        if pk is None:
            return None
        kind = HourKind.objects.filter(pk=pk).first()
        if kind is None:
            raise serializers.ValidationError(_("Vælg en af alliancens egne timetyper."))
        return kind


@extend_schema(tags=[TAG])
class ContributionList(_LedgerList):
    """The alliance's contributions the caller reads, newest period first."""

    serializer_class = ContributionSerializer

    @extend_schema(parameters=[PartyQuery])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.setup_alliance()
        contributions = selectors.contributions_read(self.alliance, scope=self.scope)
        given = self.query()
        if given.get("party"):
            contributions = contributions.filter(party_id=given["party"])
        return contributions

    @extend_schema(request=ContributionWrite, responses={201: ContributionSerializer})
    def post(self, request, slug: str) -> Response:
        """Register a contribution for a party, as the party's ledger page does: its own
        representatives, and the coordinators and staff on its behalf."""
        alliance = self.setup_alliance()
        party_id = _reference("party", request.data, required=True)
        party = _referred("party", PARTY_NOT_HERE, lambda: party_for_user(request.user, alliance, party_id, perm=EDIT))
        data = checked_body(ContributionWrite, request.data)
        del data["party"]
        contribution = services.contribution_create(actor=request.user, party=party, **data)
        return self.created(
            contribution_to_read(request.user, alliance, contribution.pk),
            detail="contribution_detail",
            serializer_class=ContributionSerializer,
        )


class ContributionEdit(_Changes, ContributionWrite):
    """The changes to a contribution: only the fields given change."""

    fixed = {
        "party": _("Et bidrag kan ikke flyttes til en anden part. Slet det, og registrér det hos den rigtige part.")
    }


@extend_schema(tags=[TAG])
class ContributionDetail(_EntryDetail):
    """One contribution the caller reads."""

    serializer_class = ContributionSerializer
    changes_class = ContributionEdit
    read = staticmethod(contribution_to_read)
    fetch = staticmethod(contribution_for_user)

    @extend_schema(request=ContributionEdit, responses={200: ContributionSerializer})
    def patch(self, request, slug: str, pk: int) -> Response:
        """Change a contribution as its edit page does (its party's own representatives, the
        coordinators and staff): only the fields given change; `party` cannot. A change that
        changes nothing writes nothing; a change leaves one record in the party's history."""
        contribution, changes = self.to_change()
        services.contribution_update(actor=request.user, contribution=contribution, **changes)
        return self.changed()

    @extend_schema(responses={204: NO_CONTENT})
    def delete(self, request, slug: str, pk: int) -> Response:
        """Delete a contribution as its delete page does; the deletion stays in the party's
        history."""
        services.contribution_delete(actor=request.user, contribution=self.to_delete())
        return self.deleted()


# --- Value goals ---------------------------------------------------------------------------


class GoalProgressSerializer(serializers.Serializer):
    """How far the goal has come on the day it is read, by the rule in docs/value-balance.md,
    from the results the caller reads."""

    state = serializers.ChoiceField(choices=list(GoalState.LABELS.items()))
    met_on = serializers.DateField(allow_null=True)
    value = _amount(
        allow_null=True,
        help_text=_("Det, der sammenlignes med måltallet: den seneste målte værdi eller summen."),
    )
    percent = serializers.IntegerField(allow_null=True, help_text=_("Hvor langt mod måltallet, i hele procent."))
    results = serializers.IntegerField(source="result_count")


class GoalSerializer(serializers.ModelSerializer):
    """A value goal: what a party wants to take home, or (`shared`, without a party) a goal
    the alliance shares for the citizens or the welfare area."""

    party = serializers.IntegerField(source="party_id", allow_null=True, read_only=True)
    organisation = serializers.CharField(source="party.organisation.name", allow_null=True, read_only=True, default=None)
    shared = serializers.BooleanField(source="is_shared", read_only=True)
    progress = GoalProgressSerializer(read_only=True)

    class Meta:
        model = ValueGoal
        fields = ["id", "party", "organisation", "shared", *GOAL_FIELDS, "progress", "created_at", "updated_at"]
        read_only_fields = fields


class GoalQuery(PartyQuery):
    shared = serializers.ChoiceField(
        choices=[("true", "true"), ("false", "false")],
        required=False,
        help_text=_("true: kun alliancens fælles mål; false: kun parternes egne."),
    )


class GoalWrite(serializers.Serializer):
    party = IdField(
        required=False,
        allow_null=True,
        help_text=_("Id på parten, hvis mål det er. Uden part: et fælles mål for hele alliancen."),
    )
    title = serializers.CharField(max_length=300)
    indicator = serializers.CharField(max_length=300)
    target = serializers.CharField(max_length=300)
    target_value = _amount_in(required=False, allow_null=True)
    target_unit = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    direction = serializers.ChoiceField(choices=GoalDirection.choices, default=GoalDirection.MORE)
    reading = serializers.ChoiceField(choices=ProgressReading.choices, default=ProgressReading.LATEST)
    start_date = serializers.DateField(
        required=False,
        allow_null=True,
        help_text=_("Kun for en sum: resultater fra denne dato tæller med. Tom: fra den dag, målet blev sat."),
    )
    target_date = serializers.DateField()
    visibility = serializers.ChoiceField(
        choices=EntryVisibility.choices, default=EntryVisibility.MEMBERS, help_text=ACCESS_TO_DOCUMENTS_HELP
    )


@extend_schema(tags=[TAG])
class GoalList(_LedgerList):
    """The alliance's value goals the caller reads, by target date, each with its progress."""

    serializer_class = GoalSerializer
    query_class = GoalQuery

    @extend_schema(parameters=[GoalQuery])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.setup_alliance()
        goals = selectors.goals_read(self.alliance, scope=self.scope)
        given = self.query()
        if given.get("party"):
            goals = goals.filter(party_id=given["party"])
        if given.get("shared"):
            goals = goals.filter(party__isnull=given["shared"] == "true")
        return goals

    def complete(self, entries: list) -> list:
        return selectors.with_progress(entries, scope=self.scope)

    @extend_schema(request=GoalWrite, responses={201: GoalSerializer})
    def post(self, request, slug: str) -> Response:
        """Register a party's value goal (with `party`: its own representatives, the
        coordinators and staff), or without a party one of the alliance's shared goals
        (coordinators and staff)."""
        alliance = self.setup_alliance()
        party_id = _reference("party", request.data, required=False)
        if party_id is None:
            require(request.user, EDIT_SHARED, alliance)
            data = checked_body(GoalWrite, request.data)
            data.pop("party", None)
            goal = services.shared_goal_create(actor=request.user, alliance=alliance, **data)
        else:
            party = _referred("party", PARTY_NOT_HERE, lambda: party_for_user(request.user, alliance, party_id, perm=EDIT))
            data = checked_body(GoalWrite, request.data)
            data.pop("party", None)
            goal = services.goal_create(actor=request.user, party=party, **data)
        return self.created(
            goal_to_read(request.user, alliance, goal.pk), detail="goal_detail", serializer_class=GoalSerializer
        )


class GoalEdit(_Changes, GoalWrite):
    """The changes to a value goal: only the fields given change."""

    fixed = {"party": _("Et værdimål kan ikke flyttes til en anden part. Slet det, og registrér det hos den rigtige part.")}


@extend_schema(tags=[TAG])
class GoalDetail(_EntryDetail):
    """One value goal the caller reads, with its progress."""

    serializer_class = GoalSerializer
    changes_class = GoalEdit
    read = staticmethod(goal_to_read)
    fetch = staticmethod(goal_for_user)

    @extend_schema(request=GoalEdit, responses={200: GoalSerializer})
    def patch(self, request, slug: str, pk: int) -> Response:
        """Change a value goal as its edit page does (a party's goal: its own representatives,
        the coordinators and staff; a shared goal: the coordinators and staff): only the
        fields given change; `party` cannot. A change that changes nothing writes nothing."""
        goal, changes = self.to_change()
        services.goal_update(actor=request.user, goal=goal, **changes)
        return self.changed()

    @extend_schema(
        responses={
            204: NO_CONTENT,
            (409, PROBLEM): OpenApiResponse(
                ProblemSerializer,
                description=_("Målet har resultater og kan ikke slettes. Slet resultaterne først."),
            ),
        }
    )
    def delete(self, request, slug: str, pk: int) -> Response:
        """Delete a value goal without results, as its delete page does. A goal with results is
        the party's record of value it got home: the deletion is refused (409, with the
        reason) until its results are deleted."""
        try:
            services.goal_delete(actor=request.user, goal=self.to_delete())
        except DjangoValidationError as error:
            if error.code == "goal_has_results":
                raise Conflict(" ".join(error.messages)) from None
            raise
        return self.deleted()


# --- Results -------------------------------------------------------------------------------


class ResultSerializer(serializers.ModelSerializer):
    """A result: value a party has actually got against one of its goals (or against one of
    the alliance's shared goals: `party` empty)."""

    goal = serializers.IntegerField(source="goal_id", read_only=True)
    party = serializers.IntegerField(source="goal.party_id", allow_null=True, read_only=True)
    organisation = serializers.CharField(
        source="goal.party.organisation.name", allow_null=True, read_only=True, default=None
    )

    class Meta:
        model = Result
        fields = ["id", "goal", "party", "organisation", *RESULT_FIELDS, "created_at", "updated_at"]
        read_only_fields = fields


class ResultQuery(PartyQuery):
    goal = IdField(required=False, help_text=_("Kun resultaterne af målet med dette id."))


class ResultWrite(serializers.Serializer):
    goal = IdField(help_text=_("Id på værdimålet, resultatet hører til."))
    achieved_on = serializers.DateField(help_text=_("Hvornår værdien kom."))
    description = serializers.CharField(max_length=2000)
    measured_value = _amount_in(
        required=False, allow_null=True, help_text=_("Tallet på indikatoren, hvis der er et.")
    )
    meets_goal = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("Markér, når dette resultat betyder, at målet er nået. Målet har intet måltal, så det er jeres vurdering."),
    )
    estimated_value = _amount_in(
        required=False,
        allow_null=True,
        help_text=_("Hvad resultatet er værd for parten i kroner, hvis det kan anslås."),
    )
    is_payment = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "Markér, hvis parten har fået betaling for noget, den har leveret. Skriv beløbet som "
            "anslået værdi. Betalinger vises for sig og tæller ikke med som værdi, parten har fået."
        ),
    )
    evidence_url = serializers.URLField(
        max_length=500, required=False, allow_blank=True, default="", help_text=_("Fx en rapport, en opgørelse eller en artikel.")
    )
    evidence_note = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Hvor resultatet kan efterprøves, hvis der ikke er et link."),
    )
    visibility = serializers.ChoiceField(
        choices=EntryVisibility.choices, default=EntryVisibility.MEMBERS, help_text=ACCESS_TO_DOCUMENTS_HELP
    )


@extend_schema(tags=[TAG])
class ResultList(_LedgerList):
    """The alliance's results the caller reads (the result and its goal both), newest first."""

    serializer_class = ResultSerializer
    query_class = ResultQuery

    @extend_schema(parameters=[ResultQuery])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.setup_alliance()
        results = selectors.results_read(self.alliance, scope=self.scope)
        given = self.query()
        if given.get("party"):
            results = results.filter(goal__party_id=given["party"])
        if given.get("goal"):
            results = results.filter(goal_id=given["goal"])
        return results

    @extend_schema(request=ResultWrite, responses={201: ResultSerializer})
    def post(self, request, slug: str) -> Response:
        """Register a result against a value goal of the alliance, as the goal's page does:
        a party's goal by its own representatives, the coordinators and staff; a shared goal
        by the coordinators and staff."""
        alliance = self.setup_alliance()
        goal_id = _reference("goal", request.data, required=True)
        goal = _referred("goal", GOAL_NOT_HERE, lambda: goal_for_user(request.user, alliance, goal_id))
        data = checked_body(ResultWrite, request.data)
        del data["goal"]
        result = services.result_create(actor=request.user, goal=goal, **data)
        return self.created(
            result_to_read(request.user, alliance, result.pk), detail="result_detail", serializer_class=ResultSerializer
        )


class ResultEdit(_Changes, ResultWrite):
    """The changes to a result: only the fields given change."""

    fixed = {"goal": _("Et resultat kan ikke flyttes til et andet værdimål. Slet det, og registrér det under det rigtige mål.")}


@extend_schema(tags=[TAG])
class ResultDetail(_EntryDetail):
    """One result the caller reads."""

    serializer_class = ResultSerializer
    changes_class = ResultEdit
    read = staticmethod(result_to_read)
    fetch = staticmethod(result_for_user)

    @extend_schema(request=ResultEdit, responses={200: ResultSerializer})
    def patch(self, request, slug: str, pk: int) -> Response:
        """Change a result as its edit page does (as its goal: a party's by its own
        representatives, the coordinators and staff; a shared goal's by the coordinators and
        staff): only the fields given change; `goal` cannot. A change that changes nothing
        writes nothing."""
        result, changes = self.to_change()
        services.result_update(actor=request.user, result=result, **changes)
        return self.changed()

    @extend_schema(responses={204: NO_CONTENT})
    def delete(self, request, slug: str, pk: int) -> Response:
        """Delete a result as its delete page does; the deletion stays in the history."""
        services.result_delete(actor=request.user, result=self.to_delete())
        return self.deleted()


# --- Hour kinds ----------------------------------------------------------------------------


class HourKindSerializer(serializers.ModelSerializer):
    """A kind of hours and the rate the alliance has agreed for it (none: the hours count as
    hours only), with how many of the contributions the caller reads use it."""

    contribution_count = serializers.IntegerField(
        read_only=True, help_text=_("Antal af de bidrag, du kan læse, der bruger timetypen.")
    )
    hours = _amount(read_only=True, allow_null=True, help_text=_("Timerne i de bidrag."))

    class Meta:
        model = HourKind
        fields = ["id", "name", "rate", "description", "contribution_count", "hours"]
        read_only_fields = fields


@extend_schema(tags=[TAG])
class HourKindList(generics.ListAPIView):
    """The alliance's hour kinds with their agreed rates, by name: open to everyone who sees
    the alliance, as the hour rates page."""

    serializer_class = HourKindSerializer

    def get_queryset(self):
        alliance = alliance_for_user(self.request.user, self.kwargs["slug"])
        return selectors.hour_kinds_read(alliance, scope=read_scope(self.request.user, alliance))


def _route(key: str, order: int, route: str, view) -> ApiRoute:
    return ApiRoute(key=key, order=order, route=route, view=view.as_view(), name=key)


ROUTES = [
    _route("value_balance", 10, "alliances/<slug:slug>/value-balance/", ValueBalance),
    _route("contribution_list", 11, "alliances/<slug:slug>/contributions/", ContributionList),
    _route("contribution_detail", 12, "alliances/<slug:slug>/contributions/<id:pk>/", ContributionDetail),
    _route("goal_list", 13, "alliances/<slug:slug>/goals/", GoalList),
    _route("goal_detail", 14, "alliances/<slug:slug>/goals/<id:pk>/", GoalDetail),
    _route("result_list", 15, "alliances/<slug:slug>/results/", ResultList),
    _route("result_detail", 16, "alliances/<slug:slug>/results/<id:pk>/", ResultDetail),
    _route("hour_kind_list", 17, "alliances/<slug:slug>/hour-kinds/", HourKindList),
]
