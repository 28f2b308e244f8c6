from django.contrib import admin

from brobygger.accounts.admin import UserAdmin
from brobygger.accounts.models import User

from . import services
from .models import (
    Affiliation,
    Alliance,
    Invitation,
    Membership,
    MunicipalityRegion,
    Organisation,
    OrganisationDomain,
    Party,
    PhaseChange,
)


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0
    autocomplete_fields = ["organisation"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class PhaseChangeInline(admin.TabularInline):
    model = PhaseChange
    extra = 0
    readonly_fields = ["from_phase", "to_phase", "changed_by", "changed_at", "note"]
    can_delete = False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "official_code", "cvr", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name", "cvr", "official_code"]


@admin.register(MunicipalityRegion)
class MunicipalityRegionAdmin(admin.ModelAdmin):
    list_display = ["municipality", "region", "valid_from", "valid_to"]
    list_filter = ["region"]
    search_fields = ["municipality__name"]


@admin.register(Alliance)
class AllianceAdmin(admin.ModelAdmin):
    list_display = ["title", "welfare_area", "phase", "visibility", "lead_organisation"]
    list_filter = ["welfare_area", "phase", "visibility"]
    search_fields = ["title", "summary"]
    # The phase changes through the site, where each step is recorded.
    readonly_fields = ["slug", "phase", "created_by", "created_at", "updated_at"]
    autocomplete_fields = ["lead_organisation"]
    inlines = [PartyInline, MembershipInline, PhaseChangeInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "alliance", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email", "name", "alliance__title"]
    exclude = ["token_hash"]
    readonly_fields = ["accepted_at", "accepted_by", "invited_by"]


class OrganisationDomainInline(admin.TabularInline):
    """Shown, not edited: staff register domains on the organisation's own page."""

    model = OrganisationDomain
    extra = 0
    fields = ["domain", "added_by", "added_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


OrganisationAdmin.inlines = [OrganisationDomainInline]


class AffiliationInline(admin.StackedInline):
    """A user's organisation, verified through the services: staff set it here."""

    model = Affiliation
    fk_name = "user"
    extra = 0
    max_num = 1
    fields = ["organisation", "status", "method", "verified_by", "verified_email", "verified_at", "requested_at", "note"]
    readonly_fields = ["status", "method", "verified_by", "verified_email", "verified_at", "requested_at", "note"]
    autocomplete_fields = ["organisation"]


admin.site.unregister(User)


@admin.register(User)
class UserWithAffiliationAdmin(UserAdmin):
    """The accounts app's user admin, with the user's organisation. Setting it here is
    setting it by staff; changing the email re-runs the verification rule."""

    inlines = [AffiliationInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "email" in form.changed_data:
            services.affiliation_email_changed(user=obj, base_url=request.build_absolute_uri("/"))

    def save_formset(self, request, form, formset, change):
        if formset.model is not Affiliation:
            return super().save_formset(request, form, formset, change)
        user = form.instance
        for inline in formset.forms:
            if inline in formset.deleted_forms:
                services.affiliation_end(user=user)
            elif inline.has_changed() and inline.cleaned_data.get("organisation"):
                services.affiliation_set_by_staff(
                    user=user, organisation=inline.cleaned_data["organisation"], staff=request.user
                )
        return None
