"""Pages of the value ledger: the value balance, one party's ledger, the alliance's shared
goals and agreed hour rates, a party's own answer, and the forms to add, edit and delete
contributions, value goals, results and hour kinds. Thin: parse, fetch with permission
(access.py), call a service, render."""

from typing import NamedTuple

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from brobygger.alliances.access import alliance_for_user, party_for_user
from brobygger.alliances.services import value_answer_create
from brobygger.core import registry
from brobygger.core.shortcuts import render_form

from . import chart, selectors, services
from .access import (
    ANSWER,
    contribution_for_user,
    goal_for_user,
    hour_kind_for_user,
    party_to_answer_for,
    result_for_user,
)
from .forms import (
    ContributionForm,
    GoalForm,
    HourKindForm,
    ResultForm,
    SharedGoalForm,
    ValueAnswerForm,
)
from .models import CONTRIBUTION_FIELDS, GOAL_FIELDS, HOUR_KIND_FIELDS, RESULT_FIELDS
from .rules import read_scope
from .services import EDIT, EDIT_SHARED


def _party_url(alliance, party) -> str:
    return reverse("ledger:party", kwargs={"slug": alliance.slug, "party_id": party.pk})


def _shared_goals_url(alliance) -> str:
    return reverse("ledger:shared_goals", kwargs={"slug": alliance.slug})


def _hour_kinds_url(alliance) -> str:
    return reverse("ledger:hour_kinds", kwargs={"slug": alliance.slug})


def _goal_page_url(alliance, goal) -> str:
    """Where a goal is shown: its party's ledger, or the alliance's shared goals."""
    return _shared_goals_url(alliance) if goal.is_shared else _party_url(alliance, goal.party)


def _initial(entry, fields) -> dict:
    return {name: getattr(entry, name) for name in fields}


def _form_page(
    request, *, form, alliance, party, heading, intro="", submit, cancel_url=None, shared=False, parent=None
):
    """A ledger form. `party` None: a page of the alliance's own (`shared`: a shared goal or
    one of its results); `parent` (url, label) adds a crumb between the balance and the form."""
    return render_form(
        request,
        "ledger/entry_form.html",
        {
            "form": form,
            "alliance": alliance,
            "party": party,
            "shared": shared,
            "parent_url": parent[0] if parent else "",
            "parent_label": parent[1] if parent else "",
            "heading": heading,
            "intro": intro,
            "submit_label": submit,
            "cancel_url": cancel_url or _party_url(alliance, party),
        },
        form,
    )


def _goal_form_page(request, *, form, alliance, goal, heading, intro="", submit):
    """A form about a goal (the goal itself or one of its results), going back to the goal's page."""
    if goal.is_shared:
        return _form_page(
            request,
            form=form,
            alliance=alliance,
            party=None,
            shared=True,
            parent=(_shared_goals_url(alliance), _("Fælles mål")),
            heading=heading,
            intro=intro,
            submit=submit,
            cancel_url=_shared_goals_url(alliance),
        )
    return _form_page(
        request, form=form, alliance=alliance, party=goal.party, heading=heading, intro=intro, submit=submit
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


# Said on the pages and forms of the alliance's shared goals and hour rates.
SHARED_GOAL_INTRO = gettext_lazy(
    "Et fælles mål er noget, alliancen vil opnå sammen for borgerne eller velfærdsområdet. Det "
    "hører ikke til nogen af parterne og tæller ikke med i deres regnskaber."
)
HOUR_KINDS_INTRO = gettext_lazy(
    "En timetype er en slags timer med den timesats, alliancen er enige om, fx for kommunale "
    "medarbejdertimer eller frivillige timer. Parternes timer af typen får værdi i kroner efter satsen."
)


# --- Reading -----------------------------------------------------------------------------


@require_safe
def balance(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug)

    def context() -> dict:
        value_balance = selectors.value_balance(
            alliance=alliance,
            scope=read_scope(request.user, alliance),
            with_answers=request.user.has_perm("alliances.view_value_answers", alliance),
        )
        if value_balance.shows_answers:
            # What other capabilities add to each party's own answer (the health check: what
            # taking part gives and costs the party, from its latest round).
            details = registry.answer_details_for(alliance, [row.party for row in value_balance.parties], request.user)
            for row in value_balance.parties:
                row.answer_details = details[row.party.pk]
        return {
            "alliance": alliance,
            "balance": value_balance,
            "chart": chart.build(value_balance),
            "can_edit_shared": request.user.has_perm(EDIT_SHARED, alliance),
        }

    # The balance reads every party's goals, results and contributions: kept rendered until
    # the alliance's data changes, per reader relation (what the reader may read of it).
    content = registry.kept_alliance_markup(
        "value_balance", alliance, request.user, "ledger/includes/balance_content.html", context
    )
    return render(request, "ledger/balance.html", {"alliance": alliance, "content": content})


@require_safe
def party_ledger(request: HttpRequest, slug: str, party_id: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug)
    party = party_for_user(request.user, alliance, party_id)

    def context() -> dict:
        scope = read_scope(request.user, alliance)
        # Members read the party's history; the audit hides confidential entries' records from
        # those who may not read them.
        ledger = selectors.party_ledger(
            party=party, reader=request.user, scope=scope, with_changes=scope.reads_members_entries_of(alliance.pk)
        )
        return {
            "alliance": alliance,
            "party": party,
            "ledger": ledger,
            "can_edit": request.user.has_perm(EDIT, party),
            "status": ledger.status,
            "can_answer": request.user.has_perm(ANSWER, party),
            "answers": selectors.value_answers(party, limit=1)
            if request.user.has_perm("alliances.view_value_answers", alliance)
            else [],
        }

    # Like the balance: kept per party and reader relation until the alliance's data changes.
    content = registry.kept_alliance_markup(
        f"party_ledger:{party.pk}", alliance, request.user, "ledger/includes/party_ledger_content.html", context
    )
    return render(request, "ledger/party_ledger.html", {"alliance": alliance, "party": party, "content": content})


@require_safe
def shared_goals(request: HttpRequest, slug: str) -> HttpResponse:
    """The alliance's shared goals for the citizens, with their results and progress."""
    alliance = alliance_for_user(request.user, slug)
    scope = read_scope(request.user, alliance)
    return render(
        request,
        "ledger/shared_goals.html",
        {
            "alliance": alliance,
            "goals": selectors.shared_goals(alliance=alliance, scope=scope),
            "includes_private": scope.reads_members_entries_of(alliance.pk),
            "can_edit": request.user.has_perm(EDIT_SHARED, alliance),
            "intro": SHARED_GOAL_INTRO,
        },
    )


@require_safe
def hour_kinds(request: HttpRequest, slug: str) -> HttpResponse:
    """The hour rates the alliance has agreed: open to everyone who sees the alliance."""
    alliance = alliance_for_user(request.user, slug)
    return render(
        request,
        "ledger/hour_kinds.html",
        {
            "alliance": alliance,
            "hour_kinds": selectors.hour_kinds(alliance, scope=read_scope(request.user, alliance)),
            "can_edit": request.user.has_perm(EDIT_SHARED, alliance),
            "intro": HOUR_KINDS_INTRO,
        },
    )


# --- Contributions -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def contribution_add(request: HttpRequest, slug: str, party_id: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug)
    party = party_for_user(request.user, alliance, party_id, perm=EDIT)
    form = ContributionForm(request.POST if request.method == "POST" else None, alliance=alliance)
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
    form = ContributionForm(
        request.POST if request.method == "POST" else None,
        initial=_initial(contribution, CONTRIBUTION_FIELDS),
        alliance=alliance,
    )
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
    form_class = SharedGoalForm if goal.is_shared else GoalForm
    form = form_class(request.POST if request.method == "POST" else None, initial=_initial(goal, GOAL_FIELDS))
    done = _save_form(
        request,
        form,
        lambda data: services.goal_update(goal=goal, actor=request.user, **data),
        success=_("Ændringerne er gemt."),
        redirect_to=_goal_page_url(alliance, goal),
    )
    return done or _goal_form_page(
        request,
        form=form,
        alliance=alliance,
        goal=goal,
        heading=_("Redigér fælles mål") if goal.is_shared else _("Redigér værdimål"),
        submit=_("Gem"),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def shared_goal_add(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, perm=EDIT_SHARED)
    form = SharedGoalForm(request.POST if request.method == "POST" else None)
    done = _save_form(
        request,
        form,
        lambda data: services.shared_goal_create(alliance=alliance, actor=request.user, **data),
        success=_("Det fælles mål er registreret."),
        redirect_to=_shared_goals_url(alliance),
    )
    return done or _form_page(
        request,
        form=form,
        alliance=alliance,
        party=None,
        shared=True,
        parent=(_shared_goals_url(alliance), _("Fælles mål")),
        heading=_("Nyt fælles mål"),
        intro=SHARED_GOAL_INTRO,
        submit=_("Registrér fælles mål"),
        cancel_url=_shared_goals_url(alliance),
    )


# --- Results -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def result_add(request: HttpRequest, slug: str, goal_id: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug)
    goal = goal_for_user(request.user, alliance, goal_id)
    form = ResultForm(request.POST if request.method == "POST" else None, goal=goal)
    done = _save_form(
        request,
        form,
        lambda data: services.result_create(goal=goal, actor=request.user, **data),
        success=_("Resultatet er registreret."),
        redirect_to=_goal_page_url(alliance, goal),
    )
    return done or _goal_form_page(
        request,
        form=form,
        alliance=alliance,
        goal=goal,
        heading=_("Registrér resultat"),
        intro=_("Værdimål: %(title)s") % {"title": goal.title},
        submit=_("Registrér resultat"),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def result_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug)
    result = result_for_user(request.user, alliance, pk)
    form = ResultForm(
        request.POST if request.method == "POST" else None, initial=_initial(result, RESULT_FIELDS), goal=result.goal
    )
    done = _save_form(
        request,
        form,
        lambda data: services.result_update(result=result, actor=request.user, **data),
        success=_("Ændringerne er gemt."),
        redirect_to=_goal_page_url(alliance, result.goal),
    )
    return done or _goal_form_page(
        request,
        form=form,
        alliance=alliance,
        goal=result.goal,
        heading=_("Redigér resultat"),
        intro=_("Værdimål: %(title)s") % {"title": result.goal.title},
        submit=_("Gem"),
    )


# --- Deleting ------------------------------------------------------------------------------


class _Back(NamedTuple):
    """Where a delete page of something that is not a party's entry leads back to."""

    url: str
    label: str
    crumb: str
    consequence: str
    success: str


def _delete_page(request, *, alliance, party, entry_label, heading, delete, blocked_reason="", where=None):
    """Ask before deleting; a refusal (blocked_reason, or the service's) is shown instead of
    the button. `where` (a _Back) for what is not a party's entry (a shared goal, an hour kind)."""
    parent_url = parent_label = ""
    if where is None:
        back_url, back_label = _party_url(alliance, party), _("Tilbage til partens regnskab")
        consequence = _(
            "Posten forsvinder fra partens regnskab og fra værdibalancen. Sletningen bliver stående i "
            "partens historik med dit navn."
        )
        success = _("Posten er slettet. Sletningen står i partens historik.")
    else:
        back_url, back_label, consequence, success = where.url, where.label, where.consequence, where.success
        parent_url, parent_label = where.url, where.crumb
    error = ""
    if request.method == "POST":
        try:
            delete()
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, success)
            return redirect(back_url)
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
            "consequence": consequence,
            "back_label": back_label,
            "cancel_url": back_url,
            "parent_url": parent_url,
            "parent_label": parent_label,
        },
        status=400 if error else 200,
    )


def _shared_goal_deleted(alliance, *, result: bool = False) -> _Back:
    if result:
        consequence = _(
            "Resultatet forsvinder fra det fælles mål. Sletningen bliver stående i alliancens historik med dit navn."
        )
    else:
        consequence = _(
            "Målet forsvinder fra alliancens fælles mål. Sletningen bliver stående i alliancens historik med dit navn."
        )
    return _Back(
        _shared_goals_url(alliance),
        _("Tilbage til de fælles mål"),
        _("Fælles mål"),
        consequence,
        _("Posten er slettet. Sletningen står i alliancens historik."),
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
        heading=_("Slet fælles mål") if goal.is_shared else _("Slet værdimål"),
        delete=lambda: services.goal_delete(goal=goal, actor=request.user),
        blocked_reason=blocked,
        where=_shared_goal_deleted(alliance) if goal.is_shared else None,
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
        where=_shared_goal_deleted(alliance, result=True) if result.goal.is_shared else None,
    )


# --- Hour kinds and their agreed rates -------------------------------------------------------


def _hour_kind_form_page(request, *, form, alliance, heading, intro, submit):
    """A form about the alliance's kinds of hours, going back to its rates."""
    return _form_page(
        request,
        form=form,
        alliance=alliance,
        party=None,
        parent=(_hour_kinds_url(alliance), _("Timesatser")),
        heading=heading,
        intro=intro,
        submit=submit,
        cancel_url=_hour_kinds_url(alliance),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def hour_kind_add(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, perm=EDIT_SHARED)
    form = HourKindForm(request.POST if request.method == "POST" else None)
    done = _save_form(
        request,
        form,
        lambda data: services.hour_kind_create(alliance=alliance, actor=request.user, **data),
        success=_("Timetypen er registreret."),
        redirect_to=_hour_kinds_url(alliance),
    )
    return done or _hour_kind_form_page(
        request,
        form=form,
        alliance=alliance,
        heading=_("Ny timetype"),
        intro=HOUR_KINDS_INTRO,
        submit=_("Registrér timetype"),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def hour_kind_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug)
    kind = hour_kind_for_user(request.user, alliance, pk)
    form = HourKindForm(request.POST if request.method == "POST" else None, initial=_initial(kind, HOUR_KIND_FIELDS))
    done = _save_form(
        request,
        form,
        lambda data: services.hour_kind_update(hour_kind=kind, actor=request.user, **data),
        success=_("Ændringerne er gemt."),
        redirect_to=_hour_kinds_url(alliance),
    )
    return done or _hour_kind_form_page(
        request,
        form=form,
        alliance=alliance,
        heading=_("Redigér timetype"),
        intro=_("En ny sats giver alle timer af typen ny værdi, også dem, der er registreret før."),
        submit=_("Gem"),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def hour_kind_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug)
    kind = hour_kind_for_user(request.user, alliance, pk)
    blocked = services.hour_kind_deletion_refusal(kind.contribution_count) if kind.contribution_count else ""
    return _delete_page(
        request,
        alliance=alliance,
        party=None,
        entry_label=kind.name,
        heading=_("Slet timetype"),
        delete=lambda: services.hour_kind_delete(hour_kind=kind, actor=request.user),
        blocked_reason=blocked,
        where=_Back(
            _hour_kinds_url(alliance),
            _("Tilbage til timesatserne"),
            _("Timesatser"),
            _(
                "Timetypen og dens sats forsvinder fra alliancens timesatser. Sletningen bliver stående i "
                "alliancens historik med dit navn."
            ),
            _("Timetypen er slettet. Sletningen står i alliancens historik."),
        ),
    )


# --- The party's own word --------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def value_answer(request: HttpRequest, slug: str, party_id: int) -> HttpResponse:
    """Does the party get enough out of the alliance? Its own representatives answer."""
    alliance, party = party_to_answer_for(request.user, slug, party_id)
    form = ValueAnswerForm(request.POST if request.method == "POST" else None)
    done = _save_form(
        request,
        form,
        lambda data: value_answer_create(party=party, actor=request.user, **data),
        success=_("Tak. Partens svar er gemt og står nu ved partens tal."),
        redirect_to=_party_url(alliance, party),
    )
    return done or render_form(
        request,
        "ledger/value_answer.html",
        {
            "alliance": alliance,
            "party": party,
            "form": form,
            "answers": selectors.value_answers(party),
            "heading": _("Får I nok ud af alliancen?"),
            "submit_label": _("Gem svaret"),
            "cancel_url": _party_url(alliance, party),
        },
        form,
    )
