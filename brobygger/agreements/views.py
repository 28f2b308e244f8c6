"""Pages of the partnering agreement: read it, edit the shared terms and each party's part,
sign a part, and read every earlier version."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from brobygger.alliances.access import alliance_for_user, party_for_user
from brobygger.core.shortcuts import render_form

from . import selectors, services
from .forms import PartForm, SignForm, TermsForm
from .models import PART_FIELDS, TERMS_FIELDS

VIEW = "agreements.view_agreement"


def _detail_url(alliance) -> str:
    return reverse("agreements:detail", kwargs={"slug": alliance.slug})


@login_required
@require_safe
def agreement_detail(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, see=VIEW)
    overview = selectors.agreement_overview(alliance=alliance)
    for row in overview.parts:
        row.can_edit = request.user.has_perm("agreements.change_part", row.party)
        row.can_sign = (
            row.current is not None
            and overview.terms is not None
            and request.user.has_perm("agreements.sign_part", row.party)
        )
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "alliance": alliance,
            "overview": overview,
            "can_change_terms": request.user.has_perm("agreements.change_terms", alliance),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def terms_edit(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, see=VIEW, perm="agreements.change_terms")
    overview = selectors.agreement_overview(alliance=alliance)
    initial = {"revisit_on": overview.agreement.revisit_on if overview.agreement else None}
    if overview.terms:
        initial.update({name: getattr(overview.terms, name) for name in TERMS_FIELDS})
    form = TermsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.terms_update(actor=request.user, alliance=alliance, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if version is None:
                messages.success(request, _("Datoen er gemt. Teksten er uændret."))
            elif version.number == 1:
                messages.success(request, _("De fælles vilkår er gemt. Parterne kan nu underskrive."))
            else:
                messages.success(
                    request,
                    _("Version %(number)s af de fælles vilkår er gemt. Parterne bliver bedt om at underskrive igen.")
                    % {"number": version.number},
                )
            return redirect(_detail_url(alliance))
    return render_form(request, "agreements/terms_form.html", {"alliance": alliance, "form": form, "overview": overview}, form)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def part_edit(request: HttpRequest, slug: str, party_id: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, see=VIEW)
    party = party_for_user(request.user, alliance, party_id, perm="agreements.change_part")
    row = selectors.part_row(party=party)
    initial = {name: getattr(row.current, name) for name in PART_FIELDS} if row.current else {}
    labels = selectors.part_labels(party)
    form = PartForm(request.POST if request.method == "POST" else None, initial=initial, labels=labels)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.part_update(actor=request.user, party=party, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if version is None:
                messages.success(request, _("Intet er ændret."))
            elif row.last_signed:
                messages.success(
                    request,
                    _("Partens del er gemt som version %(number)s. Den skal underskrives igen.")
                    % {"number": version.number},
                )
            else:
                messages.success(request, _("Partens del er gemt."))
            return redirect(_detail_url(alliance))
    return render_form(request, "agreements/part_form.html", {"alliance": alliance, "party": party, "row": row, "form": form}, form)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def part_sign(request: HttpRequest, slug: str, party_id: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, see=VIEW)
    party = party_for_user(request.user, alliance, party_id, perm="agreements.sign_part")
    overview = selectors.agreement_overview(alliance=alliance)
    row = next(r for r in overview.parts if r.party.pk == party.pk)
    in_force = {
        "version": row.current.number if row.current else None,
        "terms_version": overview.terms.number if overview.terms else None,
    }
    form = SignForm(request.POST if request.method == "POST" else None, initial=in_force)
    changed = None
    if request.method == "POST" and form.is_valid():
        try:
            services.part_sign(
                actor=request.user,
                party=party,
                version_number=form.cleaned_data["version"],
                terms_number=form.cleaned_data["terms_version"],
            )
        except ValidationError as error:
            if error.code == "stale_version" and row.current and overview.terms:
                # The page now shows the versions in force and says what changed since the
                # signer opened it; the form carries their numbers, and the signer confirms
                # again, having read them.
                changed = selectors.changes_since(
                    party=party,
                    part_number=form.cleaned_data["version"],
                    terms_number=form.cleaned_data["terms_version"],
                )
                form.data = form.data.copy()
                form.data.update({name: str(number) for name, number in in_force.items()})
                form.data.pop("confirm", None)
            form.add_service_error(error)
        else:
            messages.success(
                request, _("%(name)s har underskrevet sin del af aftalen.") % {"name": party.organisation.name}
            )
            return redirect(_detail_url(alliance))
    return render_form(request, "agreements/part_sign.html", {"alliance": alliance, "party": party, "row": row, "overview": overview, "form": form, "changed": changed}, form)


@login_required
@require_safe
def agreement_history(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, see=VIEW)
    return render(
        request,
        "agreements/history.html",
        {"alliance": alliance, "history": selectors.agreement_history(alliance=alliance)},
    )
