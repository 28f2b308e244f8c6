"""Pages that run a decision: an alliance's list of decisions, a decision's whole page with
its fair-process figures, and the deciders' pages for each step of its life (kladde → i
høring → besluttet → meddelt). Views fetch through access.py, parse with forms.py and write
only through services.py, which check the rules and the order of the steps.

A decision belongs to an alliance or to a change process inside an organisation. Its pages
look the same either way: `_owner_context` gives them the frame (the alliance's pages, or the
organisation's change process) and the address to go back to.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from brobygger.alliances.access import alliance_for_user, not_found
from brobygger.alliances.models import Alliance, Party
from brobygger.alliances.rules import membership_in
from brobygger.core import registry
from brobygger.core.shortcuts import render_form

from . import access, selectors, services
from .forms import (
    CorrectForm,
    DecisionForm,
    ExpectationForm,
    HearingForm,
    LastDayForm,
    OutcomeForm,
    ReplyForm,
)
from .models import Decision, Expectation, InvolvementGroup, Response
from .public_forms import FeltHeardForm
from .rules import MANAGE_DECISIONS, RESPOND, VIEW_DECISIONS
from .taxonomy import HEARING_PROMISE, HearingLevel, Status

DECISIONS_PER_PAGE = 50
DEFAULT_HEARING_DAYS = 14
EDIT_METHODS = ["GET", "HEAD", "POST"]
# A conflict page answers 409: the save was refused because someone else saved first.
CONFLICT = 409


# --- Shared ---------------------------------------------------------------------------------


def _owner_context(owner) -> dict:
    """What every page about a decision needs of its owner: the frame it is drawn in and the
    page that lists the owner's decisions."""
    if isinstance(owner, Alliance):
        return {
            "frame": "alliances/alliance_base.html",
            "alliance": owner,
            "process": None,
            "decisions_url": reverse("decisions:alliance_list", kwargs={"slug": owner.slug}),
        }
    return {
        "frame": "decisions/process_frame.html",
        "alliance": None,
        "process": owner,
        "organisation": owner.organisation,
        "decisions_url": owner.get_absolute_url(),
    }


def _decision_context(decision: Decision) -> dict:
    return {"decision": decision, "detail_url": decision.get_absolute_url(), **_owner_context(decision.owner)}


def _owner_filter(owner) -> dict:
    return {"alliance": owner} if isinstance(owner, Alliance) else {"change_process": owner}


def _plan_groups(owner) -> list[InvolvementGroup]:
    return list(InvolvementGroup.objects.filter(**_owner_filter(owner)))


def _alliance_parties(alliance: Alliance) -> list[Party]:
    return list(Party.objects.filter(alliance=alliance).select_related("organisation").order_by("organisation__name", "pk"))


def _plan_url(owner) -> str:
    if isinstance(owner, Alliance):
        return reverse("decisions:alliance_plan", kwargs={"slug": owner.slug})
    return reverse("decisions:process_plan", kwargs={"pk": owner.pk})


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _manage(request: HttpRequest, pk: int) -> Decision:
    return access.decision_for_user(request.user, pk, perm=MANAGE_DECISIONS)


def _done(request: HttpRequest, decision: Decision, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(decision.get_absolute_url())


def _conflict_page(request, template: str, context: dict, make_form, form, conflict: services.EditConflict) -> HttpResponse:
    """The save was refused because someone else saved after the form was loaded: show what
    they changed, keep what this user typed, and carry the current revision, so that saving
    again is a knowing overwrite."""
    data = form.data.copy()
    data["revision"] = str(conflict.current_revision)
    again = make_form(data)
    again.is_valid()
    return render(
        request,
        template,
        {**context, "form": again, "conflict": conflict, "conflict_changes": conflict.changes},
        status=CONFLICT,
    )


def _refusal(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- An alliance's decisions ------------------------------------------------------------------


@dataclass
class DecisionRow:
    decision: Decision
    score: selectors.FairProcess


@login_required
@require_safe
def alliance_decisions(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, see=VIEW_DECISIONS)
    can_manage = request.user.has_perm(MANAGE_DECISIONS, alliance)
    status = request.GET.get("status", "")
    if status not in Status.values or (status == Status.DRAFT and not can_manage):
        status = ""
    # A page past the last shows the last (Paginator.get_page); anything but a short number the first.
    page_number = request.GET.get("side", "")
    if not (page_number.isdigit() and len(page_number) <= 6):
        page_number = "1"

    def context() -> dict:
        page = Paginator(selectors.decisions_of(alliance, request.user, status=status), DECISIONS_PER_PAGE).get_page(
            page_number
        )
        decisions = list(page.object_list)
        page.object_list = decisions
        scores = selectors.fair_process_for(decisions)
        rows = [DecisionRow(decision, scores[decision.pk]) for decision in decisions]
        return {
            "page": page,
            "rows": rows,
            "weak_rows": [row for row in rows if row.score.weak],
            "status": status,
            "statuses": [(value, label) for value, label in Status.choices if can_manage or value != Status.DRAFT],
            "query": f"status={status}" if status else "",
            "can_manage": can_manage,
        }

    # The list with its figures, kept in the shared cache until the alliance's data changes:
    # those who run the decisions also see the drafts.
    body = registry.kept_alliance_markup(
        f"decisions:{'deciders' if can_manage else 'readers'}:{status or '-'}:{page_number}",
        alliance,
        request.user,
        "decisions/includes/decision_list_content.html",
        context,
    )
    return render(
        request,
        "decisions/decision_list.html",
        {"alliance": alliance, "can_manage": can_manage, "body": body},
    )


# --- Creating and editing a decision ----------------------------------------------------------


def _decision_form_context(owner, form, decision=None) -> dict:
    return {
        **_owner_context(owner),
        "form": form,
        "decision": decision,
        "detail_url": decision.get_absolute_url() if decision else None,
        "plan_url": _plan_url(owner),
        "plan_has_no_groups": not isinstance(owner, Alliance) and "affected_groups" not in form.fields,
    }


def _decision_form_page(request, owner, form, *, decision=None) -> HttpResponse:
    return render_form(request, "decisions/decision_form.html", _decision_form_context(owner, form, decision), form)


def _create(request: HttpRequest, owner) -> HttpResponse:
    is_alliance = isinstance(owner, Alliance)
    parties = _alliance_parties(owner) if is_alliance else None
    groups = [] if is_alliance else _plan_groups(owner)
    phase = getattr(owner, "phase", "")
    form = DecisionForm(
        request.POST if request.method == "POST" else None,
        parties=parties,
        groups=groups,
        with_revision=False,
        initial={"phase": phase} if phase else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_create(actor=request.user, owner=owner, **form.service_arguments())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(
                request, decision, _("Beslutningen er oprettet som kladde. Send den i høring, når spørgsmålet er klart.")
            )
    return _decision_form_page(request, owner, form)


@login_required
@require_http_methods(EDIT_METHODS)
def alliance_decision_create(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug, see=VIEW_DECISIONS, perm=MANAGE_DECISIONS)
    return _create(request, alliance)


@login_required
@require_http_methods(EDIT_METHODS)
def process_decision_create(request: HttpRequest, pk: int) -> HttpResponse:
    process = access.process_for_user(request.user, pk, perm=MANAGE_DECISIONS)
    return _create(request, process)


@login_required
@require_http_methods(EDIT_METHODS)
def decision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _manage(request, pk)
    owner = decision.owner
    if decision.status not in (Status.DRAFT, Status.HEARING):
        return render(request, "decisions/decision_form.html", {**_decision_context(decision), "form": None, "not_editable": True})
    is_alliance = isinstance(owner, Alliance)
    parties = _alliance_parties(owner) if is_alliance else None
    groups = [] if is_alliance else _plan_groups(owner)
    chosen_parties = list(decision.affected_parties.all()) if is_alliance else []
    chosen_groups = [] if is_alliance else list(decision.affected_groups.all())
    initial = DecisionForm.initial_from(decision, parties=chosen_parties, groups=chosen_groups)

    def make_form(data):
        return DecisionForm(
            data,
            parties=parties,
            groups=groups,
            with_revision=True,
            affected_locked=decision.status != Status.DRAFT,
            initial=initial,
        )

    form = make_form(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_update(
                actor=request.user, decision=decision, revision=form.revision(), **form.service_arguments()
            )
        except services.EditConflict as conflict:
            context = _decision_form_context(owner, form, decision)
            return _conflict_page(request, "decisions/decision_form.html", context, make_form, form, conflict)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(request, decision, _("Beslutningen er gemt."))
    return _decision_form_page(request, owner, form, decision=decision)


@login_required
@require_http_methods(EDIT_METHODS)
def decision_delete(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _manage(request, pk)
    context = _decision_context(decision)
    refusal = ""
    if request.method == "POST":
        try:
            services.decision_delete(actor=request.user, decision=decision)
        except ValidationError as error:
            refusal = _refusal(error)
        else:
            messages.success(request, _("Kladden er slettet. Sletningen står i historikken."))
            return redirect(context["decisions_url"])
    return render(
        request, "decisions/decision_delete.html", {**context, "refusal": refusal}, status=400 if refusal else 200
    )


# --- The hearing -------------------------------------------------------------------------------


@login_required
@require_http_methods(EDIT_METHODS)
def hearing_open(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _manage(request, pk)
    owner = decision.owner
    context = {**_decision_context(decision), "plan_url": _plan_url(owner)}
    if decision.status != Status.DRAFT:
        return render(request, "decisions/hearing_form.html", {**context, "form": None})
    groups = _plan_groups(owner)
    form = HearingForm(
        request.POST if request.method == "POST" else None,
        groups=groups,
        with_emails=decision.change_process_id is not None,
        initial={
            "last_day": timezone.localdate() + datetime.timedelta(days=DEFAULT_HEARING_DAYS),
            "is_public": decision.affects_public,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            hearing = services.hearing_open(
                actor=request.user, decision=decision, base_url=_base_url(request), **form.service_arguments()
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            invited = hearing.invitations.count()
            return _done(
                request,
                decision,
                _("Spørgsmålet er sendt i høring til og med %(day)s. %(count)s er inviteret, og e-mails er på vej.")
                % {"day": hearing.last_day.strftime("%d.%m.%Y"), "count": invited}
                if invited
                else _("Spørgsmålet er sendt i høring til og med %(day)s.") % {"day": hearing.last_day.strftime("%d.%m.%Y")},
            )
    parties = list(decision.affected_parties.select_related("organisation").order_by("organisation__name"))
    return render_form(
        request,
        "decisions/hearing_form.html",
        {**context, "form": form, "parties": parties, "has_groups": bool(groups)},
        form,
    )


def _hearing_or_none(decision: Decision):
    return getattr(decision, "hearing", None)


@login_required
@require_http_methods(EDIT_METHODS)
def hearing_deadline(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _manage(request, pk)
    hearing = _hearing_or_none(decision)
    context = {**_decision_context(decision), "hearing": hearing}
    if decision.status != Status.HEARING or hearing is None:
        return render(request, "decisions/hearing_deadline.html", {**context, "form": None})
    form = LastDayForm(request.POST if request.method == "POST" else None, initial={"last_day": hearing.last_day})
    if request.method == "POST" and form.is_valid():
        try:
            hearing = services.hearing_change_deadline(
                actor=request.user, decision=decision, last_day=form.cleaned_data["last_day"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(
                request,
                decision,
                _("Høringen er nu åben til og med %(day)s.") % {"day": hearing.last_day.strftime("%d.%m.%Y")},
            )
    return render_form(request, "decisions/hearing_deadline.html", {**context, "form": form}, form)


@login_required
@require_http_methods(EDIT_METHODS)
def hearing_close(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _manage(request, pk)
    hearing = _hearing_or_none(decision)
    refusal = ""
    if request.method == "POST":
        try:
            services.hearing_close(actor=request.user, decision=decision)
        except ValidationError as error:
            refusal = _refusal(error)
        else:
            return _done(request, decision, _("Høringen er lukket. Nu kan beslutningen træffes."))
    can_close = decision.status == Status.HEARING and hearing is not None and hearing.is_open()
    return render(
        request,
        "decisions/hearing_close.html",
        {**_decision_context(decision), "hearing": hearing, "can_close": can_close, "refusal": refusal},
        status=400 if refusal else 200,
    )


# --- Deciding, replying, expectations ------------------------------------------------------------


def _outcome_initial(decision: Decision) -> dict:
    """The outcome as it stands, and the revision it was read at (the deciding and the
    correcting forms)."""
    return {
        "revision": decision.revision,
        "outcome": decision.outcome,
        "reasons": decision.reasons,
        "review_on": decision.review_on,
    }


def _decide_blocker(decision: Decision) -> str:
    """Why the outcome cannot be written now, or ""."""
    if decision.status == Status.DRAFT:
        return _("Send spørgsmålet i høring, før det besluttes.")
    if decision.status == Status.HEARING and decision.hearing.is_open():
        return _("Høringen er stadig åben. Luk den, eller vent til fristen er udløbet.")
    if decision.status == Status.COMMUNICATED:
        return _("Beslutningen er meddelt og ligger fast. Ret den med en ny version.")
    return ""


@login_required
@require_http_methods(EDIT_METHODS)
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _manage(request, pk)
    context = {**_decision_context(decision), "blocker": _decide_blocker(decision)}
    if context["blocker"]:
        return render(request, "decisions/decide_form.html", {**context, "form": None})
    def make_form(data):
        return OutcomeForm(data, initial=_outcome_initial(decision))

    form = make_form(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        first = decision.status == Status.HEARING
        try:
            services.decision_decide(
                actor=request.user, decision=decision, revision=form.revision(), **form.service_arguments()
            )
        except services.EditConflict as conflict:
            return _conflict_page(request, "decisions/decide_form.html", context, make_form, form, conflict)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(
                request,
                decision,
                _("Beslutningen er truffet. Besvar nu hvert høringssvar, og skriv, hvad der sker nu.")
                if first
                else _("Beslutningen og begrundelsen er gemt."),
            )
    return render_form(request, "decisions/decide_form.html", {**context, "form": form}, form)


def _response_or_404(decision: Decision, number: int) -> Response:
    response = (
        Response.objects.filter(hearing__decision=decision, number=number)
        .select_related("party__organisation", "invitation", "author", "hearing__decision")
        .first()
    )
    if response is None:
        raise not_found()
    return response


@login_required
@require_http_methods(EDIT_METHODS)
def reply(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    decision = _manage(request, pk)
    response = _response_or_404(decision, number)
    context = {**_decision_context(decision), "response": response, "who": _who(response, deciders=True)}
    if decision.status != Status.DECIDED:
        return render(request, "decisions/reply_form.html", {**context, "form": None})
    form = ReplyForm(
        request.POST if request.method == "POST" else None,
        initial={"usage": response.reply_usage or None, "text": response.reply_text},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.response_reply(
                actor=request.user, response=response, base_url=_base_url(request), **form.service_arguments()
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(
                request,
                decision,
                _("Svaret på høringssvar %(number)s er gemt.") % {"number": response.number},
            )
    return render_form(request, "decisions/reply_form.html", {**context, "form": form}, form)


def _expectation_or_404(decision: Decision, expectation_id: int) -> Expectation:
    expectation = Expectation.objects.filter(decision=decision, pk=expectation_id).first()
    if expectation is None:
        raise not_found()
    expectation.decision = decision
    return expectation


@login_required
@require_http_methods(EDIT_METHODS)
def expectation_add(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _manage(request, pk)
    context = {**_decision_context(decision), "expectation": None}
    if decision.status not in (Status.DECIDED, Status.COMMUNICATED):
        return render(request, "decisions/expectation_form.html", {**context, "form": None})
    form = ExpectationForm(request.POST if request.method == "POST" else None, with_done=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.expectation_create(actor=request.user, decision=decision, **form.service_arguments())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(request, decision, _("Forventningen er tilføjet."))
    return render_form(request, "decisions/expectation_form.html", {**context, "form": form}, form)


@login_required
@require_http_methods(EDIT_METHODS)
def expectation_edit(request: HttpRequest, pk: int, expectation_id: int) -> HttpResponse:
    decision = _manage(request, pk)
    expectation = _expectation_or_404(decision, expectation_id)
    form = ExpectationForm(
        request.POST if request.method == "POST" else None,
        with_done=True,
        fixed=decision.is_fixed,
        initial={
            "action": expectation.action,
            "owner": expectation.owner,
            "due_on": expectation.due_on,
            "done_on": expectation.done_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.expectation_update(actor=request.user, expectation=expectation, **form.service_arguments())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(request, decision, _("Forventningen er gemt."))
    return render_form(
        request,
        "decisions/expectation_form.html",
        {**_decision_context(decision), "expectation": expectation, "form": form},
        form,
    )


@login_required
@require_http_methods(EDIT_METHODS)
def expectation_delete(request: HttpRequest, pk: int, expectation_id: int) -> HttpResponse:
    decision = _manage(request, pk)
    expectation = _expectation_or_404(decision, expectation_id)
    refusal = ""
    if request.method == "POST":
        try:
            services.expectation_delete(actor=request.user, expectation=expectation)
        except ValidationError as error:
            refusal = _refusal(error)
        else:
            return _done(request, decision, _("Forventningen er slettet."))
    return render(
        request,
        "decisions/expectation_delete.html",
        {**_decision_context(decision), "expectation": expectation, "refusal": refusal},
        status=400 if refusal else 200,
    )


# --- Communicating and correcting ---------------------------------------------------------------


@dataclass
class Readiness:
    """What communicating will do, and what still stands in its way."""

    responses: int
    unanswered: int
    notified: int
    unreachable: int
    expectations: int
    clear_expectations: int

    @property
    def ready(self) -> bool:
        return not self.unanswered and self.clear_expectations > 0


def _readiness(responses: list[Response], expectations: list[Expectation]) -> Readiness:
    notified = sum(1 for response in responses if response.notify_address())
    return Readiness(
        responses=len(responses),
        unanswered=sum(1 for response in responses if not response.is_answered),
        notified=notified,
        unreachable=len(responses) - notified,
        expectations=len(expectations),
        clear_expectations=sum(1 for expectation in expectations if expectation.is_clear),
    )


@login_required
@require_http_methods(EDIT_METHODS)
def communicate(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _manage(request, pk)
    problems: list[str] = []
    if request.method == "POST":
        try:
            services.decision_communicate(actor=request.user, decision=decision, base_url=_base_url(request))
        except ValidationError as error:
            problems = error.messages
        else:
            return _done(
                request,
                decision,
                _("Beslutningen er meddelt. Alle, der har svaret og kan nås, får en e-mail og bliver spurgt, om de følte sig hørt."),
            )
    responses = selectors.responses_of(decision) if _hearing_or_none(decision) else []
    expectations = list(decision.expectations.all())
    return render(
        request,
        "decisions/communicate.html",
        {
            **_decision_context(decision),
            "readiness": _readiness(responses, expectations),
            "problems": problems,
        },
        status=400 if problems else 200,
    )


@login_required
@require_http_methods(EDIT_METHODS)
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _manage(request, pk)
    context = _decision_context(decision)
    if decision.status != Status.COMMUNICATED:
        return render(request, "decisions/correct_form.html", {**context, "form": None})
    def make_form(data):
        return CorrectForm(data, initial=_outcome_initial(decision))

    form = make_form(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.decision_correct(
                actor=request.user,
                decision=decision,
                revision=form.revision(),
                base_url=_base_url(request),
                **form.service_arguments(),
            )
        except services.EditConflict as conflict:
            return _conflict_page(request, "decisions/correct_form.html", context, make_form, form, conflict)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(
                request,
                decision,
                _("Version %(number)s af beslutningen er gemt. De tidligere versioner står stadig på siden, og alle, der har svaret, får besked.")
                % {"number": version.number},
            )
    return render_form(request, "decisions/correct_form.html", {**context, "form": form}, form)


# --- The decision's page -----------------------------------------------------------------------


def _who(response: Response, *, deciders: bool) -> dict:
    """Who wrote a response, as this reader may see it: a party by its name; a citizen or an
    invited person anonymised ("Borger (svar 3)"), with name and address for the deciders."""
    if response.party_id:
        return {
            "label": response.party.organisation.name,
            "detail": (response.author.get_full_name() or response.author.username) if deciders and response.author_id else "",
            "kind": "party",
        }
    if response.invitation_id:
        anonymous = _("Inviteret (svar %(number)s)") % {"number": response.number}
        address = response.invitation.email
        kind = "invited"
    else:
        anonymous = _("Borger (svar %(number)s)") % {"number": response.number}
        address = response.email
        kind = "citizen"
    if not deciders:
        return {"label": anonymous, "detail": "", "kind": kind}
    detail = address
    if address and kind == "citizen" and response.email_confirmed_at is None:
        detail = _("%(address)s (ikke bekræftet)") % {"address": address}
    return {"label": response.name or anonymous, "detail": detail, "kind": kind}


@dataclass
class ResponseView:
    response: Response
    who: dict


@dataclass
class InvitationView:
    label: str
    is_party: bool
    answered: bool


def _percent(share: float | None) -> int | None:
    return None if share is None else round(share * 100)


def _hearing_is_open(decision: Decision, hearing, now) -> bool:
    return hearing is not None and decision.status == Status.HEARING and hearing.is_open(now)


def _my_part(user, decision: Decision, hearing) -> tuple[Party | None, Response | None]:
    """The party this reader answers for in the hearing, and its response: a party's
    representative answers for it when it is invited."""
    if hearing is None or not decision.alliance_id:
        return None, None
    membership = membership_in(user, decision.alliance)
    if membership is None or not membership.party_id or not user.has_perm(RESPOND, membership.party):
        return None, None
    if not selectors.party_is_invited(hearing, membership.party_id):
        return None, None
    return membership.party, selectors.response_of_party(hearing, membership.party_id)


def _decision_body_context(request: HttpRequest, decision: Decision, *, can_manage: bool, now) -> dict:
    """Everything on a decision's page that depends on the reader only through whether they
    run the decision: the actions offered to deciders, the question, the hearing
    with its invited and responses, the outcome, the expectations, the versions and the
    fair-process figures."""
    hearing = _hearing_or_none(decision)
    invitations = selectors.invitations_of(decision) if hearing else []
    responses = selectors.responses_of(decision) if hearing else []
    expectations = list(decision.expectations.all())
    score = selectors.fair_process_for([decision], now=now)[decision.pk]
    answered_parties = {response.party_id for response in responses if response.party_id}
    answered_invitations = {response.invitation_id for response in responses if response.invitation_id}
    invited = [
        InvitationView(
            label=invitation.party.organisation.name if invitation.party_id else invitation.email,
            is_party=bool(invitation.party_id),
            answered=(invitation.party_id in answered_parties) if invitation.party_id else (invitation.pk in answered_invitations),
        )
        for invitation in invitations
    ]
    invited_by_email = [row for row in invited if not row.is_party]
    return {
        **_decision_context(decision),
        "can_manage": can_manage,
        "hearing": hearing,
        "hearing_is_open": _hearing_is_open(decision, hearing, now),
        "promise": HEARING_PROMISE[HearingLevel(hearing.level)] if hearing else "",
        "public_address": request.build_absolute_uri(reverse("decisions:public_hearing", kwargs={"token": hearing.token}))
        if hearing and hearing.is_public
        else "",
        "hearing_groups": list(hearing.groups.all()) if hearing else [],
        "parties": list(decision.affected_parties.select_related("organisation").order_by("organisation__name")),
        "groups": list(decision.affected_groups.all()),
        "invited_parties": [row for row in invited if row.is_party],
        "invited_by_email": invited_by_email,
        "invited_by_email_answered": sum(1 for row in invited_by_email if row.answered),
        # Those who run the decision see who wrote (names and addresses); everyone else
        # reads the responses anonymised.
        "responses": [ResponseView(response, _who(response, deciders=can_manage)) for response in responses],
        "expectations": expectations,
        "versions": list(decision.versions.select_related("created_by").order_by("-number")),
        "score": score,
        "percent": {
            "engagement": _percent(score.engagement),
            "explanation": _percent(score.explanation),
            "clarity": _percent(score.expectation_clarity),
        },
        "threshold": settings.BROBYGGER_PRIVACY_THRESHOLD,
        "readiness": _readiness(responses, expectations),
        "plan_url": _plan_url(decision.owner),
        "can_decide": can_manage and not _decide_blocker(decision),
    }


@login_required
@require_safe
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole decision for everyone who may see it; each action offered only to those the
    rules allow and only when the decision's step allows it.

    All but the reader's own part in the hearing (with its form) is kept rendered in the
    shared cache until the decision's data changes: it grows with the hearing, and it differs
    between readers only in whether they run the decision."""
    user = request.user
    decision = access.decision_for_user(user, pk)
    can_manage = user.has_perm(MANAGE_DECISIONS, decision)
    now = timezone.now()
    hearing = _hearing_or_none(decision)
    my_party, my_response = _my_part(user, decision, hearing)
    felt_heard_form = None
    if my_response is not None and decision.status == Status.COMMUNICATED:
        felt_heard_form = FeltHeardForm(party=True, initial={"felt_heard": my_response.felt_heard}, auto_id="hoert_%s")
    # A decision in a change process has no alliance (None): kept under the version of
    # everything else, and the name says whether the reader runs it. The host is in the name
    # because the public hearing's address is absolute.
    body = registry.kept_alliance_markup(
        f"decision:{decision.pk}:{'deciders' if can_manage else 'readers'}:{request.get_host()}",
        decision.alliance,
        user,
        "decisions/includes/decision_body.html",
        lambda: _decision_body_context(request, decision, can_manage=can_manage, now=now),
    )
    context = {
        **_decision_context(decision),
        "steps": _steps(decision),
        "body": body,
        "hearing": hearing,
        "hearing_is_open": _hearing_is_open(decision, hearing, now),
        "my_party": my_party,
        "my_response": my_response,
        "felt_heard_form": felt_heard_form,
    }
    return render(request, "decisions/decision_detail.html", context)


@dataclass
class Step:
    label: str
    state: str  # "done", "current" or "later"


def _steps(decision: Decision) -> list[Step]:
    order = list(Status.values)
    current = order.index(decision.status)
    return [
        Step(label=label, state="done" if index < current else "current" if index == current else "later")
        for index, (_value, label) in enumerate(Status.choices)
    ]
