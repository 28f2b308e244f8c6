"""The leadership capability's endpoints under /api/v1/: an alliance's role plan (read, and
one phase × role kept at a time), the caller's own self-assessments and a team's profile.

The role plan names people: like its page it is for the alliance's members and staff
(rules.py, leadership.view_role_plan), even on a public alliance, and everyone else gets the
404 of an alliance they do not see. It is kept through the page's service, so the rule (the
coordinators, the alliance's top leaders and staff), the validation and the one audit record
are the page's. A self-assessment is its person's alone: `me/self-assessments/` lists only
the caller's own, staff included. A team's profile is read by the team's members only, and
only as bands over at least the privacy threshold of people: never per person."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from brobygger.alliances.access import alliance_for_user, not_found
from brobygger.alliances.models import Membership, Phase
from brobygger.api.bodies import checked_body
from brobygger.api.fields import IdField
from brobygger.api.permissions import TokenMayWrite
from brobygger.core.permissions import require
from brobygger.core.registry import ApiRoute

from . import selectors, services
from .dimensions import Role
from .models import TeamKind

TAG = "roller og ledelse"
VIEW_PLAN = "leadership.view_role_plan"
CHANGE_PLAN = "leadership.change_role_plan"

# Why a team's profile is not shown (selectors.TeamProfile.withheld); empty when it is.
WITHHELD_CHOICES = [
    ("", _("Profilen vises.")),
    ("below_threshold", _("For få medlemmer lader deres selvevaluering tælle.")),
    ("withdrawn", _("Trukket tilbage, til der er kommet to nye selvevalueringer.")),
]
BAND_CHOICES = [(band, label) for band, label in selectors.BAND_LABELS.items()]


# --- The role plan ------------------------------------------------------------------------------


class LeaderSerializer(serializers.Serializer):
    """A member of the alliance who takes the role in the phase."""

    membership = serializers.IntegerField(
        source="membership_id", help_text=_("Id på lederens medlemskab af alliancen.")
    )
    name = serializers.CharField()
    organisation = serializers.CharField(
        help_text=_(
            "Organisationen, lederen repræsenterer i alliancen; tom, hvis lederen ikke repræsenterer en part."
        )
    )


class RolePlanCellSerializer(serializers.Serializer):
    """One role in one phase: whether it is needed and why, its leaders and whether it is a gap."""

    role = serializers.ChoiceField(choices=Role.choices)
    label = serializers.CharField(
        source="role_label", help_text=_("Rollens navn på forespørgslens sprog.")
    )
    needed = serializers.BooleanField(
        help_text=_("Rollen er nødvendig i fasen: alliancens eget svar, ellers Brobyggers forslag.")
    )
    own_say = serializers.BooleanField(
        help_text=_(
            "Alliancen har selv sagt, om rollen er nødvendig i fasen (ellers gælder Brobyggers forslag)."
        )
    )
    reason = serializers.CharField(
        help_text=_("Hvorfor rollen er (eller ikke er) nødvendig i fasen; kan være tom.")
    )
    reason_is_suggestion = serializers.BooleanField(
        help_text=_("Begrundelsen er Brobyggers forslag, ikke alliancens egne ord.")
    )
    gap = serializers.BooleanField(
        help_text=_(
            "Rollen er nødvendig i den nuværende eller næste fase, men ingen har den (eller ingen fra "
            "den organisation, der skal bære arbejdet)."
        )
    )
    gap_note = serializers.CharField(
        help_text=_("Hvad der mangler, hvis det ikke bare er en leder; ellers tom.")
    )
    leaders = LeaderSerializer(many=True, help_text=_("Lederne i rollen, efter navn."))


class RolePlanCellDetailSerializer(RolePlanCellSerializer):
    """One role in one phase of the alliance's role plan, as the plan shows it."""

    phase = serializers.ChoiceField(choices=Phase.choices)


class RolePlanPhaseSerializer(serializers.Serializer):
    """One phase of the plan, with each of the six roles in it."""

    phase = serializers.ChoiceField(choices=Phase.choices)
    label = serializers.CharField(help_text=_("Fasens navn på forespørgslens sprog."))
    is_current = serializers.BooleanField(help_text=_("Alliancen er i denne fase nu."))
    is_next = serializers.BooleanField(
        help_text=_("Den fase, alliancen kommer i efter den nuværende.")
    )
    roles = RolePlanCellSerializer(
        source="cells", many=True, help_text=_("De seks roller i fasen.")
    )


class RolePlanSerializer(serializers.Serializer):
    """The alliance's role plan: every phase × role."""

    alliance = serializers.SlugField(
        source="alliance.slug", help_text=_("Alliancens adresse (slug).")
    )
    current_phase = serializers.ChoiceField(choices=Phase.choices)
    next_phase = serializers.ChoiceField(
        choices=Phase.choices,
        allow_null=True,
        help_text=_("Null efter de sidste faser (forankret, afsluttet)."),
    )
    phases = RolePlanPhaseSerializer(
        source="rows", many=True, help_text=_("Alle faser i rækkefølge.")
    )


class RolePlanCellWrite(serializers.Serializer):
    leaders = serializers.ListField(
        child=IdField(),
        allow_empty=True,
        help_text=_(
            "Id'erne på de medlemskaber af alliancen, hvis ledere tager rollen i fasen (alle; tom: ingen)."
        ),
    )
    needed = serializers.BooleanField(
        allow_null=True,
        help_text=_(
            "true eller false: alliancen siger selv, om rollen er nødvendig i fasen; null: Brobyggers forslag gælder."
        ),
    )
    reason = serializers.CharField(
        max_length=services.REASON_MAX,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Alliancens egen begrundelse; tom: Brobyggers forslag vises."),
    )


def _leaders(alliance, ids: list[int]) -> list[Membership]:
    """The memberships the body names, in the alliance only: any other id (another alliance's
    member, or none at all) is a 400 on `leaders`, so the answer never tells the two apart."""
    wanted = list(dict.fromkeys(ids))
    found = {
        membership.pk: membership
        for membership in Membership.objects.filter(
            alliance=alliance, pk__in=wanted
        ).select_related("user")
    }
    if len(found) != len(wanted):
        raise serializers.ValidationError(
            {"leaders": [gettext("Vælg kun ledere, der er medlemmer af alliancen.")]}
        )
    return [found[pk] for pk in wanted]


@extend_schema(tags=[TAG])
class RolePlanDetail(APIView):
    @extend_schema(responses=RolePlanSerializer)
    def get(self, request, slug: str) -> Response:
        """The alliance's role plan as its page shows it: for each phase in order, each of the
        six top-leader roles with its leaders, whether it is needed then and why (the
        alliance's own say, or Brobygger's suggestion, labelled as such), and the gaps in the
        current and the next phase. For the alliance's members and staff; 404 for everyone
        else."""
        alliance = alliance_for_user(request.user, slug, see=VIEW_PLAN)
        return Response(RolePlanSerializer(selectors.role_plan(alliance=alliance)).data)


CELL_PARAMETERS = [
    OpenApiParameter(
        "phase", str, OpenApiParameter.PATH, enum=Phase.values, description=_("Fasen.")
    ),
    OpenApiParameter(
        "role", str, OpenApiParameter.PATH, enum=Role.values, description=_("Rollen.")
    ),
]


@extend_schema(tags=[TAG], parameters=CELL_PARAMETERS)
class RolePlanCell(APIView):
    def cell(self, alliance, phase: str, role: str) -> dict:
        return RolePlanCellDetailSerializer(
            selectors.role_plan(alliance=alliance).cell(phase, role)
        ).data

    def fetch(self, request, slug: str, phase: str, role: str):
        alliance = alliance_for_user(request.user, slug, see=VIEW_PLAN)
        if phase not in Phase.values or role not in Role.values:
            raise not_found()
        return alliance

    @extend_schema(
        operation_id="alliances_role_plan_cell_retrieve", responses=RolePlanCellDetailSerializer
    )
    def get(self, request, slug: str, phase: str, role: str) -> Response:
        """One role in one phase of the alliance's role plan, as in the plan. For the
        alliance's members and staff; 404 for everyone else, and for a phase or role that
        does not exist."""
        alliance = self.fetch(request, slug, phase, role)
        return Response(self.cell(alliance, phase, role))

    @extend_schema(
        operation_id="alliances_role_plan_cell_update",
        request=RolePlanCellWrite,
        responses={200: RolePlanCellDetailSerializer},
    )
    def put(self, request, slug: str, phase: str, role: str) -> Response:
        """Set who takes a role in a phase (any members of the alliance, from any party), and
        whether the alliance itself says the role is needed then and why, as the plan's page
        does: the coordinators, the alliance's top leaders and staff (403 with the reason for
        other members). The body replaces the cell: `leaders` lists all of them. A save that
        changes nothing writes nothing; a change leaves one record in the alliance's history.
        Answers the cell as the plan now shows it."""
        alliance = self.fetch(request, slug, phase, role)
        require(request.user, CHANGE_PLAN, alliance)
        data = checked_body(RolePlanCellWrite, request.data)
        services.role_plan_cell_update(
            actor=request.user,
            alliance=alliance,
            phase=phase,
            role=role,
            leaders=_leaders(alliance, data["leaders"]),
            needed=data["needed"],
            reason=data["reason"],
        )
        return Response(self.cell(alliance, phase, role))


# --- Self-assessments ---------------------------------------------------------------------------


class SelfAssessmentSerializer(serializers.Serializer):
    """One of the caller's completed self-assessments, with its scores."""

    id = serializers.IntegerField()
    version = serializers.IntegerField(
        help_text=_("Den version af spørgsmålene, der blev besvaret.")
    )
    completed_at = serializers.DateTimeField()
    scores = serializers.DictField(
        source="score_by_dimension",
        child=serializers.IntegerField(min_value=0, max_value=100),
        help_text=_(
            "Scoren fra 0 til 100 for hver af de seks roller og tre udfordringer, efter deres nøgle."
        ),
    )


@extend_schema(tags=[TAG])
class MySelfAssessmentList(generics.ListAPIView):
    """The caller's own completed self-assessments, newest first, each with its score for the
    six roles and the three challenges. Only ever the caller's own: nobody else's, staff
    included; drafts are not listed. Needs a caller (401 without one)."""

    serializer_class = SelfAssessmentSerializer
    permission_classes = [TokenMayWrite, permissions.IsAuthenticated]

    def get_queryset(self):
        return selectors.completed_assessments(self.request.user)


# --- Teams --------------------------------------------------------------------------------------


class TeamSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=TeamKind.choices)


class TeamProfileSerializer(serializers.Serializer):
    """What the team sees of its members' self-assessments: bands, never a person's scores."""

    team = TeamSummarySerializer()
    counting = serializers.IntegerField(
        help_text=_("Hvor mange af holdets medlemmer, der lader deres selvevaluering tælle nu.")
    )
    threshold = serializers.IntegerField(
        help_text=_("Så mange skal profilen mindst bygge på, før den vises.")
    )
    shown = serializers.SerializerMethodField(help_text=_("Profilen vises: bands er udfyldt."))
    withheld = serializers.ChoiceField(
        choices=WITHHELD_CHOICES,
        help_text=_(
            "Hvorfor profilen ikke vises: below_threshold (for få tæller) eller withdrawn (nogen, den "
            "bygger på, tæller ikke længere; den vises igen, når der er kommet to nye selvevalueringer). "
            "Tom, når den vises."
        ),
    )
    bands = serializers.DictField(
        child=serializers.ChoiceField(choices=BAND_CHOICES),
        allow_null=True,
        help_text=_(
            "For hver rolle og udfordring: covered (to eller flere står stærkt), thin (én) eller missing "
            "(ingen). Null, når profilen ikke vises."
        ),
    )
    computed_at = serializers.DateTimeField(
        allow_null=True,
        help_text=_("Hvornår profilen sidst blev beregnet; null, når den ikke vises."),
    )

    def get_shown(self, profile: selectors.TeamProfile) -> bool:
        return profile.bands is not None


@extend_schema(tags=[TAG])
class TeamProfileDetail(APIView):
    @extend_schema(responses=TeamProfileSerializer)
    def get(self, request, team_id: int) -> Response:
        """The team's profile as its page shows it: for each role and challenge a band (how
        many of the members who let their latest self-assessment count stand strong on it),
        never an average and never a person's scores. It is shown only once at least the
        privacy threshold of members count, and recomputed only when two new assessments have
        come in. For the team's members; 404 for everyone else, staff included."""
        team = selectors.team_for(request.user, team_id) if request.user.is_authenticated else None
        if team is None:
            raise not_found()
        return Response(
            TeamProfileSerializer(selectors.team_profile(team=team, user=request.user)).data
        )


ROUTES = [
    ApiRoute(
        key="role_plan",
        order=30,
        route="alliances/<slug:slug>/role-plan/",
        view=RolePlanDetail.as_view(),
        name="role_plan",
    ),
    ApiRoute(
        key="role_plan_cell",
        order=31,
        route="alliances/<slug:slug>/role-plan/<str:phase>/<str:role>/",
        view=RolePlanCell.as_view(),
        name="role_plan_cell",
    ),
    ApiRoute(
        key="my_self_assessments",
        order=32,
        route="me/self-assessments/",
        view=MySelfAssessmentList.as_view(),
        name="my_self_assessments",
    ),
    ApiRoute(
        key="team_profile",
        order=33,
        route="teams/<id:team_id>/profile/",
        view=TeamProfileDetail.as_view(),
        name="team_profile",
    ),
]
