"""Pages for alliances, parties, members and organisations. Views parse input, fetch
objects through access.py (which applies rules.py), call a service, and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brobygger.core import registry

from . import selectors, services
from .access import alliance_for_user, organisation_for_user, party_for_user
from .forms import (
    AllianceFilterForm,
    AllianceForm,
    InvitationForm,
    OrganisationCreateForm,
    OrganisationFilterForm,
    OrganisationForm,
    OrganisationSource,
    PartyAddForm,
    PartyForm,
    PhaseChangeForm,
)
from .models import Phase
from .rules import membership_of

ALLIANCES_PER_PAGE = 20
ORGANISATIONS_PER_PAGE = 50
MANAGE = "alliances.change_alliance"


def _render_form(request, template: str, context: dict, form) -> HttpResponse:
    """Render a form page; a form with errors answers 400 so clients and tests see the failure."""
    status = 400 if form.is_bound and form.errors else 200
    return render(request, template, {**context, "form": form}, status=status)


def _page(request, items, per_page: int):
    paginator = Paginator(items, per_page)
    return paginator.get_page(request.GET.get("side"))


# --- Alliances ---------------------------------------------------------------------------


@require_GET
def alliance_list(request: HttpRequest) -> HttpResponse:
    form = AllianceFilterForm(request.GET or None)
    alliances = selectors.alliance_list(user=request.user, filters=form.filters())
    page = _page(request, alliances.order_by("title", "pk"), ALLIANCES_PER_PAGE)
    page.object_list = list(page.object_list)
    registry.attach_alliance_summaries(page.object_list, request.user)
    query = request.GET.copy()
    query.pop("side", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    if request.htmx and request.htmx.target == "alliance-results":
        return render(request, "alliances/alliance_list.html#results", context)
    return render(request, "alliances/alliance_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def alliance_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("alliances.add_alliance"):
        raise PermissionDenied
    form = AllianceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            alliance = services.alliance_create(created_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Alliancen er oprettet. Du er dens koordinator."))
            return redirect(alliance)
    return _render_form(request, "alliances/alliance_form.html", {"creating": True}, form)


@require_GET
def alliance_detail(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug)
    can_manage = request.user.has_perm(MANAGE, alliance)
    # Already looked up (and cached on the alliance) by the permission check above.
    my_membership = membership_of(request.user, alliance)
    detail = selectors.alliance_detail(
        alliance=alliance,
        with_members=request.user.has_perm("alliances.view_members", alliance),
        with_invitations=can_manage,
    )
    registry.attach_alliance_summaries([alliance], request.user)
    return render(
        request,
        "alliances/alliance_detail.html",
        {
            "alliance": alliance,
            "detail": detail,
            "can_manage": can_manage,
            "my_party_id": my_membership.party_id if my_membership else None,
            "can_see_contacts": request.user.has_perm("alliances.view_members", alliance),
            "phase_form": PhaseChangeForm(initial={"to_phase": alliance.phase}) if can_manage else None,
            "phases": Phase.choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def alliance_edit(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, perm=MANAGE)
    initial = {
        "title": alliance.title,
        "summary": alliance.summary,
        "purpose": alliance.purpose,
        "welfare_area": alliance.welfare_area,
        "lead_organisation": alliance.lead_organisation,
        "start_date": alliance.start_date,
        "end_date": alliance.end_date,
        "visibility": alliance.visibility,
    }
    form = AllianceForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.alliance_update(alliance=alliance, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Ændringerne er gemt."))
            return redirect(alliance)
    return _render_form(
        request, "alliances/alliance_form.html", {"creating": False, "alliance": alliance}, form
    )


@login_required
@require_POST
def alliance_change_phase(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, perm=MANAGE)
    form = PhaseChangeForm(request.POST)
    if form.is_valid():
        try:
            services.alliance_change_phase(
                alliance=alliance,
                to_phase=form.cleaned_data["to_phase"],
                note=form.cleaned_data["note"],
                changed_by=request.user,
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if not request.htmx:
                messages.success(request, _("Fasen er ændret."))
                return redirect(alliance)
            form = PhaseChangeForm(initial={"to_phase": alliance.phase})
    if not request.htmx:
        return _render_form(request, "alliances/phase_form.html", {"alliance": alliance}, form)
    detail = selectors.alliance_detail(alliance=alliance, with_members=False, with_invitations=False)
    context = {
        "alliance": alliance,
        "detail": detail,
        "can_manage": True,
        "phase_form": form,
        "phases": Phase.choices,
        "phase_changed": form.is_bound is False,
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "alliances/alliance_detail.html#phase", context, status=status)


# --- Parties -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def party_add(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, perm=MANAGE)
    form = PartyAddForm(request.POST or None, alliance=alliance)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        party_fields = {
            "alliance": alliance,
            "role_description": data["role_description"],
            "contact_name": data["contact_name"],
            "contact_email": data["contact_email"],
            "contact_phone": data["contact_phone"],
        }
        try:
            if data["source"] == OrganisationSource.NEW:
                party = services.party_add_with_new_organisation(
                    name=data["new_name"],
                    kind=data["new_kind"],
                    cvr=data["new_cvr"],
                    ean=data["new_ean"],
                    **party_fields,
                )
            else:
                party = services.party_add(organisation=data["organisation"], **party_fields)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request, _("%(name)s er nu part i alliancen.") % {"name": party.organisation.name}
            )
            return redirect(alliance)
    return _render_form(request, "alliances/party_add.html", {"alliance": alliance}, form)


@login_required
@require_http_methods(["GET", "POST"])
def party_edit(request: HttpRequest, slug: str, party_id: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug)
    party = party_for_user(request.user, alliance, party_id, perm="alliances.change_party")
    initial = {
        "role_description": party.role_description,
        "contact_name": party.contact_name,
        "contact_email": party.contact_email,
        "contact_phone": party.contact_phone,
    }
    form = PartyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.party_update(party=party, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Partens oplysninger er gemt."))
            return redirect(alliance)
    return _render_form(
        request, "alliances/party_form.html", {"alliance": alliance, "party": party}, form
    )


# --- Members -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def member_invite(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, perm=MANAGE)
    form = InvitationForm(request.POST or None, alliance=alliance)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = services.invitation_create(
                alliance=alliance,
                invited_by=request.user,
                base_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("Invitationen er sendt til %(email)s.") % {"email": invitation.email},
            )
            return redirect(alliance)
    return _render_form(request, "alliances/member_invite.html", {"alliance": alliance}, form)


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, perm=MANAGE)
    membership = selectors.membership_for(alliance=alliance, pk=membership_id)
    if membership is None:
        raise Http404
    error_message = ""
    if request.method == "POST":
        try:
            services.membership_remove(membership=membership)
        except ValidationError as error:
            error_message = " ".join(error.messages)
        else:
            messages.success(
                request, _("%(name)s er fjernet fra alliancen.") % {"name": membership.user}
            )
            return redirect(alliance)
    return render(
        request,
        "alliances/member_remove.html",
        {"alliance": alliance, "membership": membership, "error_message": error_message},
        status=400 if error_message else 200,
    )


# --- Organisations -------------------------------------------------------------------------


@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    search, kind = "", ""
    if form.is_valid():
        search, kind = form.cleaned_data["q"].strip(), form.cleaned_data["type"]
    page = _page(request, selectors.organisation_list(search=search, kind=kind), ORGANISATIONS_PER_PAGE)
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "alliances/organisation_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("alliances.add_organisation"):
        raise PermissionDenied
    form = OrganisationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(**form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Organisationen er oprettet."))
            return redirect(organisation)
    return _render_form(request, "alliances/organisation_create.html", {}, form)


@require_GET
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_for_user(request.user, pk)
    return render(
        request,
        "alliances/organisation_detail.html",
        {
            "organisation": organisation,
            "detail": selectors.organisation_detail(organisation=organisation, user=request.user),
            "can_edit": request.user.has_perm("alliances.change_organisation", organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_for_user(request.user, pk, perm="alliances.change_organisation")
    initial = {
        "name": organisation.name,
        "cvr": organisation.cvr,
        "ean": organisation.ean,
        "website": organisation.website,
        "description": organisation.description,
    }
    form = OrganisationForm(request.POST or None, initial=initial, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = {"ean": "", **form.cleaned_data}
        try:
            services.organisation_update(organisation=organisation, **data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Organisationens oplysninger er gemt."))
            return redirect(organisation)
    return _render_form(
        request, "alliances/organisation_form.html", {"organisation": organisation}, form
    )


