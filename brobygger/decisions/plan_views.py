"""The involvement plan's pages: one plan per alliance and per change process, a table of the
groups concerned × the phases, each cell with the participation planned and what actually
happened (the hearings placed there), and the deciders' pages for its groups and cells.

Views fetch through `alliances.access`/`access`, parse with plan_forms.py and write only
through services.py, which check the rules. The comparison of plan and practice is
`selectors.plan_of`; this module only turns it into words for the page.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from brobygger.alliances.access import alliance_for_user, not_found
from brobygger.alliances.models import Alliance
from brobygger.core.permissions import require
from brobygger.core.shortcuts import render_form

from . import access, selectors, services
from .models import PLAN_PHASES, Decision, Hearing, InvolvementGroup, PlanCell
from .plan_forms import PARTICIPATION_MEANING, CellForm, GroupForm
from .rules import MANAGE_DECISIONS, VIEW_DECISIONS, owner_of
from .taxonomy import HEARING_PARTICIPATION, Means, Participation

EDIT_METHODS = ["GET", "HEAD", "POST"]


# --- Shared ---------------------------------------------------------------------------------


def _plan_url(owner) -> str:
    if isinstance(owner, Alliance):
        return reverse("decisions:alliance_plan", kwargs={"slug": owner.slug})
    return reverse("decisions:process_plan", kwargs={"pk": owner.pk})


def _owner_context(owner) -> dict:
    """The frame a plan page is drawn in (the alliance's pages, or the organisation's change
    process) and the addresses every plan page links to."""
    if isinstance(owner, Alliance):
        context = {
            "frame": "alliances/alliance_base.html",
            "alliance": owner,
            "process": None,
            "decisions_url": reverse("decisions:alliance_list", kwargs={"slug": owner.slug}),
            "group_add_url": reverse("decisions:alliance_group_add", kwargs={"slug": owner.slug}),
            "start_url": reverse("decisions:alliance_plan_start", kwargs={"slug": owner.slug}),
            "owner_title": owner.title,
        }
    else:
        context = {
            "frame": "decisions/process_frame.html",
            "alliance": None,
            "process": owner,
            "organisation": owner.organisation,
            "decisions_url": owner.get_absolute_url(),
            "group_add_url": reverse("decisions:process_group_add", kwargs={"pk": owner.pk}),
            "start_url": reverse("decisions:process_plan_start", kwargs={"pk": owner.pk}),
            "owner_title": owner.title,
        }
    return {**context, "owner": owner, "plan_url": _plan_url(owner)}


def _participation_label(value: str) -> str:
    return Participation(value).label if value in Participation.values else ""


@dataclass
class PlacedHearing:
    """A hearing placed in a cell: its decision, and the influence it offered, read as a level
    of the plan's spectrum so it compares with what was planned."""

    decision: Decision
    level_label: str
    hearing_level_label: str


@dataclass
class CellView:
    group: InvolvementGroup
    slot: selectors.PlanSlot
    planned_label: str
    means_labels: list[str]
    placed: list[PlacedHearing]

    @property
    def phase(self) -> str:
        return self.slot.phase

    @property
    def phase_label(self) -> str:
        return self.slot.phase_label

    @property
    def cell(self) -> PlanCell | None:
        return self.slot.cell


@dataclass
class RowView:
    group: InvolvementGroup
    cells: list[CellView]


def _placed(hearing: Hearing) -> PlacedHearing:
    return PlacedHearing(
        decision=hearing.decision,
        level_label=_participation_label(HEARING_PARTICIPATION[hearing.level]),
        hearing_level_label=hearing.get_level_display(),
    )


def _rows(plan: list[selectors.PlanRow]) -> list[RowView]:
    means_labels = dict(Means.choices)
    rows = []
    for row in plan:
        cells = []
        for slot in row.slots:
            cell = slot.cell
            cells.append(
                CellView(
                    group=row.group,
                    slot=slot,
                    planned_label=_participation_label(cell.level) if cell else "",
                    means_labels=[str(means_labels[item]) for item in (cell.means if cell else []) if item in means_labels],
                    placed=[_placed(hearing) for hearing in slot.hearings],
                )
            )
        rows.append(RowView(group=row.group, cells=cells))
    return rows


def _plan_page(request: HttpRequest, owner, *, error: str = "") -> HttpResponse:
    plan = selectors.plan_of(owner)
    rows = _rows(plan)
    cells = [cell for row in rows for cell in row.cells]
    default_groups = services.DEFAULT_ALLIANCE_GROUPS if isinstance(owner, Alliance) else services.DEFAULT_PROCESS_GROUPS
    return render(
        request,
        "decisions/plan.html",
        {
            **_owner_context(owner),
            "rows": rows,
            "phases": PLAN_PHASES,
            "current_phase": getattr(owner, "phase", ""),
            "gaps": [cell for cell in cells if cell.slot.is_gap],
            "below_plan": [cell for cell in cells if cell.slot.below_plan],
            "unplanned": [cell for cell in cells if cell.slot.unplanned],
            "unfilled": sum(1 for cell in cells if cell.cell is None),
            "spectrum": [(label, PARTICIPATION_MEANING[value]) for value, label in Participation.choices],
            "default_groups": [_(name) for name in default_groups],
            "can_manage": request.user.has_perm(MANAGE_DECISIONS, owner),
            "error": error,
        },
        status=400 if error else 200,
    )


def _start(request: HttpRequest, owner) -> HttpResponse:
    try:
        groups = services.plan_start(actor=request.user, owner=owner)
    except ValidationError as error:
        # Someone else started the plan in the meantime (or a second click): show the plan as it is.
        return _plan_page(request, owner, error=" ".join(error.messages))
    messages.success(
        request,
        _("Planen har fået %(count)s grupper at starte fra. Omdøb eller fjern dem, der ikke passer, og udfyld felterne.")
        % {"count": len(groups)},
    )
    return redirect(_plan_url(owner))


def _group_page(request: HttpRequest, owner, form, *, group: InvolvementGroup | None = None) -> HttpResponse:
    return render_form(
        request,
        "decisions/group_form.html",
        {**_owner_context(owner), "form": form, "group": group, "cancel_url": _plan_url(owner)},
        form,
    )


def _group_add(request: HttpRequest, owner) -> HttpResponse:
    form = GroupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_add(actor=request.user, owner=owner, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request, _("Gruppen »%(name)s« er føjet til planen. Udfyld nu, hvordan den inddrages i hver fase.") % {"name": group.name}
            )
            return redirect(f"{_plan_url(owner)}#gruppe-{group.pk}")
    return _group_page(request, owner, form)


def _manage_group(request: HttpRequest, pk: int) -> InvolvementGroup:
    return access.group_for_user(request.user, pk, perm=MANAGE_DECISIONS)


# --- An alliance's plan -----------------------------------------------------------------------


@login_required
@require_safe
def alliance_plan(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, see=VIEW_DECISIONS)
    return _plan_page(request, alliance)


@login_required
@require_POST
def alliance_plan_start(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, see=VIEW_DECISIONS, perm=MANAGE_DECISIONS)
    return _start(request, alliance)


@login_required
@require_http_methods(EDIT_METHODS)
def alliance_group_add(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, see=VIEW_DECISIONS, perm=MANAGE_DECISIONS)
    return _group_add(request, alliance)


# --- A change process's plan ------------------------------------------------------------------


@login_required
@require_safe
def process_plan(request: HttpRequest, pk: int) -> HttpResponse:
    process = access.process_for_user(request.user, pk)
    return _plan_page(request, process)


@login_required
def process_plan_start(request: HttpRequest, pk: int) -> HttpResponse:
    # Whoever may not see the process is told nothing about it, not even which methods it takes.
    process = access.process_for_user(request.user, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require(request.user, MANAGE_DECISIONS, process)
    return _start(request, process)


@login_required
@require_http_methods(EDIT_METHODS)
def process_group_add(request: HttpRequest, pk: int) -> HttpResponse:
    process = access.process_for_user(request.user, pk, perm=MANAGE_DECISIONS)
    return _group_add(request, process)


# --- A group and its cells, whoever owns the plan ---------------------------------------------


@login_required
@require_http_methods(EDIT_METHODS)
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    group = _manage_group(request, pk)
    owner = owner_of(group)
    form = GroupForm(request.POST if request.method == "POST" else None, initial={"name": group.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.group_rename(actor=request.user, group=group, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Gruppen hedder nu »%(name)s«.") % {"name": group.name})
            return redirect(f"{_plan_url(owner)}#gruppe-{group.pk}")
    return _group_page(request, owner, form, group=group)


@login_required
@require_http_methods(EDIT_METHODS)
def group_remove(request: HttpRequest, pk: int) -> HttpResponse:
    group = _manage_group(request, pk)
    owner = owner_of(group)
    if request.method == "POST":
        name = group.name
        services.group_remove(actor=request.user, group=group)
        messages.success(
            request, _("Gruppen »%(name)s« er fjernet fra planen. Det står i historikken.") % {"name": name}
        )
        return redirect(_plan_url(owner))
    return render(
        request,
        "decisions/group_remove.html",
        {
            **_owner_context(owner),
            "group": group,
            "filled": PlanCell.objects.filter(group=group).exclude(level="").count(),
            "placed": group.hearings.count(),
            "cancel_url": _plan_url(owner),
        },
    )


@login_required
@require_http_methods(EDIT_METHODS)
def cell_edit(request: HttpRequest, pk: int, phase: str) -> HttpResponse:
    group = _manage_group(request, pk)
    phases = dict(PLAN_PHASES)
    if phase not in phases:
        raise not_found()
    owner = owner_of(group)
    cell = PlanCell.objects.filter(group=group, phase=phase).first()
    form = CellForm(request.POST if request.method == "POST" else None, initial=CellForm.initial_from(cell))
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_cell_save(actor=request.user, group=group, phase=phase, **form.service_arguments())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("Planen for %(group)s i fasen %(phase)s er gemt.") % {"group": group.name, "phase": phases[phase]},
            )
            return redirect(f"{_plan_url(owner)}#felt-{group.pk}-{phase}")
    return render_form(
        request,
        "decisions/cell_form.html",
        {
            **_owner_context(owner),
            "form": form,
            "group": group,
            "phase": phase,
            "phase_label": phases[phase],
            "cancel_url": f"{_plan_url(owner)}#felt-{group.pk}-{phase}",
        },
        form,
    )
