"""The Django admin for the foundation's models: for looking, not for writing past the
services. Alliances, parties, members, invitations and the reference data are read-only
here (the site's pages change them, through the services and their rules and audit);
an organisation's details and a user's organisation are saved through the services."""

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


class ReadOnlyAdminMixin:
    """Shown, never written: no adding, changing or deleting, whatever the user's
    permissions (a staff member who may view sees every field read-only)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None):
        return self.fields or [field.name for field in self.model._meta.fields]


class PartyInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Party
    extra = 0
    fields = ["organisation", "role_description", "contact_name", "contact_email", "contact_phone"]


class MembershipInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "party"]


class PhaseChangeInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = PhaseChange
    extra = 0
    fields = ["from_phase", "to_phase", "changed_by", "changed_at", "note"]


class OrganisationDomainInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Staff register domains on the organisation's own page."""

    model = OrganisationDomain
    extra = 0
    fields = ["domain", "added_by", "added_at"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """Organisations are created on the site; here staff correct their details and fill in
    an official code once published (Region Østdanmark's), through the service."""

    list_display = ["name", "kind", "official_code", "cvr", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name", "cvr", "official_code"]
    fields = ["name", "kind", "official_code", "cvr", "ean", "website", "description", "valid_from", "valid_to"]
    readonly_fields = ["kind", "valid_from", "valid_to"]

    def get_readonly_fields(self, request, obj=None):
        # A municipality's or region's name follows the reference data; its code is set here.
        if obj is not None and obj.is_authority:
            return [*self.readonly_fields, "name"]
        return [*self.readonly_fields, "official_code"]
    inlines = [OrganisationDomainInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        services.organisation_update(
            actor=request.user,
            organisation=Organisation.objects.get(pk=obj.pk),
            name=data.get("name", obj.name),
            cvr=data["cvr"],
            ean=data["ean"],
            website=data["website"],
            description=data["description"],
            official_code=data.get("official_code"),
        )


@admin.register(MunicipalityRegion)
class MunicipalityRegionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["municipality", "region", "valid_from", "valid_to"]
    list_filter = ["region"]
    search_fields = ["municipality__name"]


@admin.register(Alliance)
class AllianceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "welfare_area", "phase", "visibility", "lead_organisation"]
    list_filter = ["welfare_area", "phase", "visibility"]
    search_fields = ["title", "summary"]
    inlines = [PartyInline, MembershipInline, PhaseChangeInline]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["email", "alliance", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email", "name", "alliance__title"]
    exclude = ["token_hash"]


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
            services.affiliation_email_changed(
                actor=request.user, user=obj, base_url=request.build_absolute_uri("/")
            )

    def save_formset(self, request, form, formset, change):
        if formset.model is not Affiliation:
            return super().save_formset(request, form, formset, change)
        user = form.instance
        for inline in formset.forms:
            if inline in formset.deleted_forms:
                services.affiliation_end(actor=request.user, user=user)
            elif inline.has_changed() and inline.cleaned_data.get("organisation"):
                services.affiliation_set_by_staff(
                    actor=request.user, user=user, organisation=inline.cleaned_data["organisation"]
                )
        return None
