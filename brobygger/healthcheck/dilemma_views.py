"""Pages of the register of dilemmas: the dilemmas an alliance has met on its tension scales,
grouped by scale, and the coordinators' pages for writing, changing and deleting one."""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from brobygger.alliances.access import alliance_for_user, not_found
from brobygger.core.shortcuts import render_form

from . import selectors, services
from .dilemma_forms import DilemmaForm
from .models import Dilemma, TensionScale
from .rules import KEEP_DILEMMAS, VIEW_DILEMMAS

# The register's link "write a dilemma on this scale" names the scale in this parameter.
SCALE_PARAMETER = "spaendingsfelt"


@dataclass
class ScaleGroup:
    scale: TensionScale
    # False: the scale is from an earlier version of the health check.
    is_current: bool
    dilemmas: list[Dilemma]


def _register_url(alliance) -> str:
    return reverse("healthcheck:dilemmas", kwargs={"slug": alliance.slug})


def _groups(dilemmas: list[Dilemma], current: list[TensionScale]) -> list[ScaleGroup]:
    """The dilemmas by scale, in the current version's order. A scale from an earlier version
    follows the current scale with the same key (the same tension, perhaps reworded), or
    else comes last; within a group the newest dilemma comes first (the selector's order)."""
    position = {scale.key: index for index, scale in enumerate(current)}
    current_ids = {scale.pk for scale in current}
    by_scale: dict[int, list[Dilemma]] = defaultdict(list)
    scales: dict[int, TensionScale] = {}
    for dilemma in dilemmas:
        by_scale[dilemma.scale_id].append(dilemma)
        scales[dilemma.scale_id] = dilemma.scale

    def order(scale: TensionScale) -> tuple:
        if scale.pk in current_ids:
            return (position[scale.key], 0, 0, 0)
        return (position.get(scale.key, len(current)), 1, scale.order, -scale.pk)

    return [
        ScaleGroup(scale=scale, is_current=scale.pk in current_ids, dilemmas=by_scale[scale.pk])
        for scale in sorted(scales.values(), key=order)
    ]


def _dilemma_or_404(alliance, dilemma_id: int) -> Dilemma:
    """One of the alliance's dilemmas; another alliance's or an unknown id is not found."""
    dilemma = selectors.dilemma_of(alliance, dilemma_id)
    if dilemma is None:
        raise not_found()
    dilemma.alliance = alliance
    return dilemma


@login_required
@require_safe
def dilemmas(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, see=VIEW_DILEMMAS)
    current = selectors.current_scales()
    register = selectors.dilemmas_of(alliance)
    return render(
        request,
        "healthcheck/dilemmas.html",
        {
            "alliance": alliance,
            "groups": _groups(register, current),
            "count": len(register),
            "today": timezone.localdate(),
            "can_keep": request.user.has_perm(KEEP_DILEMMAS, alliance),
            "scale_parameter": SCALE_PARAMETER,
        },
    )


def _form_page(request, alliance, form, *, dilemma=None) -> HttpResponse:
    return render_form(
        request,
        "healthcheck/dilemma_form.html",
        {"alliance": alliance, "form": form, "dilemma": dilemma, "cancel_url": _register_url(alliance)},
        form,
    )


def _saved(request, alliance, dilemma: Dilemma, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(f"{_register_url(alliance)}#dilemma-{dilemma.pk}")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def dilemma_create(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, see=VIEW_DILEMMAS, perm=KEEP_DILEMMAS)
    scales = selectors.current_scales()
    current_ids = [scale.pk for scale in scales]
    initial = {"met_on": timezone.localdate()}
    asked = request.GET.get(SCALE_PARAMETER, "")
    if asked.isdigit() and int(asked) in current_ids:
        initial["scale"] = int(asked)
    form = DilemmaForm(
        request.POST if request.method == "POST" else None, initial=initial, scales=scales, current_ids=current_ids
    )
    if request.method == "POST" and form.is_valid():
        try:
            dilemma = services.dilemma_create(actor=request.user, alliance=alliance, **form.service_arguments())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _saved(request, alliance, dilemma, _("Dilemmaet står nu i registret."))
    return _form_page(request, alliance, form)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def dilemma_edit(request: HttpRequest, slug: str, dilemma_id: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, see=VIEW_DILEMMAS, perm=KEEP_DILEMMAS)
    dilemma = _dilemma_or_404(alliance, dilemma_id)
    scales = selectors.current_scales()
    current_ids = [scale.pk for scale in scales]
    if dilemma.scale_id not in current_ids:
        # A dilemma on a scale of an earlier version keeps its scale until someone moves it.
        scales = [*scales, dilemma.scale]
    initial = {
        "scale": dilemma.scale_id,
        "met_on": dilemma.met_on,
        "situation": dilemma.situation,
        "stance": dilemma.stance,
        "reason": dilemma.reason,
        "review_on": dilemma.review_on,
    }
    form = DilemmaForm(
        request.POST if request.method == "POST" else None, initial=initial, scales=scales, current_ids=current_ids
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.dilemma_update(actor=request.user, dilemma=dilemma, **form.service_arguments())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _saved(request, alliance, dilemma, _("Dilemmaet er gemt."))
    return _form_page(request, alliance, form, dilemma=dilemma)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def dilemma_delete(request: HttpRequest, slug: str, dilemma_id: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, see=VIEW_DILEMMAS, perm=KEEP_DILEMMAS)
    dilemma = _dilemma_or_404(alliance, dilemma_id)
    if request.method == "POST":
        services.dilemma_delete(actor=request.user, dilemma=dilemma)
        messages.success(request, _("Dilemmaet er slettet. Sletningen står i alliancens historik."))
        return redirect(_register_url(alliance))
    return render(
        request,
        "healthcheck/dilemma_delete.html",
        {"alliance": alliance, "dilemma": dilemma, "cancel_url": _register_url(alliance)},
    )
