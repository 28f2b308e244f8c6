"""Pages of the value ledger: the value balance, one party's ledger, and the forms to add,
edit and delete contributions, value goals and results. Thin: parse, fetch with
permission (access.py), call a service, render."""

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

from . import chart, selectors, services
from .access import contribution_for_user, goal_for_user, result_for_user
from .forms import ContributionForm, GoalForm, ResultForm
from .models import CONTRIBUTION_FIELDS, GOAL_FIELDS, RESULT_FIELDS
from .rules import read_scope
from .services import EDIT


def _party_url(alliance, party) -> str:
    return reverse("ledger:party", kwargs={"slug": alliance.slug, "party_id": party.pk})


def _initial(entry, fields) -> dict:
    return {name: getattr(entry, name) for name in fields}


def _form_page(request, *, form, alliance, party, heading, intro="", submit):
    return render_form(
        request,
        "ledger/entry_form.html",
        {
            "form": form,
            "alliance": alliance,
            "party": party,
            "heading": heading,
            "intro": intro,
            "submit_label": submit,
            "cancel_url": _party_url(alliance, party),
        },
        form,
    )


def _save_form(request, form, save, *, success: str, redirect_to: str):
    """Run the service when the form is valid; on success redirect, else return None."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, success)
            return redirect(redirect_to)
    return None


# --- Reading -----------------------------------------------------------------------------


@require_safe
def balance(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug)
    value_balance = selectors.value_balance(alliance=alliance, scope=read_scope(request.user, alliance))
    return render(
        request,
        "ledger/balance.html",
        {"alliance": alliance, "balance": value_balance, "chart": chart.build(value_balance)},
    )


@require_safe
def party_ledger(request: HttpRequest, slug: str, party_id: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug)
    party = party_for_user(request.user, alliance, party_id)
    scope = read_scope(request.user, alliance)
    # Members read the party's history; the audit hides confidential entries' records from
    # those who may not read them.
    ledger = selectors.party_ledger(
        party=party, reader=request.user, scope=scope, with_changes=scope.reads_members_entries_of(alliance.pk)
    )
    return render(
        request,
        "ledger/party_ledger.html",
        {
            "alliance": alliance,
            "party": party,
            "ledger": ledger,
            "can_edit": request.user.has_perm(EDIT, party),
            "status": selectors.party_status(party=party, scope=scope),
        },
    )


# --- Contributions -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def contribution_add(request: HttpRequest, slug: str, party_id: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug)
    party = party_for_user(request.user, alliance, party_id, perm=EDIT)
    form = ContributionForm(request.POST if request.method == "POST" else None)
    done = _save_form(
        request,
        form,
        lambda data: services.contribution_create(party=party, actor=request.user, **data),
        success=_("Bidraget er registreret."),
        redirect_to=_party_url(alliance, party),
    )
    return done or _form_page(
        request,
        form=form,
        alliance=alliance,
        party=party,
        heading=_("Registrér bidrag fra %(name)s") % {"name": party.organisation.name},
        intro=_("Et bidrag er det, parten lægger i alliancen: penge, timer, viden, lokaler, data, netværk eller materialer."),
        submit=_("Registrér bidrag"),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def contribution_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug)
    contribution = contribution_for_user(request.user, alliance, pk)
    form = ContributionForm(request.POST if request.method == "POST" else None, initial=_initial(contribution, CONTRIBUTION_FIELDS))
    done = _save_form(
        request,
        form,
        lambda data: services.contribution_update(contribution=contribution, actor=request.user, **data),
        success=_("Ændringerne er gemt."),
        redirect_to=_party_url(alliance, contribution.party),
    )
    return done or _form_page(
        request,
        form=form,
        alliance=alliance,
        party=contribution.party,
        heading=_("Redigér bidrag"),
        submit=_("Gem"),
    )


# --- Value goals ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def goal_add(request: HttpRequest, slug: str, party_id: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug)
    party = party_for_user(request.user, alliance, party_id, perm=EDIT)
    form = GoalForm(request.POST if request.method == "POST" else None)
    done = _save_form(
        request,
        form,
        lambda data: services.goal_create(party=party, actor=request.user, **data),
        success=_("Værdimålet er registreret."),
        redirect_to=_party_url(alliance, party),
    )
    return done or _form_page(
        request,
        form=form,
        alliance=alliance,
        party=party,
        heading=_("Nyt værdimål for %(name)s") % {"name": party.organisation.name},
        intro=_("Et værdimål siger, hvad parten selv vil have ud af alliancen, og hvordan I kan se, at det er sket."),
        submit=_("Registrér værdimål"),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def goal_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug)
    goal = goal_for_user(request.user, alliance, pk)
    form = GoalForm(request.POST if request.method == "POST" else None, initial=_initial(goal, GOAL_FIELDS))
    done = _save_form(
        request,
        form,
        lambda data: services.goal_update(goal=goal, actor=request.user, **data),
        success=_("Ændringerne er gemt."),
        redirect_to=_party_url(alliance, goal.party),
    )
    return done or _form_page(
        request, form=form, alliance=alliance, party=goal.party, heading=_("Redigér værdimål"), submit=_("Gem")
    )


# --- Results -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def result_add(request: HttpRequest, slug: str, goal_id: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug)
    goal = goal_for_user(request.user, alliance, goal_id)
    form = ResultForm(request.POST if request.method == "POST" else None)
    done = _save_form(
        request,
        form,
        lambda data: services.result_create(goal=goal, actor=request.user, **data),
        success=_("Resultatet er registreret."),
        redirect_to=_party_url(alliance, goal.party),
    )
    return done or _form_page(
        request,
        form=form,
        alliance=alliance,
        party=goal.party,
        heading=_("Registrér resultat"),
        intro=_("Værdimål: %(title)s") % {"title": goal.title},
        submit=_("Registrér resultat"),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def result_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug)
    result = result_for_user(request.user, alliance, pk)
    form = ResultForm(request.POST if request.method == "POST" else None, initial=_initial(result, RESULT_FIELDS))
    done = _save_form(
        request,
        form,
        lambda data: services.result_update(result=result, actor=request.user, **data),
        success=_("Ændringerne er gemt."),
        redirect_to=_party_url(alliance, result.goal.party),
    )
    return done or _form_page(
        request,
        form=form,
        alliance=alliance,
        party=result.goal.party,
        heading=_("Redigér resultat"),
        intro=_("Værdimål: %(title)s") % {"title": result.goal.title},
        submit=_("Gem"),
    )


# --- Deleting ------------------------------------------------------------------------------


def _delete_page(request, *, alliance, party, entry_label, heading, delete, blocked_reason=""):
    error = ""
    if request.method == "POST":
        try:
            delete()
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Posten er slettet. Sletningen står i partens historik."))
            return redirect(_party_url(alliance, party))
    return render(
        request,
        "ledger/entry_delete.html",
        {
            "alliance": alliance,
            "party": party,
            "heading": heading,
            "entry_label": entry_label,
            "error": error or blocked_reason,
            "blocked": bool(blocked_reason),
            "cancel_url": _party_url(alliance, party),
        },
        status=400 if error else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def contribution_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug)
    contribution = contribution_for_user(request.user, alliance, pk)
    return _delete_page(
        request,
        alliance=alliance,
        party=contribution.party,
        entry_label=contribution.description,
        heading=_("Slet bidrag"),
        delete=lambda: services.contribution_delete(contribution=contribution, actor=request.user),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def goal_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug)
    goal = goal_for_user(request.user, alliance, pk)
    blocked = services.goal_deletion_refusal(goal.result_count) if goal.result_count else ""
    return _delete_page(
        request,
        alliance=alliance,
        party=goal.party,
        entry_label=goal.title,
        heading=_("Slet værdimål"),
        delete=lambda: services.goal_delete(goal=goal, actor=request.user),
        blocked_reason=blocked,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def result_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug)
    result = result_for_user(request.user, alliance, pk)
    return _delete_page(
        request,
        alliance=alliance,
        party=result.goal.party,
        entry_label=str(result),
        heading=_("Slet resultat"),
        delete=lambda: services.result_delete(result=result, actor=request.user),
    )
