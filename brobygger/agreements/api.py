"""The partnering agreement's endpoints under /api/v1/: the agreement as its page shows it,
and every version as the history page shows them. Like the pages they are for the
alliance's members and staff only (rules.py, agreements.view_agreement), even on a public
alliance: everyone else gets 404, as for an alliance they do not see."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers

from brobygger.accounts.models import User
from brobygger.alliances.access import alliance_for_user
from brobygger.core.registry import ApiRoute

from . import selectors
from .models import PartVersion, TermsVersion
from .selectors import VERSION_KIND_PART, VERSION_KIND_TERMS, SignatureStatus

TAG = "aftaler"
VIEW = "agreements.view_agreement"

AUTHOR_HELP = _("Navnet på den, der skrev versionen; null, hvis brugeren er slettet.")
SIGNER_HELP = _(
    "Navnet på den, der underskrev, som det blev skrevet ved underskriften; null, hvis versionen ikke er underskrevet."
)
SIGNED_TERMS_HELP = _("Nummeret på den version af de fælles vilkår, der blev underskrevet mod.")
ON_BEHALF_HELP = _("Skrevet af en koordinator eller personalet på partens vegne.")


def _label(model, name: str):
    """A text field's heading on the pages, as its description."""
    return model._meta.get_field(name).verbose_name


class BlankAsNullCharField(serializers.CharField):
    """A text that is empty until something happens (a signer's name): null until then."""

    def to_representation(self, value) -> str | None:
        return str(value) or None


class AgreementTermsSerializer(serializers.ModelSerializer):
    """The version of the shared terms in force: the newest."""

    created_by = serializers.StringRelatedField(allow_null=True, help_text=AUTHOR_HELP)

    class Meta:
        model = TermsVersion
        fields = [
            "number",
            "shared_why",
            "governance",
            "ending",
            "created_at",
            "created_by",
            "change_note",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "number": {"help_text": _("Versionens nummer, fra 1.")},
            "created_at": {"help_text": _("Hvornår versionen blev skrevet.")},
        }


class PartSignatureSerializer(serializers.Serializer):
    """A signed version of a party's part."""

    number = serializers.IntegerField(help_text=_("Den underskrevne version af partens del."))
    signed_by_name = serializers.CharField(help_text=_("Navnet på den, der underskrev."))
    signed_at = serializers.DateTimeField()
    signed_terms = serializers.IntegerField(
        source="signed_terms.number", help_text=SIGNED_TERMS_HELP
    )


class AgreementPartSerializer(serializers.Serializer):
    """A party's part of the agreement in force (its newest version, if it has written one)
    and its signature status."""

    party_id = serializers.IntegerField(source="party.pk")
    organisation = serializers.CharField(source="party.organisation.name")
    organisation_id = serializers.IntegerField(source="party.organisation_id")
    sector = serializers.CharField(
        source="party.organisation.sector",
        help_text=_("Partens sektor: offentlig, privat eller civil."),
    )
    signature_status = serializers.ChoiceField(
        source="status",
        choices=list(SignatureStatus.LABELS.items()),
        help_text=_(
            "Som på aftalens side: underskrevet er kun den nyeste version, underskrevet mod de "
            "gældende fælles vilkår."
        ),
    )
    signature_status_label = serializers.CharField(
        source="status_label", help_text=_("Status, som siden viser den, på forespørgslens sprog.")
    )
    needs_signature = serializers.BooleanField(
        help_text=_(
            "Partens del er skrevet, men den nyeste version er ikke underskrevet mod de gældende vilkår."
        )
    )
    logic_label = serializers.CharField(
        help_text=_("Overskriften på feltet logic for partens sektor.")
    )
    limits_label = serializers.CharField(
        help_text=_("Overskriften på feltet limits for partens sektor.")
    )
    number = serializers.IntegerField(
        source="current.number",
        allow_null=True,
        help_text=_("Nummeret på partens nyeste version; null, hvis ikke skrevet."),
    )
    reason = serializers.CharField(
        source="current.reason", allow_null=True, help_text=_label(PartVersion, "reason")
    )
    logic = serializers.CharField(
        source="current.logic", allow_null=True, help_text=_label(PartVersion, "logic")
    )
    limits = serializers.CharField(
        source="current.limits", allow_null=True, help_text=_label(PartVersion, "limits")
    )
    commitments = serializers.CharField(
        source="current.commitments", allow_null=True, help_text=_label(PartVersion, "commitments")
    )
    created_at = serializers.DateTimeField(source="current.created_at", allow_null=True)
    created_by = serializers.StringRelatedField(
        source="current.created_by", allow_null=True, help_text=AUTHOR_HELP
    )
    written_on_behalf = serializers.BooleanField(
        source="current.on_behalf", allow_null=True, help_text=ON_BEHALF_HELP
    )
    signed_by_name = BlankAsNullCharField(
        source="current.signed_by_name", allow_null=True, help_text=SIGNER_HELP
    )
    signed_at = serializers.DateTimeField(source="current.signed_at", allow_null=True)
    signed_terms = serializers.IntegerField(
        source="current.signed_terms.number", allow_null=True, help_text=SIGNED_TERMS_HELP
    )
    last_signed = PartSignatureSerializer(
        allow_null=True,
        help_text=_(
            "Den nyeste underskrevne version (kan være den nyeste version); null, hvis aldrig underskrevet."
        ),
    )


class AgreementSerializer(serializers.Serializer):
    """The alliance's partnering agreement in force."""

    alliance = serializers.CharField(
        source="alliance.slug", help_text=_("Alliancens adresse (slug).")
    )
    revisit_on = serializers.DateField(
        source="agreement.revisit_on",
        allow_null=True,
        help_text=_("Aftalen gennemgås igen senest denne dag."),
    )
    signed_count = serializers.IntegerField(
        help_text=_("Antal parter, hvis del er underskrevet mod de gældende vilkår.")
    )
    terms = AgreementTermsSerializer(
        allow_null=True, help_text=_("De gældende fælles vilkår; null, før de er skrevet.")
    )
    parts = AgreementPartSerializer(
        many=True, help_text=_("Hver part i alliancen, efter organisationens navn.")
    )


class AgreementVersionSerializer(serializers.Serializer):
    """One version of the shared terms (kind "terms") or of a party's part (kind "part").
    The fields of the other kind are null."""

    kind = serializers.ChoiceField(
        choices=[
            (VERSION_KIND_TERMS, _("De fælles vilkår")),
            (VERSION_KIND_PART, _("En parts del")),
        ]
    )
    number = serializers.IntegerField(
        help_text=_("Versionens nummer, fra 1 for de fælles vilkår og for hver part.")
    )
    party_id = serializers.IntegerField(
        allow_null=True, help_text=_("Parten, hvis del det er; null for vilkårene.")
    )
    organisation = serializers.CharField(
        allow_null=True, help_text=_("Partens organisation; null for vilkårene.")
    )
    created_at = serializers.DateTimeField()
    created_by = serializers.SerializerMethodField(help_text=AUTHOR_HELP)
    written_on_behalf = serializers.BooleanField(source="on_behalf", help_text=ON_BEHALF_HELP)
    change_note = serializers.CharField(
        allow_null=True, help_text=_("Hvad er ændret (vilkårene); null for en parts del.")
    )
    shared_why = serializers.CharField(
        allow_null=True, help_text=_label(TermsVersion, "shared_why")
    )
    governance = serializers.CharField(
        allow_null=True, help_text=_label(TermsVersion, "governance")
    )
    ending = serializers.CharField(allow_null=True, help_text=_label(TermsVersion, "ending"))
    reason = serializers.CharField(allow_null=True, help_text=_label(PartVersion, "reason"))
    logic = serializers.CharField(allow_null=True, help_text=_label(PartVersion, "logic"))
    limits = serializers.CharField(allow_null=True, help_text=_label(PartVersion, "limits"))
    commitments = serializers.CharField(
        allow_null=True, help_text=_label(PartVersion, "commitments")
    )
    signed_by_name = serializers.CharField(
        source="signer_name", allow_null=True, help_text=SIGNER_HELP
    )
    signed_at = serializers.DateTimeField(allow_null=True)
    signed_terms = serializers.IntegerField(
        source="signed_terms_number", allow_null=True, help_text=SIGNED_TERMS_HELP
    )

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_created_by(self, row: dict) -> str | None:
        if row["author_username"] is None:
            return None
        # The name as the history page writes it (User.__str__), from the row's columns.
        author = User(
            first_name=row["author_first_name"],
            last_name=row["author_last_name"],
            username=row["author_username"],
        )
        return str(author)


@extend_schema(tags=[TAG])
class AgreementDetail(generics.RetrieveAPIView):
    """The alliance's partnering agreement as its page shows it: the revisit date, the shared
    terms in force, and each party's part in force with its signature status. An alliance
    without an agreement yet answers as its page does: no terms (null) and every party's
    part `mangler`. For the alliance's members and staff; 404 for everyone else."""

    serializer_class = AgreementSerializer

    def get_object(self) -> selectors.AgreementOverview:
        alliance = alliance_for_user(self.request.user, self.kwargs["slug"], see=VIEW)
        return selectors.agreement_overview(alliance=alliance)


@extend_schema(tags=[TAG])
class AgreementVersionList(generics.ListAPIView):
    """Every version of the shared terms and of each party's part, as the agreement's
    history page shows them, with each part version's signature: the oldest number first,
    at the same number the terms before the parts and the parts by party. Nothing in the
    agreement is overwritten, so the list only grows. For the alliance's members and staff;
    404 for everyone else."""

    serializer_class = AgreementVersionSerializer

    def get_queryset(self):
        alliance = alliance_for_user(self.request.user, self.kwargs["slug"], see=VIEW)
        return selectors.agreement_versions(alliance=alliance)


ROUTES = [
    ApiRoute(
        key="agreement",
        order=20,
        route="alliances/<slug:slug>/agreement/",
        view=AgreementDetail.as_view(),
        name="agreement",
    ),
    ApiRoute(
        key="agreement_versions",
        order=21,
        route="alliances/<slug:slug>/agreement/versions/",
        view=AgreementVersionList.as_view(),
        name="agreement_versions",
    ),
]
