"""Pages of the leadership capability: an alliance's role plan and its history, the
self-assessment with its profile, and teams with their combined profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from brobygger.alliances.access import alliance_for_user, not_found
from brobygger.alliances.models import Phase
from brobygger.alliances.selectors import affiliation_of
from brobygger.core import registry
from brobygger.core.shortcuts import render_form

from . import instrument, plan, selectors, services
from .chart import profile_chart
from .dimensions import CHALLENGES, DESCRIPTIONS, ROLES, Dimension, Role
from .forms import (
    NEEDED_VALUES,
    QuestionnaireForm,
    RolePlanCellForm,
    SharingForm,
    TeamForm,
    TeamInviteForm,
)
from .models import Assessment, TeamKind

VIEW_PLAN = "leadership.view_role_plan"
CHANGE_PLAN = "leadership.change_role_plan"


def _plan_url(alliance) -> str:
    return reverse("leadership:plan", kwargs={"slug": alliance.slug})


# --- The role plan ----------------------------------------------------------------------------


@login_required
@require_safe
def role_plan(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, see=VIEW_PLAN)
    can_change = request.user.has_perm(CHANGE_PLAN, alliance)
    # Kept rendered until the alliance's data changes (registry.kept_alliance_markup); those
    # who may change the plan see a link in every cell, so they never share the markup.
    body = registry.kept_alliance_markup(
        f"role_plan:{'editors' if can_change else 'readers'}",
        alliance,
        request.user,
        "leadership/includes/role_plan_body.html",
        lambda: {
            "alliance": alliance,
            "plan": selectors.role_plan(alliance=alliance),
            "roles": [(role, DESCRIPTIONS[role]) for role in ROLES],
            "can_change": can_change,
        },
    )
    return render(request, "leadership/role_plan.html", {"alliance": alliance, "body": body})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cell_edit(request: HttpRequest, slug: str, phase: str, role: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, see=VIEW_PLAN, perm=CHANGE_PLAN)
    if phase not in Phase.values or role not in Role.values:
        raise not_found()
    current = selectors.role_plan(alliance=alliance).cell(phase, role)
    memberships = selectors.plan_leader_choices(alliance=alliance)
    initial = {
        "leaders": [leader.membership_id for leader in current.leaders],
        "needed": next(key for key, value in NEEDED_VALUES.items() if value == (current.needed if current.own_say else None)),
        "reason": "" if current.reason_is_suggestion else current.reason,
    }
    form = RolePlanCellForm(request.POST if request.method == "POST" else None, initial=initial, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        try:
            cell = services.role_plan_cell_update(
                actor=request.user, alliance=alliance, phase=phase, role=role, **form.service_arguments()
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if cell is None:
                messages.info(request, _("Intet er ændret."))
            else:
                messages.success(
                    request,
                    _("%(role)s i fasen %(phase)s er gemt.") % {"role": Role(role).label, "phase": Phase(phase).label},
                )
            return redirect(f"{_plan_url(alliance)}#fase-{phase}")
    suggestion = plan.suggestion(phase, role)
    return render_form(
        request,
        "leadership/cell_form.html",
        {
            "alliance": alliance,
            "form": form,
            "cell": current,
            "suggestion": suggestion,
            "description": DESCRIPTIONS[role],
        },
        form,
    )


@login_required
@require_safe
def plan_history(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, see=VIEW_PLAN)
    return render(
        request,
        "leadership/plan_history.html",
        {"alliance": alliance, "changes": selectors.plan_history(alliance=alliance)},
    )


@login_required
@require_safe
def plan_snapshot(request: HttpRequest, slug: str, snapshot_id: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, see=VIEW_PLAN)
    snapshot = selectors.snapshot_for(alliance=alliance, pk=snapshot_id)
    if snapshot is None:
        raise not_found()
    return render(
        request,
        "leadership/plan_snapshot.html",
        {
            "alliance": alliance,
            "snapshot": snapshot,
            "rows": selectors.snapshot_rows(snapshot),
            "role_labels": [Role(role).label for role in Role.values],
        },
    )


# --- Self-assessment ----------------------------------------------------------------------------


@login_required
@require_safe
def assessment_home(request: HttpRequest) -> HttpResponse:
    draft = selectors.draft_of(request.user)
    answered = len(selectors.answers_of(draft)) if draft else 0
    return render(
        request,
        "leadership/assessment_home.html",
        {
            "draft": draft,
            "answered": answered,
            "total": len(instrument.statements(draft.version if draft else instrument.current_version())),
            "completed": selectors.completed_assessments(request.user),
            "places": selectors.teams_of(request.user),
            "dimensions": [(Dimension(d).label, DESCRIPTIONS[d]) for d in (*ROLES, *CHALLENGES)],
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def questionnaire(request: HttpRequest) -> HttpResponse:
    draft = selectors.draft_of(request.user)
    version = draft.version if draft else instrument.current_version()
    form = QuestionnaireForm(
        request.POST if request.method == "POST" else None, initial=selectors.answers_of(draft), version=version
    )
    if request.method == "POST" and form.is_valid():
        complete = request.POST.get("action") == "afslut"
        try:
            assessment = services.assessment_save(actor=request.user, answers=form.answers(), complete=complete)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if complete:
                messages.success(request, _("Tak. Din profil er klar."))
                return redirect("leadership:profile", assessment_id=assessment.pk)
            messages.success(request, _("Dine svar er gemt. Du kan fortsætte, når det passer dig."))
            return redirect("leadership:assessment")
    statements = instrument.interleaved(version)
    # Four parts of nine statements: one of each role and challenge in every part.
    size = len(ROLES) + len(CHALLENGES)
    parts = [
        [form[statement.key] for statement in statements[start : start + size]]
        for start in range(0, len(statements), size)
    ]
    return render_form(
        request,
        "leadership/questionnaire.html",
        {"form": form, "parts": parts, "draft": draft, "version": version, "total": len(statements)},
        form,
    )


def _own_assessment(request: HttpRequest, assessment_id: int) -> Assessment:
    assessment = selectors.own_assessment(request.user, assessment_id)
    if assessment is None:
        raise Http404(_("Siden findes ikke."))
    return assessment


@login_required
@require_safe
def profile(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _own_assessment(request, assessment_id)
    result = selectors.profile(assessment=assessment, user=request.user)
    return render(
        request,
        "leadership/profile.html",
        {
            "profile": result,
            "chart": profile_chart(result),
            "strong_score": instrument.STRONG_SCORE,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_delete(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = selectors.own_assessment(request.user, assessment_id, drafts=True)
    if assessment is None:
        raise Http404(_("Siden findes ikke."))
    if request.method == "POST":
        services.assessment_delete(actor=request.user, assessment=assessment)
        messages.success(request, _("Selvevalueringen er slettet."))
        return redirect("leadership:assessment")
    return render(request, "leadership/assessment_delete.html", {"assessment": assessment})


# --- Teams ---------------------------------------------------------------------------------------


def _team_url(team) -> str:
    return reverse("leadership:team", kwargs={"team_id": team.pk})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def team_create(request: HttpRequest) -> HttpResponse:
    affiliation = affiliation_of(request.user)
    organisation = affiliation.organisation if affiliation and affiliation.is_verified else None
    form = TeamForm(
        request.POST if request.method == "POST" else None,
        alliances=selectors.alliances_led_by(request.user),
        organisation=organisation,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            team = services.team_create(
                actor=request.user,
                name=data["name"],
                kind=data["kind"],
                organisation=organisation if data["kind"] == TeamKind.ORGANISATION else None,
                alliance=data["alliance"] if data["kind"] == TeamKind.ALLIANCE else None,
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Holdet er oprettet. Invitér de andre ledere."))
            return redirect(_team_url(team))
    return render_form(request, "leadership/team_form.html", {"form": form, "organisation": organisation}, form)


def _team_or_404(request: HttpRequest, team_id: int):
    team = selectors.team_for(request.user, team_id)
    if team is None:
        raise Http404(_("Siden findes ikke."))
    return team


def _team_page(request: HttpRequest, team, *, invite_form=None) -> HttpResponse:
    members = selectors.team_members(team)
    own = next(member for member in members if member.user_id == request.user.pk)
    invitable = selectors.invitable_users(team)
    return render_form(
        request,
        "leadership/team_detail.html",
        {
            "team": team,
            "members": members,
            "profile": selectors.team_profile(team=team, user=request.user),
            "invite_form": invite_form or TeamInviteForm(users=invitable),
            "sharing_form": SharingForm(initial={"shares": own.shares_assessment}),
            "own": own,
            "strong_score": instrument.STRONG_SCORE,
            "has_completed": selectors.has_completed_assessment(request.user),
        },
        invite_form,
    )


@login_required
@require_safe
def team_detail(request: HttpRequest, team_id: int) -> HttpResponse:
    return _team_page(request, _team_or_404(request, team_id))


@login_required
@require_POST
def team_invite(request: HttpRequest, team_id: int) -> HttpResponse:
    team = _team_or_404(request, team_id)
    form = TeamInviteForm(request.POST, users=selectors.invitable_users(team))
    if form.is_valid():
        user = form.cleaned_data["user"]
        try:
            services.team_invite(actor=request.user, team=team, user=user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("%(name)s er inviteret. Invitationen venter på siden Selvevaluering.")
                % {"name": user.get_full_name() or user.get_username()},
            )
            return redirect(_team_url(team))
    return _team_page(request, team, invite_form=form)


@login_required
@require_POST
def team_answer(request: HttpRequest, team_id: int) -> HttpResponse:
    place = selectors.invitation_for(request.user, team_id)
    if place is None:
        raise Http404(_("Siden findes ikke."))
    accept = request.POST.get("answer") == "ja"
    services.team_answer(actor=request.user, team=place.team, accept=accept)
    if accept:
        messages.success(request, _("Du er nu med på holdet %(team)s.") % {"team": place.team.name})
        return redirect(_team_url(place.team))
    messages.success(request, _("Du har sagt nej tak til holdet %(team)s.") % {"team": place.team.name})
    return redirect("leadership:teams")


@login_required
@require_POST
def team_sharing(request: HttpRequest, team_id: int) -> HttpResponse:
    team = _team_or_404(request, team_id)
    form = SharingForm(request.POST)
    form.is_valid()  # a checkbox: absent is "no"
    shares = bool(form.cleaned_data.get("shares"))
    services.team_set_sharing(actor=request.user, team=team, shares=shares)
    messages.success(
        request,
        _("Din seneste selvevaluering tæller nu i holdets profil.")
        if shares
        else _("Din selvevaluering tæller ikke længere i holdets profil."),
    )
    return redirect(_team_url(team))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def team_leave(request: HttpRequest, team_id: int) -> HttpResponse:
    team = _team_or_404(request, team_id)
    if request.method == "POST":
        services.team_leave(actor=request.user, team=team)
        messages.success(request, _("Du har forladt holdet %(team)s.") % {"team": team.name})
        return redirect("leadership:teams")
    return render(request, "leadership/team_leave.html", {"team": team})


@login_required
@require_safe
def teams(request: HttpRequest) -> HttpResponse:
    return render(request, "leadership/teams.html", {"places": selectors.teams_of(request.user)})
