from django.contrib import admin

from .models import (
    Alliance,
    Invitation,
    Membership,
    MunicipalityRegion,
    Organisation,
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
