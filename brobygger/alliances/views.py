"""Pages for alliances, parties, members and organisations. Views parse input, fetch
objects through access.py (which applies rules.py), call a service, and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brobygger.core import registry

from . import selectors, services
from .access import (
    affiliation_request_for_user,
    alliance_for_user,
    organisation_for_user,
    party_for_user,
)
from .forms import (
    AffiliationRequestForm,
    AffiliationSearchForm,
    AllianceFilterForm,
    AllianceForm,
    InvitationForm,
    OrganisationCreateForm,
    OrganisationDomainForm,
    OrganisationFilterForm,
    OrganisationForm,
    OrganisationSource,
    PartyAddForm,
    PartyForm,
    PhaseChangeForm,
)
from .models import Phase
from .rules import membership_of, verified_organisation_id
from .tokens import affiliation_for_token

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


def _organisation_page_context(request: HttpRequest, organisation, *, domain_form=None) -> dict:
    user = request.user
    manages_domains = user.has_perm("alliances.manage_organisation_domains", organisation)
    return {
        "organisation": organisation,
        "detail": selectors.organisation_detail(organisation=organisation, user=user),
        "can_edit": user.has_perm("alliances.change_organisation", organisation),
        "is_mine": verified_organisation_id(user) == organisation.pk,
        "requests": (
            list(selectors.affiliation_requests(organisation=organisation))
            if user.has_perm("alliances.view_affiliation_requests", organisation)
            else None
        ),
        "domains": selectors.organisation_domains(organisation) if manages_domains else None,
        "domain_form": (domain_form or OrganisationDomainForm()) if manages_domains else None,
        "request_form": AffiliationRequestForm(initial={"organisation": organisation.pk}),
        "today": timezone.localdate(),
    }


@require_GET
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_for_user(request.user, pk)
    return render(
        request, "alliances/organisation_detail.html", _organisation_page_context(request, organisation)
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




# --- Who works where ------------------------------------------------------------------------

AFFILIATION_REQUESTS_PER_PAGE = 50


@login_required
@require_http_methods(["GET", "POST"])
def affiliation(request: HttpRequest) -> HttpResponse:
    """The user's own organisation: whether it is verified, and a way to ask for it."""
    search_form = AffiliationSearchForm(request.GET or None)
    request_form = AffiliationRequestForm(request.POST or None)
    if request.method == "POST" and request_form.is_valid():
        organisation = request_form.cleaned_data["organisation"]
        try:
            _affiliation, link_sent = services.affiliation_request(
                user=request.user,
                organisation=organisation,
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            request_form.add_service_error(error)
        else:
            if link_sent:
                message = _(
                    "Vi har sendt et link til %(email)s. Følg det for at bekræfte, at du arbejder i %(name)s."
                )
            else:
                message = _(
                    "Din anmodning er sendt. En bekræftet medarbejder i %(name)s eller Brobyggers personale skal godkende den."
                )
            messages.success(request, message % {"email": request.user.email, "name": organisation.name})
            return redirect("alliances:affiliation")
    search = search_form.cleaned_data["q"].strip() if search_form.is_valid() else ""
    today = timezone.localdate()
    context = {
        "search_form": search_form,
        "form": request_form,
        "current": selectors.affiliation_of(request.user),
        "suggestion": selectors.domain_owner(request.user.email),
        "search": search,
        "candidates": selectors.affiliation_candidates(search=search, day=today),
    }
    failed = (request_form.is_bound and request_form.errors) or (search_form.is_bound and search_form.errors)
    return render(request, "alliances/affiliation.html", context, status=400 if failed else 200)


@login_required
@require_POST
def affiliation_end(request: HttpRequest) -> HttpResponse:
    current = selectors.affiliation_of(request.user)
    services.affiliation_end(user=request.user)
    if current is not None:
        if current.is_verified:
            message = _("Du er ikke længere tilknyttet %(name)s.")
        else:
            message = _("Din anmodning om at blive tilknyttet %(name)s er trukket tilbage.")
        messages.success(request, message % {"name": current.organisation.name})
    return redirect("alliances:affiliation")


@require_http_methods(["GET", "POST"])
def affiliation_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link sent to the user's address. Confirming takes a click (a POST), so a mail
    scanner that opens the link confirms nothing."""
    pending = affiliation_for_token(token)
    if pending is None:
        return render(request, "alliances/affiliation_link_invalid.html", status=404)
    error_message = ""
    if request.method == "POST":
        try:
            confirmed = services.affiliation_confirm_email(token=token)
        except ValidationError as error:
            error_message = " ".join(error.messages)
        else:
            messages.success(
                request,
                _("Tak. Du er nu bekræftet som medarbejder i %(name)s.") % {"name": confirmed.organisation.name},
            )
            return redirect("alliances:affiliation")
    return render(
        request,
        "alliances/affiliation_confirm.html",
        {"pending": pending, "error_message": error_message},
        status=400 if error_message else 200,
    )


def _back_after_decision(request: HttpRequest, affiliation) -> HttpResponse:
    if request.POST.get("tilbage") == "personale" and request.user.has_perm("alliances.review_all_affiliations"):
        return redirect("alliances:affiliation_review")
    return redirect(affiliation.organisation)


@login_required
@require_POST
def affiliation_approve(request: HttpRequest, pk: int) -> HttpResponse:
    affiliation = affiliation_request_for_user(request.user, pk)
    try:
        services.affiliation_approve(affiliation=affiliation, approver=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(person)s er bekræftet som medarbejder i %(name)s.")
            % {"person": affiliation.user, "name": affiliation.organisation.name},
        )
    return _back_after_decision(request, affiliation)


@login_required
@require_POST
def affiliation_reject(request: HttpRequest, pk: int) -> HttpResponse:
    affiliation = affiliation_request_for_user(request.user, pk)
    services.affiliation_reject(affiliation=affiliation, rejected_by=request.user)
    messages.success(
        request,
        _("Anmodningen fra %(person)s er afvist.") % {"person": affiliation.user},
    )
    return _back_after_decision(request, affiliation)


@login_required
@require_GET
def affiliation_review(request: HttpRequest) -> HttpResponse:
    """Staff: every open request, the accounts carried over from before verification first
    among them, each verified in one click."""
    if not request.user.has_perm("alliances.review_all_affiliations"):
        raise Http404(_("Siden findes ikke."))
    page = _page(request, selectors.affiliation_requests(), AFFILIATION_REQUESTS_PER_PAGE)
    return render(request, "alliances/affiliation_review.html", {"page": page, "query": ""})


@login_required
@require_POST
def organisation_domain_add(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_for_user(request.user, pk, perm="alliances.manage_organisation_domains")
    form = OrganisationDomainForm(request.POST)
    if form.is_valid():
        try:
            registered = services.organisation_domain_add(
                organisation=organisation, domain=form.cleaned_data["domain"], added_by=request.user
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("%(domain)s er registreret for %(name)s.") % {"domain": registered.domain, "name": organisation.name},
            )
            return redirect(organisation)
    return render(
        request,
        "alliances/organisation_detail.html",
        _organisation_page_context(request, organisation, domain_form=form),
        status=400,
    )


@login_required
@require_POST
def organisation_domain_remove(request: HttpRequest, pk: int, domain_id: int) -> HttpResponse:
    organisation = organisation_for_user(request.user, pk, perm="alliances.manage_organisation_domains")
    domain = selectors.organisation_domain_for(organisation=organisation, pk=domain_id)
    if domain is None:
        raise Http404(_("Siden findes ikke."))
    services.organisation_domain_remove(domain=domain, removed_by=request.user)
    messages.success(request, _("%(domain)s er fjernet.") % {"domain": domain.domain})
    return redirect(organisation)
