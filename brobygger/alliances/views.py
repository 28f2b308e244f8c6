"""Pages for alliances, parties, members and organisations. Views parse input, fetch
objects through access.py (which applies rules.py), call a service, and render."""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from brobygger.accounts.forms import AcceptInvitationForm
from brobygger.accounts.selectors import user_by_email
from brobygger.core import audit, registry
from brobygger.core.forms import cached_field_groups
from brobygger.core.permissions import require
from brobygger.core.shortcuts import render_form

from . import selectors, services
from .access import (
    affiliation_request_for_user,
    alliance_for_user,
    organisation_for_user,
    party_for_user,
)
from .cards import attach_cards
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
from .models import MemberRole, Phase
from .rules import is_last_coordinator, membership_in, verified_organisation_id
from .tokens import affiliation_for_token

ALLIANCES_PER_PAGE = 20
ORGANISATIONS_PER_PAGE = 50
# An organisation's page lists its alliances a page at a time (Aarhus is in hundreds).
ORGANISATION_ALLIANCES_PER_PAGE = 50
MANAGE = "alliances.change_alliance"


def _render_form(request, template: str, context: dict, form) -> HttpResponse:
    return render_form(request, template, {**context, "form": form}, form)


def _page(request, items, per_page: int):
    paginator = Paginator(items, per_page)
    return paginator.get_page(request.GET.get("side"))


# --- Alliances ---------------------------------------------------------------------------


@require_safe
def alliance_list(request: HttpRequest) -> HttpResponse:
    form = AllianceFilterForm(request.GET or None)
    alliances = selectors.alliance_list(user=request.user, filters=form.filters(), with_parties=False)
    # The page as ids alone: the cards are kept rendered, and an alliance whose card is not
    # is read whole when it is rendered (cards.py).
    page = _page(request, alliances.select_related(None).only("pk").order_by("title", "pk"), ALLIANCES_PER_PAGE)
    page.object_list = list(page.object_list)
    attach_cards(page.object_list, request.user)
    query = request.GET.copy()
    query.pop("side", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    if request.htmx and request.htmx.target == "alliance-results":
        return render(request, "alliances/alliance_list.html#results", context)
    # The filters with choices, rendered once for each choice (the search field is free text).
    context["choice_fields"] = cached_field_groups(form, [name for name in form.fields if name != "q"])
    return render(request, "alliances/alliance_list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def alliance_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "alliances.add_alliance")
    form = AllianceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            alliance = services.alliance_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Alliancen er oprettet. Du er dens koordinator."))
            return redirect(alliance)
    return _render_form(request, "alliances/alliance_form.html", {}, form)


@require_safe
def alliance_detail(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug)
    can_manage = request.user.has_perm(MANAGE, alliance)
    # Already looked up (and kept for the request) by the permission check above.
    my_membership = membership_in(request.user, alliance)
    registry.attach_alliance_summaries([alliance], request.user)
    my_party = my_membership.party if my_membership and my_membership.party_id else None
    if my_party is not None:
        my_party.alliance = alliance  # the capabilities build their addresses from it

    def body_context() -> dict:
        can_see_members = request.user.has_perm("alliances.view_members", alliance)
        detail = selectors.alliance_detail(alliance=alliance, with_members=can_see_members, with_invitations=can_manage)
        # The page offers only what the rules allow (no link that answers 403).
        parties = [party for _label, group in detail.parties_by_sector for party in group]
        coordinator_ids = [m.pk for m in detail.memberships if m.role == MemberRole.COORDINATOR]
        return {
            "alliance": alliance,
            "detail": detail,
            "can_manage": can_manage,
            "editable_party_ids": {p.pk for p in parties if request.user.has_perm("alliances.change_party", p)},
            "removable_membership_ids": {
                m.pk for m in detail.memberships if can_manage and not is_last_coordinator(m, coordinator_ids)
            },
            "can_see_contacts": can_see_members,
            "phase_form": PhaseChangeForm(initial={"to_phase": alliance.phase}) if can_manage else None,
            "phases": Phase.choices,
        }

    if can_manage:
        # Coordinators and staff get forms (invitations, the phase): rendered for them alone.
        body = render_to_string("alliances/includes/alliance_body.html", body_context(), request=request)
    else:
        # Everyone else reads the purpose, parties, members and phases as their relation to the
        # alliance shows them (what they may edit is their own party's): kept rendered.
        body = registry.kept_alliance_markup(
            "alliance_body", alliance, request.user, "alliances/includes/alliance_body.html", body_context
        )
    return render(
        request,
        "alliances/alliance_detail.html",
        {
            "alliance": alliance,
            "can_manage": can_manage,
            "body": body,
            # "Din part": where the member's own party's pages are and what they still lack.
            "my_party": my_party,
            "my_party_entries": registry.party_page_entries(my_party, request.user) if my_party else [],
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
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
            services.alliance_update(actor=request.user, alliance=alliance, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Ændringerne er gemt."))
            return redirect(alliance)
    return _render_form(request, "alliances/alliance_edit.html", {"alliance": alliance}, form)


@login_required
@require_POST
def alliance_change_phase(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, perm=MANAGE)
    form = PhaseChangeForm(request.POST)
    if form.is_valid():
        try:
            services.alliance_change_phase(
                actor=request.user,
                alliance=alliance,
                to_phase=form.cleaned_data["to_phase"],
                note=form.cleaned_data["note"],
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
    detail = selectors.alliance_detail(
        alliance=alliance, with_members=False, with_invitations=False, with_phase_authors=True
    )
    context = {
        "alliance": alliance,
        "detail": detail,
        "can_manage": True,
        # Coordinators and staff are the ones here: they see who changed the phase and why.
        "can_see_contacts": True,
        "phase_form": form,
        "phases": Phase.choices,
        "phase_changed": form.is_bound is False,
    }
    return render_form(request, "alliances/includes/alliance_body.html#phase", context, form)


# --- Parties -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def party_add(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, perm=MANAGE)
    form = PartyAddForm(request.POST or None, alliance=alliance)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        party_fields = {
            "actor": request.user,
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
@require_http_methods(["GET", "HEAD", "POST"])
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
            services.party_update(actor=request.user, party=party, **form.cleaned_data)
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
@require_http_methods(["GET", "HEAD", "POST"])
def member_invite(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, perm=MANAGE)
    form = InvitationForm(request.POST or None, alliance=alliance)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = services.invitation_create(
                actor=request.user,
                alliance=alliance,
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
@require_http_methods(["GET", "HEAD", "POST"])
def member_remove(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, perm=MANAGE)
    membership = selectors.membership_for(alliance=alliance, pk=membership_id)
    if membership is None:
        raise Http404
    error_message = ""
    if request.method == "POST":
        try:
            services.membership_remove(actor=request.user, membership=membership)
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


def _open_invitation(request: HttpRequest, slug: str, invitation_id: int):
    """The alliance (which the user manages) and one of its unanswered invitations, else 404."""
    alliance = alliance_for_user(request.user, slug, perm=MANAGE)
    invitation = selectors.open_invitation_in(alliance=alliance, pk=invitation_id)
    if invitation is None:
        raise Http404(_("Siden findes ikke."))
    return alliance, invitation


@login_required
@require_POST
def invitation_withdraw(request: HttpRequest, slug: str, invitation_id: int) -> HttpResponse:
    alliance, invitation = _open_invitation(request, slug, invitation_id)
    try:
        services.invitation_withdraw(actor=request.user, invitation=invitation)
    except ValidationError as error:  # answered or withdrawn a moment ago
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Invitationen til %(name)s er trukket tilbage. Linket i e-mailen virker ikke længere.")
            % {"name": invitation.name},
        )
    return redirect(f"{alliance.get_absolute_url()}#members-heading")


@login_required
@require_POST
def invitation_resend(request: HttpRequest, slug: str, invitation_id: int) -> HttpResponse:
    alliance, invitation = _open_invitation(request, slug, invitation_id)
    try:
        invitation, _token = services.invitation_resend(
            actor=request.user, invitation=invitation, base_url=request.build_absolute_uri("/")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Invitationen er sendt igen til %(email)s med et nyt link. Det gamle link virker ikke længere.")
            % {"email": invitation.email},
        )
    return redirect(f"{alliance.get_absolute_url()}#members-heading")


# --- Organisations -------------------------------------------------------------------------


@require_safe
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
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "alliances.add_organisation")
    form = OrganisationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Organisationen er oprettet."))
            return redirect(organisation)
    return _render_form(request, "alliances/organisation_create.html", {}, form)


def _alliance_links(alliances) -> str:
    """The organisation's alliances as list items, each a link with its phase, written in
    Python: the template engine spent almost 2 ms on a page of fifty (docs/performance.md)."""
    return format_html_join(
        "",
        '<li><a href="{}">{}</a> – {}</li>',
        ((alliance.get_absolute_url(), alliance.title, alliance.get_phase_display().lower()) for alliance in alliances),
    )


def _organisation_page_context(request: HttpRequest, organisation, *, domain_form=None) -> dict:
    user = request.user
    manages_domains = user.has_perm("alliances.manage_organisation_domains", organisation)
    detail = selectors.organisation_detail(organisation=organisation, user=user)
    alliances = _page(request, detail.alliances, ORGANISATION_ALLIANCES_PER_PAGE)
    return {
        "organisation": organisation,
        "detail": detail,
        "alliances": alliances,
        "alliance_links": _alliance_links(alliances.object_list),
        "can_edit": user.has_perm("alliances.change_organisation", organisation),
        "is_mine": verified_organisation_id(user) == organisation.pk,
        "requests": (
            list(selectors.affiliation_requests(organisation=organisation))
            if user.has_perm("alliances.view_affiliation_requests", organisation)
            else None
        ),
        "awaiting": (
            selectors.parties_awaiting_answer(organisation=organisation)
            if user.has_perm("alliances.view_affiliation_requests", organisation)
            else None
        ),
        "domains": selectors.organisation_domains(organisation) if manages_domains else None,
        "domain_form": (domain_form or OrganisationDomainForm()) if manages_domains else None,
        "request_form": AffiliationRequestForm(initial={"organisation": organisation.pk}),
        "today": timezone.localdate(),
        "sections": registry.organisation_sections_for(user, organisation),
    }


@require_safe
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_for_user(request.user, pk)
    return render(
        request, "alliances/organisation_detail.html", _organisation_page_context(request, organisation)
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
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
            services.organisation_update(actor=request.user, organisation=organisation, **data)
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
@require_http_methods(["GET", "HEAD", "POST"])
def affiliation(request: HttpRequest) -> HttpResponse:
    """The user's own organisation: whether it is verified, and a way to ask for it."""
    search_form = AffiliationSearchForm(request.GET or None)
    request_form = AffiliationRequestForm(request.POST or None)
    if request.method == "POST" and request_form.is_valid():
        organisation = request_form.cleaned_data["organisation"]
        try:
            _affiliation, link_sent = services.affiliation_request(
                actor=request.user,
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
    return render_form(request, "alliances/affiliation.html", context, request_form, search_form)


@login_required
@require_POST
def affiliation_end(request: HttpRequest) -> HttpResponse:
    current = selectors.affiliation_of(request.user)
    services.affiliation_end(actor=request.user)
    if current is not None:
        if current.is_verified:
            message = _("Du er ikke længere tilknyttet %(name)s.")
        else:
            message = _("Din anmodning om at blive tilknyttet %(name)s er trukket tilbage.")
        messages.success(request, message % {"name": current.organisation.name})
    return redirect("alliances:affiliation")


@require_http_methods(["GET", "HEAD", "POST"])
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
        services.affiliation_approve(actor=request.user, affiliation=affiliation)
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
    services.affiliation_reject(actor=request.user, affiliation=affiliation)
    messages.success(
        request,
        _("Anmodningen fra %(person)s er afvist.") % {"person": affiliation.user},
    )
    return _back_after_decision(request, affiliation)


@login_required
@require_safe
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
                actor=request.user, organisation=organisation, domain=form.cleaned_data["domain"]
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
    services.organisation_domain_remove(actor=request.user, domain=domain)
    messages.success(request, _("%(domain)s er fjernet.") % {"domain": domain.domain})
    return redirect(organisation)


# --- Accepting an invitation ----------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The invitation's link: an existing user logs in and accepts as themself; a new person
    chooses a password, which creates the account."""
    invitation = selectors.invitation_by_token(token)
    if invitation is None or not invitation.is_open(timezone.now()):
        return render(request, "alliances/invitation_invalid.html", status=404)
    existing = user_by_email(invitation.email)
    context = {"invitation": invitation, "existing": existing}
    if existing is not None:
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        if request.user.pk != existing.pk:
            return render(request, "alliances/invitation_wrong_user.html", context, status=403)
        if request.method == "POST":
            try:
                services.invitation_accept(invitation=invitation, actor=request.user)
            except ValidationError:
                # Used in another tab a moment ago.
                return render(request, "alliances/invitation_invalid.html", status=404)
            messages.success(request, _("Du er nu medlem af %(title)s.") % {"title": invitation.alliance.title})
            return redirect(invitation.alliance)
        return render(request, "alliances/invitation_accept.html", context)

    candidate = get_user_model()(
        username=invitation.email, email=invitation.email, first_name=invitation.name
    )
    form = AcceptInvitationForm(request.POST or None, user=candidate)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                invitation=invitation, password=form.cleaned_data["password1"]
            )
        except ValidationError as error:
            # The form has only the password fields: show any other field's error above it.
            form.add_error(None, error.messages)
        else:
            login(request, user, backend="brobygger.accounts.backends.UsernameOrEmailBackend")
            messages.success(
                request,
                _("Velkommen! Din konto er oprettet, og du er medlem af %(title)s.")
                % {"title": invitation.alliance.title},
            )
            return redirect(invitation.alliance)
    return render_form(request, "alliances/invitation_accept.html", {**context, "form": form}, form)


# --- History (the audit trail) ------------------------------------------------------------------

HISTORY_PER_PAGE = 50


@login_required
@require_safe
def alliance_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Every change to the alliance and its records, for its coordinators and staff."""
    alliance = alliance_for_user(request.user, slug, see="alliances.view_history")
    page = _page(request, audit.history(alliance_id=alliance.pk), HISTORY_PER_PAGE)
    page.object_list = audit.with_lines(page.object_list, request.user)
    return render(request, "alliances/alliance_history.html", {"alliance": alliance, "page": page, "query": ""})


@login_required
@require_safe
def history(request: HttpRequest) -> HttpResponse:
    """Staff: every change in the installation, newest first."""
    if not request.user.has_perm("core.view_all_history"):
        raise Http404(_("Siden findes ikke."))
    page = _page(request, audit.history(), HISTORY_PER_PAGE)
    page.object_list = audit.with_lines(page.object_list, request.user)
    return render(request, "alliances/history.html", {"page": page, "query": ""})


# --- An organisation's consent to being a party ---------------------------------------------


@login_required
@require_POST
def party_answer(request: HttpRequest, pk: int, party_id: int, answer: str) -> HttpResponse:
    organisation = organisation_for_user(request.user, pk)
    party = selectors.party_awaiting_answer(organisation=organisation, pk=party_id)
    if party is None or not request.user.has_perm("alliances.answer_party", party):
        raise Http404(_("Siden findes ikke."))
    confirm = answer == "bekraeft"
    services.party_answer(actor=request.user, party=party, confirm=confirm)
    if confirm:
        message = _("%(name)s er bekræftet som part i %(title)s.")
    else:
        message = _("%(name)s har afvist at være part i %(title)s. Parten tæller ikke uden for alliancen.")
    messages.success(request, message % {"name": organisation.name, "title": party.alliance.title})
    return redirect(organisation)


@login_required
@require_safe
def parties_at_the_transition(request: HttpRequest) -> HttpResponse:
    """Staff: parties confirmed without an answer because they existed before consent."""
    if not request.user.has_perm("alliances.review_all_affiliations"):
        raise Http404(_("Siden findes ikke."))
    page = _page(request, selectors.parties_confirmed_at_the_transition(), AFFILIATION_REQUESTS_PER_PAGE)
    return render(request, "alliances/parties_at_the_transition.html", {"page": page, "query": ""})
