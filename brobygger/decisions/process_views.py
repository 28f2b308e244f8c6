"""A change process inside an organisation (a merger of departments, say): starting one,
its page with its decisions and their fair-process figures, and changing its title and
description. Only the users verified for the organisation (and staff) see any of it; for
anyone else it does not exist (404), except that they are told why they may not start one
in an organisation whose page is public (403)."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from brobygger.alliances.access import organisation_for_user
from brobygger.core.shortcuts import render_form

from . import access, selectors, services
from .models import Decision
from .process_forms import ProcessForm
from .rules import ADD_PROCESS, MANAGE_DECISIONS

EDIT_METHODS = ["GET", "HEAD", "POST"]
DECISIONS_PER_PAGE = 50


@dataclass
class DecisionRow:
    decision: Decision
    score: selectors.FairProcess


@login_required
@require_http_methods(EDIT_METHODS)
def process_create(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = organisation_for_user(request.user, organisation_id, perm=ADD_PROCESS)
    form = ProcessForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            process = services.change_process_create(
                actor=request.user, organisation=organisation, **form.service_arguments()
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("Forandringsprocessen er startet. Læg en inddragelsesplan, og opret de beslutninger, de berørte skal høres om."),
            )
            return redirect(process)
    return render_form(
        request,
        "decisions/process_form.html",
        {"organisation": organisation, "process": None, "form": form, "cancel_url": organisation.get_absolute_url()},
        form,
    )


@login_required
@require_safe
def process_detail(request: HttpRequest, pk: int) -> HttpResponse:
    process = access.process_for_user(request.user, pk)
    page = Paginator(selectors.decisions_of(process, request.user), DECISIONS_PER_PAGE).get_page(request.GET.get("side"))
    decisions = list(page.object_list)
    page.object_list = decisions
    scores = selectors.fair_process_for(decisions)
    rows = [DecisionRow(decision, scores[decision.pk]) for decision in decisions]
    return render(
        request,
        "decisions/process_detail.html",
        {
            "process": process,
            "organisation": process.organisation,
            "page": page,
            "rows": rows,
            "weak_rows": [row for row in rows if row.score.weak],
            "can_manage": request.user.has_perm(MANAGE_DECISIONS, process),
        },
    )


@login_required
@require_http_methods(EDIT_METHODS)
def process_edit(request: HttpRequest, pk: int) -> HttpResponse:
    process = access.process_for_user(request.user, pk, perm=MANAGE_DECISIONS)
    form = ProcessForm(
        request.POST if request.method == "POST" else None,
        initial={"title": process.title, "description": process.description},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_process_update(actor=request.user, process=process, **form.service_arguments())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Forandringsprocessen er gemt."))
            return redirect(process)
    return render_form(
        request,
        "decisions/process_form.html",
        {"organisation": process.organisation, "process": process, "form": form, "cancel_url": process.get_absolute_url()},
        form,
    )
