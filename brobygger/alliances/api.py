"""The foundation's endpoints under /api/v1/: alliances as the pages show them. Visibility
is decided by rules.py, as on the pages: each endpoint fetches through access.py (404 for
what the caller may not see) and reads through selectors.py."""

import json

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.utils.encoders import JSONEncoder

from brobygger.core import audit, registry
from brobygger.core.models import AuditAction, AuditRecord
from brobygger.core.registry import ApiRoute

from . import selectors
from .access import alliance_for_user, not_found, organisation_for_user, party_for_user
from .models import (
    Alliance,
    MemberRole,
    Membership,
    MunicipalityRegion,
    Organisation,
    OrganisationKind,
    Party,
    PartyConsent,
    Phase,
    PhaseChange,
    Sector,
    Visibility,
    WelfareArea,
)

TAG = "alliancer"
ORGANISATION_TAG = "organisationer"


class PartySummarySerializer(serializers.ModelSerializer):
    """A confirmed party as an alliance's card shows it."""

    party_id = serializers.IntegerField(source="pk", read_only=True)
    organisation = serializers.CharField(source="organisation.name", read_only=True)
    kind = serializers.CharField(source="organisation.kind", read_only=True)
    sector = serializers.CharField(source="organisation.sector", read_only=True)
    role = serializers.CharField(source="role_text", read_only=True)

    class Meta:
        model = Party
        fields = ["party_id", "organisation", "organisation_id", "kind", "sector", "role"]
        read_only_fields = fields


class AllianceSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("Alliancens side i Brobygger."))
    lead_organisation = serializers.CharField(source="lead_organisation.name", read_only=True)
    parties = PartySummarySerializer(many=True, read_only=True, help_text=_("De bekræftede parter."))

    class Meta:
        model = Alliance
        fields = [
            "id",
            "slug",
            "title",
            "url",
            "summary",
            "phase",
            "welfare_area",
            "visibility",
            "start_date",
            "end_date",
            "lead_organisation",
            "lead_organisation_id",
            "parties",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_url(self, alliance: Alliance) -> str:
        return self.context["request"].build_absolute_uri(alliance.get_absolute_url())


class AllianceQuery(serializers.Serializer):
    q = serializers.CharField(required=False, max_length=200, help_text=_("Søg i titel, resumé, formål og parternes navne."))
    phase = serializers.ChoiceField(Phase.choices, required=False)
    welfare_area = serializers.ChoiceField(WelfareArea.choices, required=False)
    visibility = serializers.ChoiceField(Visibility.choices, required=False)
    municipality = serializers.RegexField(
        r"^\d{3,4}$", required=False, help_text=_("Kommunekode (fx 0751): alliancer, hvor kommunen er part.")
    )
    region = serializers.RegexField(
        r"^\d{4}$",
        required=False,
        help_text=_("Regionskode (fx 1082): alliancer, hvor regionen eller en af dens kommuner er part."),
    )

    def _authority(self, code: str, kind: str, message) -> Organisation:
        authority = Organisation.objects.filter(official_code=code, kind=kind).first()
        if authority is None:
            raise serializers.ValidationError(message)
        return authority

    def validate_municipality(self, code: str) -> Organisation:
        return self._authority(code, OrganisationKind.MUNICIPALITY, _("Der er ingen kommune med den kode."))

    def validate_region(self, code: str) -> Organisation:
        return self._authority(code, OrganisationKind.REGION, _("Der er ingen region med den kode."))


@extend_schema(tags=[TAG], parameters=[AllianceQuery])
class AllianceList(generics.ListAPIView):
    """The alliances the caller may see, by title."""

    serializer_class = AllianceSerializer

    def get_queryset(self):
        query = AllianceQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        given = query.validated_data
        alliances = selectors.alliance_list(
            user=self.request.user,
            filters=selectors.AllianceFilters(
                search=given.get("q", ""),
                phase=given.get("phase", ""),
                welfare_area=given.get("welfare_area", ""),
                authority=given.get("municipality") or given.get("region"),
            ),
            with_parties=False,
        )
        if given.get("municipality") and given.get("region"):
            # Both: the municipality's alliances that are also the region's.
            in_region = selectors.alliance_list(
                user=self.request.user, filters=selectors.AllianceFilters(authority=given["region"])
            )
            alliances = alliances.filter(pk__in=in_region.values("pk"))
        if given.get("visibility"):
            alliances = alliances.filter(visibility=given["visibility"])
        return alliances.order_by("title", "pk")

    def list(self, request, *args, **kwargs):
        # The page is read as ids alone: a page found in the cache needs nothing more, and
        # building fifty whole alliances was most of its time.
        page = self.paginate_queryset(self.get_queryset().select_related(None).only("pk"))

        def render(missing: list) -> dict[int, str]:
            whole = Alliance.objects.select_related("lead_organisation").in_bulk([alliance.pk for alliance in missing])
            alliances = [whole[alliance.pk] for alliance in missing]
            prefetch_related_objects(alliances, selectors.card_parties())
            rows = self.get_serializer(alliances, many=True).data
            return {alliance.pk: json.dumps(row, cls=JSONEncoder) for alliance, row in zip(alliances, rows, strict=True)}

        # Each alliance as JSON, kept like its card (registry.alliance_fragments) and per host,
        # since its url is absolute: a page found in the cache reads no parties.
        kept = registry.alliance_fragments(f"api_alliance:{request.build_absolute_uri('/')}", page, request.user, render)
        return self.get_paginated_response([json.loads(kept[alliance.pk]) for alliance in page])


@extend_schema(tags=[TAG])
class AllianceDetail(generics.RetrieveAPIView):
    """One alliance the caller sees, as its card shows it: for anyone else it does not exist."""

    serializer_class = AllianceSerializer

    def get_object(self):
        alliance = alliance_for_user(self.request.user, self.kwargs["slug"])
        return selectors.alliance_list(user=self.request.user).get(pk=alliance.pk)



class PhaseChangeSerializer(serializers.ModelSerializer):
    changed_by = serializers.SerializerMethodField(
        help_text=_("Hvem der skiftede fase. Kun for alliancens medlemmer og Brobyggers personale; ellers null.")
    )
    note = serializers.SerializerMethodField(
        help_text=_("Begrundelsen for skiftet. Kun for alliancens medlemmer og Brobyggers personale; ellers null.")
    )

    class Meta:
        model = PhaseChange
        fields = ["id", "from_phase", "to_phase", "changed_at", "changed_by", "note"]

    def _members_read(self) -> bool:
        return self.context["view"].reads_authors

    def get_changed_by(self, change: PhaseChange) -> str | None:
        return str(change.changed_by) if self._members_read() and change.changed_by else None

    def get_note(self, change: PhaseChange) -> str | None:
        return change.note if self._members_read() else None


@extend_schema(tags=[TAG])
class PhaseChangeList(generics.ListAPIView):
    """The alliance's phase history, newest first, as its page shows it: everyone who sees
    the alliance reads from which phase to which and when; its members and Brobygger's staff
    also who made the change and why."""

    serializer_class = PhaseChangeSerializer
    reads_authors = False

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PhaseChange.objects.none()
        alliance = alliance_for_user(self.request.user, self.kwargs["slug"])
        self.reads_authors = self.request.user.has_perm("alliances.view_members", alliance)
        changes = PhaseChange.objects.filter(alliance=alliance).order_by("-changed_at", "-pk")
        return changes.select_related("changed_by") if self.reads_authors else changes


# --- Organisations ---------------------------------------------------------------------------


class RegionPeriodSerializer(serializers.ModelSerializer):
    """Which region a municipality belongs to in a period."""

    region = serializers.CharField(source="region.name", read_only=True, help_text=_("Regionens navn."))
    region_code = serializers.CharField(
        source="region.official_code",
        read_only=True,
        help_text=_("Regionskoden fra Danmarks Statistik; tom, hvis den ikke er offentliggjort endnu."),
    )
    valid_from = serializers.DateField(
        read_only=True, allow_null=True, help_text=_("Første dag i perioden; null: fra før Brobyggers data.")
    )
    valid_to = serializers.DateField(
        read_only=True, allow_null=True, help_text=_("Sidste dag i perioden; null: indtil videre.")
    )

    class Meta:
        model = MunicipalityRegion
        fields = ["region_id", "region", "region_code", "valid_from", "valid_to"]
        read_only_fields = fields


class OrganisationSerializer(serializers.ModelSerializer):
    """An organisation as its page shows it (organisations are public)."""

    sector = serializers.ChoiceField(
        Sector.choices, read_only=True, help_text=_("Sektoren følger af organisationens type.")
    )
    official_code = serializers.CharField(
        read_only=True, help_text=_("Kommune- eller regionskoden fra Danmarks Statistik; tom for andre organisationer.")
    )
    valid_from = serializers.DateField(
        read_only=True, allow_null=True, help_text=_("Den første dag, organisationen findes (kommuner og regioner).")
    )
    valid_to = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text=_("Den sidste dag, organisationen findes (fx regioner, der nedlægges 31. december 2026)."),
    )
    website = serializers.URLField(read_only=True, allow_blank=True, help_text=_("Tom, hvis ingen er angivet."))
    region_periods = RegionPeriodSerializer(
        many=True,
        read_only=True,
        help_text=_(
            "For en kommune: hvilken region den hører til og hvornår (regionerne ændres 1. januar 2027). "
            "Tom for andre organisationer."
        ),
    )

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "kind",
            "sector",
            "cvr",
            "ean",
            "official_code",
            "valid_from",
            "valid_to",
            "website",
            "description",
            "region_periods",
        ]
        read_only_fields = fields


class OrganisationQuery(serializers.Serializer):
    q = serializers.CharField(
        required=False, max_length=200, help_text=_("Søg i navnet, eller skriv et helt CVR-nummer eller en officiel kode.")
    )
    kind = serializers.ChoiceField(OrganisationKind.choices, required=False, help_text=_("Organisationens type."))
    official_code = serializers.RegexField(
        r"^\d{3,4}$", required=False, help_text=_("Kommune- eller regionskode (fx 0350 eller 1085).")
    )


@extend_schema(tags=[ORGANISATION_TAG], parameters=[OrganisationQuery])
class OrganisationList(generics.ListAPIView):
    """Every organisation in Brobygger, by name: kommuner, regioner, virksomheder, foreninger
    and the rest. Organisations are public, as their pages are."""

    serializer_class = OrganisationSerializer

    def get_queryset(self):
        query = OrganisationQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        given = query.validated_data
        return selectors.organisation_records(
            search=given.get("q", "").strip(),
            kind=given.get("kind", ""),
            official_code=given.get("official_code", ""),
        )


@extend_schema(tags=[ORGANISATION_TAG])
class OrganisationDetail(generics.RetrieveAPIView):
    """One organisation, as its page shows it."""

    serializer_class = OrganisationSerializer
    queryset = Organisation.objects.none()  # the schema's type of `pk`; get_object fetches

    def get_object(self):
        return selectors.with_region_periods(organisation_for_user(self.request.user, self.kwargs["pk"]))


# --- Parties ----------------------------------------------------------------------------------


class PartyOrganisationSerializer(serializers.ModelSerializer):
    """The party's organisation, in short; /organisations/{id}/ has the rest."""

    # A plain string here: the values are the organisation's `kind` (OrganisationKindEnum).
    # A second component with that enum would make the schema's enum names collide with
    # other apps' fields named "kind".
    kind = serializers.CharField(read_only=True, help_text=_("Organisationens type, som i /organisations/."))
    sector = serializers.ChoiceField(Sector.choices, read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "sector", "official_code", "cvr"]
        read_only_fields = fields


CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")


class PartySerializer(serializers.ModelSerializer):
    """A party of an alliance. The contact person is personal data: only the alliance's
    members and staff get it (as on the alliance's page)."""

    organisation = PartyOrganisationSerializer(read_only=True)
    role = serializers.CharField(
        source="role_text", read_only=True, help_text=_("Partens rolle i alliancen, med partens egne ord.")
    )
    consent = serializers.ChoiceField(
        PartyConsent.choices,
        read_only=True,
        help_text=_(
            "Om organisationen har bekræftet, at den er part. Uden for alliancen ses kun bekræftede parter."
        ),
    )
    contact_name = serializers.CharField(
        required=False, help_text=_("Kontaktperson. Kun med for alliancens medlemmer og Brobyggers personale.")
    )
    contact_email = serializers.CharField(
        required=False,
        help_text=_("Kontaktpersonens e-mail. Kun med for alliancens medlemmer og Brobyggers personale."),
    )
    contact_phone = serializers.CharField(
        required=False,
        help_text=_("Kontaktpersonens telefon. Kun med for alliancens medlemmer og Brobyggers personale."),
    )

    class Meta:
        model = Party
        fields = ["id", "organisation", "role", "consent", "created_at", *CONTACT_FIELDS]
        read_only_fields = fields

    def to_representation(self, party: Party) -> dict:
        data = super().to_representation(party)
        if not self.context.get("with_contacts"):
            for name in CONTACT_FIELDS:
                data.pop(name)
        return data


class _AlliancePartiesMixin:
    serializer_class = PartySerializer

    def get_alliance(self) -> Alliance:
        if not hasattr(self, "_alliance"):
            self._alliance = alliance_for_user(self.request.user, self.kwargs["slug"])
        return self._alliance

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False):
            return context
        context["with_contacts"] = self.request.user.has_perm("alliances.view_party_contact", self.get_alliance())
        return context


@extend_schema(tags=[TAG])
class PartyList(_AlliancePartiesMixin, generics.ListAPIView):
    """The alliance's parties the caller sees, by organisation name: its members and staff see
    every party, also those the organisation has not confirmed (or has declined); everyone
    else sees the confirmed ones."""

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Party.objects.none()
        return selectors.alliance_parties(alliance=self.get_alliance(), user=self.request.user)


@extend_schema(tags=[TAG])
class PartyDetail(_AlliancePartiesMixin, generics.RetrieveAPIView):
    """One party of the alliance, if the caller sees it."""

    queryset = Party.objects.none()  # the schema's type of `party_id`; get_object fetches

    def get_object(self):
        return party_for_user(self.request.user, self.get_alliance(), self.kwargs["party_id"])


# --- Members ----------------------------------------------------------------------------------


class MemberSerializer(serializers.ModelSerializer):
    """A member as the alliance's members table shows them."""

    name = serializers.CharField(source="user.__str__", read_only=True, help_text=_("Medlemmets navn."))
    role = serializers.ChoiceField(MemberRole.choices, read_only=True)
    party_id = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("Den part, medlemmet er med for; null: ingen part.")
    )

    class Meta:
        model = Membership
        fields = ["id", "name", "role", "party_id"]
        read_only_fields = fields


@extend_schema(tags=[TAG])
class MemberList(generics.ListAPIView):
    """The alliance's members and their roles, by role and name: for its members and
    Brobygger's staff. For everyone else the list does not exist (404)."""

    serializer_class = MemberSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Membership.objects.none()
        alliance = alliance_for_user(self.request.user, self.kwargs["slug"], see="alliances.view_members")
        return selectors.alliance_members(alliance=alliance)


# --- History ----------------------------------------------------------------------------------


class HistoryLineSerializer(serializers.Serializer):
    label = serializers.CharField(read_only=True, help_text=_("Feltets navn på læserens sprog."))
    before = serializers.CharField(
        read_only=True,
        allow_null=True, help_text=_("Værdien før, som siden viser den; null, hvis du ikke må se værdierne.")
    )
    after = serializers.CharField(
        read_only=True,
        allow_null=True, help_text=_("Værdien efter, som siden viser den; null, hvis du ikke må se værdierne.")
    )
    values_shown = serializers.BooleanField(
        read_only=True, help_text=_("Falsk: feltet er ændret, men du må ikke se værdierne.")
    )


class HistoryRecordSerializer(serializers.ModelSerializer):
    """One change, as the alliance's history page shows it to the caller."""

    action = serializers.ChoiceField(AuditAction.choices, read_only=True)
    object_type = serializers.SerializerMethodField(
        help_text=_("Hvad der er ændret, som app og model (fx alliances.party).")
    )
    object_id = serializers.SerializerMethodField(help_text=_("Null for en fortrolig post, du ikke må læse."))
    object_label = serializers.SerializerMethodField(
        help_text=_("Hvad posten hed, da den blev ændret. Null for en fortrolig post, du ikke må læse.")
    )
    hidden = serializers.BooleanField(
        read_only=True,
        help_text=_("Sand: en fortrolig post, du ikke må læse. Du ser, at den er ændret, hvornår og af hvem."),
    )
    actor_name = serializers.CharField(
        read_only=True, help_text=_("Hvem der ændrede, med navnet dengang; tom for systemet.")
    )
    on_behalf = serializers.BooleanField(
        read_only=True, help_text=_("Ændret på en parts vegne af en, der ikke repræsenterer parten.")
    )
    lines = serializers.SerializerMethodField(
        help_text=_("Hvad der ændredes, felt for felt (ikke ved oprettelse og sletning, som på siden).")
    )

    class Meta:
        model = AuditRecord
        fields = [
            "id",
            "at",
            "actor_name",
            "on_behalf",
            "action",
            "object_type",
            "object_id",
            "object_label",
            "hidden",
            "lines",
        ]
        read_only_fields = fields

    def get_object_type(self, record: AuditRecord) -> str:
        return f"{record.content_type.app_label}.{record.content_type.model}"

    def get_object_id(self, record: AuditRecord) -> int | None:
        return None if record.hidden else record.object_id

    def get_object_label(self, record: AuditRecord) -> str | None:
        return None if record.hidden else record.object_label

    @extend_schema_field(HistoryLineSerializer(many=True))
    def get_lines(self, record: AuditRecord) -> list[dict]:
        # As the page: a creation or deletion is shown without its fields.
        if record.hidden or record.action in (AuditAction.CREATED, AuditAction.DELETED):
            return []
        return [
            {
                "label": line.label,
                "before": line.old if line.values_shown else None,
                "after": line.new if line.values_shown else None,
                "values_shown": line.values_shown,
            }
            for line in record.lines
        ]


@extend_schema(tags=[TAG])
class HistoryList(generics.ListAPIView):
    """Every change to the alliance and its records, newest first: who, when and what, as
    the alliance's history page shows it. For its coordinators and Brobygger's staff; for
    everyone else it does not exist (404). A confidential record the caller may not read
    says only that something confidential changed, when and by whom."""

    serializer_class = HistoryRecordSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AuditRecord.objects.none()
        alliance = alliance_for_user(self.request.user, self.kwargs["slug"], see="alliances.view_history")
        return audit.history(alliance_id=alliance.pk)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return audit.with_lines(page, self.request.user)

@extend_schema(tags=[TAG])
class AllHistoryList(HistoryList):
    """Every change in the installation, newest first, for Brobygger's staff (as their page
    "Alle ændringer"); for everyone else it does not exist."""

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AuditRecord.objects.none()
        if not self.request.user.has_perm("core.view_all_history"):
            raise not_found()
        return audit.history()


@extend_schema(tags=[TAG])
class PartyHistoryList(HistoryList):
    """Every change to one party: its details, its ledger entries and its part of the
    agreement, newest first, as its ledger page shows it to the alliance's members and
    Brobygger's staff (for everyone else it does not exist). A confidential record the caller
    may not read says only that something confidential changed, when and by whom."""

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AuditRecord.objects.none()
        alliance = alliance_for_user(self.request.user, self.kwargs["slug"], see="alliances.view_members")
        party = party_for_user(self.request.user, alliance, self.kwargs["party_id"])
        return audit.history(party_id=party.pk)


ROUTES = [
    ApiRoute(key="alliance_list", order=0, route="alliances/", view=AllianceList.as_view(), name="alliance_list"),
    ApiRoute(
        key="alliance_detail",
        order=1,
        route="alliances/<slug:slug>/",
        view=AllianceDetail.as_view(),
        name="alliance_detail",
    ),
    ApiRoute(
        key="alliance_parties",
        order=2,
        route="alliances/<slug:slug>/parties/",
        view=PartyList.as_view(),
        name="alliance_parties",
    ),
    ApiRoute(
        key="alliance_party",
        order=3,
        route="alliances/<slug:slug>/parties/<id:party_id>/",
        view=PartyDetail.as_view(),
        name="alliance_party",
    ),
    ApiRoute(
        key="alliance_members",
        order=4,
        route="alliances/<slug:slug>/members/",
        view=MemberList.as_view(),
        name="alliance_members",
    ),
    ApiRoute(
        key="alliance_history",
        order=5,
        route="alliances/<slug:slug>/history/",
        view=HistoryList.as_view(),
        name="alliance_history",
    ),
    ApiRoute(
        key="organisation_list",
        order=6,
        route="organisations/",
        view=OrganisationList.as_view(),
        name="organisation_list",
    ),
    ApiRoute(
        key="organisation_detail",
        order=7,
        route="organisations/<id:pk>/",
        view=OrganisationDetail.as_view(),
        name="organisation_detail",
    ),
    ApiRoute(
        key="party_history",
        order=6,
        route="alliances/<slug:slug>/parties/<id:party_id>/history/",
        view=PartyHistoryList.as_view(),
        name="party_history",
    ),
    ApiRoute(
        key="alliance_phases",
        order=7,
        route="alliances/<slug:slug>/phases/",
        view=PhaseChangeList.as_view(),
        name="alliance_phases",
    ),
    ApiRoute(key="all_history", order=8, route="history/", view=AllHistoryList.as_view(), name="all_history"),
]
