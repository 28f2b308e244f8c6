"""Pages of the health check: an alliance's results round by round, opening a round and
moving its deadline, and a party's answer."""

import datetime

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
from brobygger.alliances.rules import membership_in
from brobygger.core import registry
from brobygger.core.permissions import require
from brobygger.core.shortcuts import render_form

from . import chart, selectors, services
from .forms import LastDayForm, RoundAnswerForm
from .models import Round
from .rules import ANSWER, MANAGE_ROUNDS, VIEW, VIEW_DILEMMAS
from .selectors import PARTY_SPREAD_FLAG, SECTOR_GAP_FLAG
from .taxonomy import Criterion, Grouping, ItemKind

DEFAULT_ROUND_DAYS = 14


def _round_url(round_: Round) -> str:
    return reverse("healthcheck:round", kwargs={"slug": round_.alliance.slug, "number": round_.number})


def _round_or_404(alliance, number: int) -> Round:
    round_ = selectors.round_of(alliance, number)
    if round_ is None:
        raise not_found()
    return round_


def _own_party(user, alliance):
    """The party the user answers for in this alliance, if any."""
    membership = membership_in(user, alliance)
    return membership.party if membership is not None and membership.party_id else None


@login_required
@require_safe
def results(request: HttpRequest, slug: str) -> HttpResponse:
    """The newest round's results (or, before the first round, what the health check is)."""
    alliance = alliance_for_user(request.user, slug, see=VIEW)
    rounds = selectors.rounds_of(alliance)
    return _results_page(request, alliance, rounds, rounds[0] if rounds else None)


@login_required
@require_safe
def round_results(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, see=VIEW)
    rounds = selectors.rounds_of(alliance)
    shown = next((round_ for round_ in rounds if round_.number == number), None)
    if shown is None:
        raise not_found()
    return _results_page(request, alliance, rounds, shown)


def _results_page(request, alliance, rounds, shown) -> HttpResponse:
    grouping = request.GET.get("visning", Grouping.CRITERION)
    if grouping not in Grouping.values:
        grouping = Grouping.CRITERION

    def context() -> dict:
        found = {
            "alliance": alliance,
            "rounds": rounds,
            "shown": shown,
            "grouping": grouping,
            "groupings": Grouping.choices,
            "can_manage": request.user.has_perm(MANAGE_ROUNDS, alliance),
            "can_read_dilemmas": request.user.has_perm(VIEW_DILEMMAS, alliance),
            "open_round": next((round_ for round_ in rounds if round_.is_open()), None),
            "party_spread_percent": round(PARTY_SPREAD_FLAG * 100),
            "sector_gap_percent": round(SECTOR_GAP_FLAG * 100),
        }
        if shown is not None:
            shown.alliance = alliance
            results = selectors.round_results(shown)
            own_party = _own_party(request.user, alliance)
            found.update(
                {
                    "results": results,
                    "groups": results.groups(grouping),
                    "groups_chart": chart.groups_chart(results.groups(grouping), results.parties),
                    "tensions_chart": chart.tensions_chart(results.tensions, results.parties),
                    "trend": selectors.trend(alliance),
                    "own_party": own_party,
                    "own_party_answered": own_party is not None
                    and any(row.party.pk == own_party.pk and row.answered for row in results.parties),
                    "can_answer": own_party is not None and request.user.has_perm(ANSWER, own_party),
                    "parties_asked": selectors.parties_asked(alliance),
                }
            )
        return found

    # Every answer of the round and the trend over all rounds: kept rendered per round, view
    # and reader relation until the alliance's data changes.
    content = registry.kept_alliance_markup(
        f"health:{shown.number if shown else 0}:{grouping}",
        alliance,
        request.user,
        "healthcheck/includes/results_content.html",
        context,
    )
    return render(request, "healthcheck/results.html", {"alliance": alliance, "shown": shown, "content": content})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def round_open(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, see=VIEW, perm=MANAGE_ROUNDS)
    initial = {"last_day": timezone.localdate() + datetime.timedelta(days=DEFAULT_ROUND_DAYS)}
    form = LastDayForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_open(
                actor=request.user,
                alliance=alliance,
                last_day=form.cleaned_data["last_day"],
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("Runde %(number)s er åbnet. Parternes repræsentanter får en e-mail med et link til at svare.")
                % {"number": round_.number},
            )
            return redirect(_round_url(round_))
    return render_form(
        request,
        "healthcheck/round_form.html",
        {
            "alliance": alliance,
            "form": form,
            "open_round": selectors.open_round(alliance),
            "version": selectors.latest_published_version(),
            "parties_asked": selectors.parties_asked(alliance),
        },
        form,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def round_deadline(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, see=VIEW, perm=MANAGE_ROUNDS)
    round_ = _round_or_404(alliance, number)
    form = LastDayForm(request.POST if request.method == "POST" else None, initial={"last_day": round_.last_day})
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_change_deadline(
                actor=request.user, round_=round_, last_day=form.cleaned_data["last_day"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("Runde %(number)s er nu åben til og med %(day)s.")
                % {"number": round_.number, "day": round_.last_day.strftime("%d.%m.%Y")},
            )
            return redirect(_round_url(round_))
    return render_form(
        request, "healthcheck/deadline_form.html", {"alliance": alliance, "round": round_, "form": form}, form
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """The party's answer in the round, for its representatives: one answer per party, which
    each of them can complete or change until the deadline."""
    alliance = alliance_for_user(request.user, slug, see=VIEW)
    round_ = _round_or_404(alliance, number)
    party = _own_party(request.user, alliance)
    # Staff and members without a party read the results, but answer for nobody (403 with why).
    require(request.user, ANSWER, party if party is not None else alliance)
    saved = selectors.answer_form(round_, party)
    is_open = round_.is_open()
    form = RoundAnswerForm(
        request.POST if request.method == "POST" else None,
        questions=saved,
        initial=RoundAnswerForm.initial_from(saved),
    )
    closed_error = ""
    if request.method == "POST":
        if form.is_valid():
            try:
                services.response_save(actor=request.user, round_=round_, party=party, **form.service_arguments())
            except ValidationError as error:
                if not round_.is_open():
                    closed_error = " ".join(error.messages)
                else:
                    form.add_service_error(error)
            else:
                messages.success(
                    request,
                    _("Svaret fra %(party)s i runde %(number)s er gemt. I kan rette det til og med %(day)s.")
                    % {
                        "party": party.organisation.name,
                        "number": round_.number,
                        "day": round_.last_day.strftime("%d.%m.%Y"),
                    },
                )
                return redirect(_round_url(round_))
        elif not is_open:
            closed_error = _(
                "Runden lukkede ved udgangen af %(day)s, så svaret kan ikke længere gives eller ændres."
            ) % {"day": round_.last_day.strftime("%d.%m.%Y")}
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "healthcheck/answer.html",
        {
            "alliance": alliance,
            "round": round_,
            "party": party,
            "saved": saved,
            "form": form,
            "is_open": is_open and not closed_error,
            "closed_error": closed_error,
            "statement_groups": _statement_groups(form, saved),
            "benefit_fields": form.item_fields(ItemKind.BENEFIT),
            "cost_fields": form.item_fields(ItemKind.COST),
        },
        status=status,
    )


def _statement_groups(form, saved) -> list:
    """The statements under their success criterion, in the criteria's order."""
    fields = {statement.pk: form[f"statement_{statement.pk}"] for statement in saved.statements}
    groups = []
    for key, label in Criterion.choices:
        in_group = [fields[s.pk] for s in saved.statements if s.criterion == key]
        if in_group:
            groups.append((label, in_group))
    return groups
