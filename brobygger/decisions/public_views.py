"""Answering a hearing: a party's representatives (logged in), a citizen on a public hearing
and an invited person through their own link (both without an account), and one's own
response through its link.

The pages without an account show nothing private: the public page names no respondent, and
a respondent's own page is reached only through its unguessable link, which is kept out of
other sites' logs (Referrer-Policy) and out of search engines (X-Robots-Tag).
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.core import get_usage

from brobygger.alliances.access import not_found
from brobygger.alliances.rules import membership_in
from brobygger.core.net import client_ip
from brobygger.core.permissions import require
from brobygger.core.shortcuts import render_form

from . import access, services
from .models import Decision, Hearing, Invitation, Response
from .public_forms import FeltHeardForm, PartyResponseForm, PublicResponseForm
from .rules import RESPOND
from .selectors import hearing_by_token, response_by_token
from .taxonomy import HEARING_PROMISE, Stance, Status, Usage

# --- Limits on answering without an account ---------------------------------------------------
#
# Counted on POSTs only (reading a hearing is free), with django-ratelimit in the shared cache,
# keyed by the client's address as core.net sees it (X-Forwarded-For only from trusted proxies).
# Per address and hearing: room for a household, a class or an office answering from one
# network address, far too little for a script. The address's limits are checked first, and only
# a request within them counts towards the hearing's own ceiling, so a flood from one address is
# stopped without using up what everyone else may send. The ceiling per hearing bounds what a
# flood spread over many addresses adds in an hour (services.MOST_RESPONSES caps the total).
# On the database cache a counter untouched for five minutes is forgotten (its incr() rewrites
# the entry with the default expiry), so the daily limit holds fully only on Redis, which
# production uses; a flood, which never pauses, is stopped on either.
RATE_PER_ADDRESS = "10/10m"
RATE_PER_ADDRESS_DAY = "40/d"
RATE_PER_HEARING = "300/h"
# An invited person's link is theirs alone and holds one response, which they may change: it is
# limited per link, not per address (colleagues answer from the same workplace network).
RATE_PER_INVITATION = "20/h"
# The largest request body accepted. The fields' own limits are the real ones (5,000 characters
# of text); a text at its limit in any script, percent-encoded (up to twelve bytes a character),
# stays below this, so only junk is refused here.
MAX_BODY_BYTES = 80 * 1024

# How long the confirmation link in the mail works.
CONFIRM_MAX_AGE = datetime.timedelta(days=30)
# The query parameter (and form field) that carries the signed confirmation.
CONFIRM_PARAM = "bekraeft"
# The query that shows the step before withdrawing a response (a GET never changes anything).
WITHDRAW_QUERY = "handling"
WITHDRAW_VALUE = "traek-tilbage"


def _by_address(group: str, request: HttpRequest) -> str:
    return client_ip(request)


def _whole_group(group: str, request: HttpRequest) -> str:
    return "all"


def _over(request: HttpRequest, *, group: str, rate: str, key) -> int | None:
    """Count this POST against one limit: the seconds to wait if it is over, else None."""
    usage = get_usage(request, group=group, key=key, rate=rate, method="POST", increment=True)
    if usage is not None and usage["should_limit"]:
        return max(1, usage["time_left"])
    return None


def _rate_limited(request: HttpRequest, hearing: Hearing, invitation: Invitation | None) -> int | None:
    if invitation is not None:
        return _over(request, group=f"decisions.invitation.{invitation.pk}", rate=RATE_PER_INVITATION, key=_whole_group)
    group = f"decisions.hearing.{hearing.pk}"
    for rate in (RATE_PER_ADDRESS, RATE_PER_ADDRESS_DAY):
        wait = _over(request, group=group, rate=rate, key=_by_address)
        if wait is not None:
            return wait
    return _over(request, group=f"{group}.all", rate=RATE_PER_HEARING, key=_whole_group)


def _too_large(request: HttpRequest) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > MAX_BODY_BYTES


def _refused(request: HttpRequest, *, status: int, heading: str, text: str, back_url: str) -> HttpResponse:
    response = render(
        request, "decisions/public_refused.html", {"heading": heading, "text": text, "back_url": back_url}, status=status
    )
    return _token_headers(response, noindex=True)


def _token_headers(response: HttpResponse, *, noindex: bool) -> HttpResponse:
    """A page whose address is a token: the token never travels on to another site, and a
    page about one person is neither cached nor indexed. "same-origin", not "no-referrer": under
    "no-referrer" a browser sends `Origin: null` with the page's own form, which Django's CSRF
    check refuses, so nobody could answer."""
    response["Referrer-Policy"] = "same-origin"
    if noindex:
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
    return response


def _see_other(url: str) -> HttpResponse:
    """After a POST without an account: 303, so the browser fetches the next page with GET."""
    response = redirect(url)
    response.status_code = 303
    return response


# --- What the hearing pages show ---------------------------------------------------------------


def _owner_name(decision: Decision) -> str:
    if decision.alliance_id:
        return decision.alliance.title
    return decision.change_process.organisation.name


def _is_open(hearing: Hearing) -> bool:
    return hearing.decision.status == Status.HEARING and hearing.is_open()


def _hearing_context(hearing: Hearing) -> dict:
    """Who asks, what, the influence on offer and why, and the deadline."""
    decision = hearing.decision
    is_open = _is_open(hearing)
    return {
        "hearing": hearing,
        "decision": decision,
        "owner_name": _owner_name(decision),
        "process_title": decision.change_process.title if decision.change_process_id else "",
        "promise": HEARING_PROMISE[hearing.level],
        "is_open": is_open,
        "communicated": decision.status == Status.COMMUNICATED,
        # The hearing has ended and the decision is being made (or written up).
        "being_decided": not is_open and decision.status in (Status.HEARING, Status.DECIDED),
    }


def _outcome_context(decision: Decision, *, with_responses: bool) -> dict:
    """The communicated decision: outcome, reasons, what happens next, and (on the hearing's
    page) every response anonymised with its answer. Only numbers, stances, texts and replies
    reach the template: never a name or an address. Three queries, whatever the number of
    responses."""
    context = {
        "expectations": list(decision.expectations.all()),
        "correction": decision.versions.filter(number__gt=1).order_by("-number").first(),
    }
    if with_responses:
        context["anonymised"] = [
            {
                "number": row["number"],
                "stance": Stance(row["stance"]).label,
                "text": row["text"],
                "usage": Usage(row["reply_usage"]).label if row["reply_usage"] else "",
                "reply": row["reply_text"],
            }
            for row in Response.objects.filter(hearing__decision=decision)
            .order_by("number")
            .values("number", "stance", "text", "reply_usage", "reply_text")
        ]
    return context


def _hearing_page_url(response: Response) -> str:
    """Where a respondent without an account reads the hearing: their invitation's link, or
    the public page."""
    if response.invitation_id:
        return reverse("decisions:public_hearing", kwargs={"token": response.invitation.token})
    if response.hearing.is_public:
        return reverse("decisions:public_hearing", kwargs={"token": response.hearing.token})
    return ""


# --- A party's representatives ------------------------------------------------------------------


def _party_hearing(user, pk: int):
    """The decision, its hearing and the party the user answers for: 404 if they may not see
    the decision or it has no hearing; 403 with the reason if they answer for no party, or
    their party is not invited."""
    decision = access.decision_for_user(user, pk)
    try:
        hearing = decision.hearing
    except Hearing.DoesNotExist:
        raise not_found() from None
    membership = membership_in(user, decision.alliance) if decision.alliance_id else None
    party = membership.party if membership is not None and membership.party_id else None
    # Staff, observers and members without a party read the decision but answer for nobody.
    require(user, RESPOND, party if party is not None else decision)
    if not hearing.invitations.filter(party=party).exists():
        raise PermissionDenied(
            _("Høringen har ikke inviteret %(party)s, så I kan ikke svare i den.") % {"party": party.organisation.name}
        )
    hearing.decision = decision
    return decision, hearing, party


def _party_response(hearing: Hearing, party) -> Response | None:
    return Response.objects.filter(hearing=hearing, party=party).select_related("author").first()


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def party_respond(request: HttpRequest, pk: int) -> HttpResponse:
    """The party's response, for its representatives: one per party, shared by all of them,
    which each of them may change until the deadline."""
    decision, hearing, party = _party_hearing(request.user, pk)
    saved = _party_response(hearing, party)
    is_open = _is_open(hearing)
    initial = {"stance": saved.stance, "text": saved.text} if saved else {}
    form = PartyResponseForm(request.POST if request.method == "POST" else None, initial=initial)
    closed_error = ""
    if request.method == "POST":
        valid = form.is_valid()
        if valid or not is_open:
            try:
                services.response_save(
                    actor=request.user,
                    hearing=hearing,
                    party=party,
                    stance=form.cleaned_data.get("stance", "") if valid else "",
                    text=form.cleaned_data.get("text", "") if valid else "",
                )
            except ValidationError as error:
                if _is_open(hearing):
                    form.add_service_error(error)
                else:
                    closed_error = " ".join(error.messages)
            else:
                messages.success(
                    request,
                    _("Svaret fra %(party)s er gemt. I kan rette det til og med %(day)s.")
                    % {"party": party.organisation.name, "day": hearing.last_day.strftime("%d.%m.%Y")},
                )
                return redirect(decision.get_absolute_url())
    context = {
        **_hearing_context(hearing),
        "alliance": decision.alliance,
        "party": party,
        "saved": saved,
        "form": form,
        "closed_error": closed_error,
    }
    response = render_form(request, "decisions/respond.html", context, form)
    if closed_error:
        response.status_code = 400
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def party_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw the party's response while the hearing is open: asked on GET, done on POST."""
    decision, hearing, party = _party_hearing(request.user, pk)
    saved = _party_response(hearing, party)
    error = ""
    if request.method == "POST":
        if saved is None:
            messages.info(request, _("Jeres part har ikke afgivet et svar, så der er intet at trække tilbage."))
            return redirect(decision.get_absolute_url())
        try:
            services.response_withdraw(actor=request.user, response=saved)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(
                request, _("Svaret fra %(party)s er trukket tilbage og slettet.") % {"party": party.organisation.name}
            )
            return redirect(decision.get_absolute_url())
    context = {**_hearing_context(hearing), "alliance": decision.alliance, "party": party, "saved": saved, "error": error}
    return render(request, "decisions/respond_withdraw.html", context, status=400 if error else 200)


@login_required
@require_POST
def party_felt_heard(request: HttpRequest, pk: int) -> HttpResponse:
    """"Følte I jer hørt?" for the party's response, from the decision's page (#hoert). A bad
    answer gets a small page of its own with the message next to the question."""
    decision, hearing, party = _party_hearing(request.user, pk)
    saved = _party_response(hearing, party)
    form = FeltHeardForm(request.POST, party=True)
    if saved is None:
        form.add_error(None, _("Jeres part svarede ikke i høringen, så der er ikke noget svar at vurdere."))
    elif form.is_valid():
        try:
            services.felt_heard_save(actor=request.user, response=saved, value=form.cleaned_data["felt_heard"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Tak. Jeres svar på, om I følte jer hørt, er gemt."))
            return redirect(decision.get_absolute_url() + "#hoert")
    context = {**_hearing_context(hearing), "alliance": decision.alliance, "party": party, "form": form}
    return render(request, "decisions/respond_felt_heard.html", context, status=400)


# --- Without an account: the hearing's page and one's own response -------------------------------


def _respondent_action(request: HttpRequest, response: Response, *, page_url: str, render_page) -> HttpResponse:
    """What a respondent without an account does to their own response, from their own page
    (the response's link, or an invited person's link): withdraw it, say whether they felt
    heard, or confirm their address. `render_page(status, **extra)` shows the page again."""
    action = request.POST.get("action", "")
    if action == "withdraw":
        hearing_url = _hearing_page_url(response)
        services.response_withdraw(response=response)
        page = render(request, "decisions/public_withdrawn.html", {"hearing_url": hearing_url})
        return _token_headers(page, noindex=True)
    if action == "felt_heard":
        if response.hearing.decision.status != Status.COMMUNICATED:
            # The question is not on the page yet, so the answer goes above it.
            return render_page(400, action_error=_("Du bliver spurgt, om du følte dig hørt, når beslutningen er meddelt."))
        form = FeltHeardForm(request.POST)
        if form.is_valid():
            try:
                services.felt_heard_save(response=response, value=form.cleaned_data["felt_heard"])
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Tak. Dit svar på, om du følte dig hørt, er gemt."))
                return _see_other(page_url + "#hoert")
        return render_page(400, felt_heard_form=form)
    if action == "confirm":
        if not _confirmation_fits(response, request.POST.get(CONFIRM_PARAM, "")):
            return render_page(
                400,
                confirm_error=_(
                    "Din e-mail er ikke bekræftet: linket er ugyldigt eller for gammelt. "
                    "Brug linket i den seneste mail fra os, eller skriv dit svar igen med din e-mail."
                ),
            )
        services.response_confirm_email(response=response)
        messages.success(request, _("Tak. Din e-mail er bekræftet, og du får besked, når der sker noget med dit svar."))
        return _see_other(page_url)
    return render_page(400, action_error=_("Vælg, hvad du vil gøre med dit svar."))


def _confirmation_fits(response: Response, value: str) -> bool:
    """The signed value from the confirmation mail is for this response and this address."""
    if not value or not response.email or len(value) > 1000:
        return False
    try:
        data = signing.loads(value, salt=services.CONFIRM_EMAIL_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return False
    return isinstance(data, dict) and data.get("r") == response.pk and data.get("e") == response.email


def _own_response_context(response: Response | None) -> dict:
    """What a respondent without an account may do with their response now."""
    if response is None:
        return {"own": None}
    communicated = response.hearing.decision.status == Status.COMMUNICATED
    return {
        "own": response,
        "can_rate": communicated,
        "felt_heard_form": FeltHeardForm(
            initial={"felt_heard": str(response.felt_heard)} if response.felt_heard else None
        ),
    }


@require_http_methods(["GET", "HEAD", "POST"])
def public_hearing(request: HttpRequest, token: str) -> HttpResponse:
    """A public hearing's page (anyone), or an invited person's own link in a change process
    (they answer as their invitation, may change the answer until the deadline, withdraw it,
    and say whether they felt heard). After the decision is communicated: the outcome, what
    happens next, and how every response was used, anonymised."""
    hearing, invitation = hearing_by_token(token)
    if hearing is None:
        raise not_found()
    page_url = request.path
    if request.method == "POST":
        if _too_large(request):
            return _refused(
                request,
                status=413,
                heading=_("Svaret er for stort"),
                text=_("Det, du sendte, fylder mere, end en høring tager imod. Et høringssvar kan højst være 5.000 tegn."),
                back_url=page_url,
            )
        wait = _rate_limited(request, hearing, invitation)
        if wait is not None:
            refused = _refused(
                request,
                status=429,
                heading=_("For mange svar på kort tid"),
                text=_(
                    "Høringen har modtaget for mange svar fra din forbindelse på kort tid, så dette svar er ikke "
                    "gemt. Vent lidt, og prøv igen om %(minutes)s minutter."
                )
                % {"minutes": max(1, (wait + 59) // 60)},
                back_url=page_url,
            )
            refused["Retry-After"] = str(wait)
            return refused
    own = None
    if invitation is not None:
        own = Response.objects.filter(invitation=invitation).select_related("invitation", "hearing").first()
        if own is not None:
            own.hearing.decision = hearing.decision
    is_open = _is_open(hearing)
    initial = {"stance": own.stance, "text": own.text, "name": own.name, "consent": True} if own else {}
    form = PublicResponseForm(
        request.POST if request.method == "POST" and not request.POST.get("action") else None,
        initial=initial,
        ask_email=invitation is None,
    )

    def render_page(status: int = 200, **extra) -> HttpResponse:
        context = {
            **_hearing_context(hearing),
            **_own_response_context(own),
            "invitation": invitation,
            "form": form,
            "page_url": page_url,
            "withdraw_url": f"{page_url}?{WITHDRAW_QUERY}={WITHDRAW_VALUE}",
            **extra,
        }
        if hearing.decision.status == Status.COMMUNICATED:
            context.update(_outcome_context(hearing.decision, with_responses=True))
        page = render(request, "decisions/public_hearing.html", context, status=status)
        return _token_headers(page, noindex=invitation is not None)

    if request.method == "POST" and request.POST.get("action"):
        if own is None:
            return render_page(400, action_error=_("Du har ikke afgivet et svar i høringen endnu."))
        return _respondent_action(request, own, page_url=page_url, render_page=render_page)
    if request.method != "POST" and own is not None and request.GET.get(WITHDRAW_QUERY) == WITHDRAW_VALUE:
        return _withdraw_step(request, own, page_url=page_url)
    if request.method == "POST":
        if not is_open:
            return render_page(400, closed_error=_closed_message(hearing))
        if form.is_valid():
            try:
                saved = _save(request, hearing, invitation, form.cleaned_data)
            except ValidationError as error:
                form.add_service_error(error)
            else:
                return _after_save(request, saved, invitation, page_url=page_url)
        return render_page(400)
    return render_page()


def _closed_message(hearing: Hearing) -> str:
    if hearing.decision.status != Status.HEARING:
        return _("Høringen er slut, og beslutningen er ved at blive truffet. Der kan ikke længere afgives svar.")
    return _("Høringen lukkede ved udgangen af %(day)s. Der kan ikke længere afgives svar.") % {
        "day": hearing.last_day.strftime("%d.%m.%Y")
    }


def _save(request: HttpRequest, hearing: Hearing, invitation: Invitation | None, data: dict) -> Response:
    if invitation is not None:
        return services.invitee_response_save(
            invitation=invitation, stance=data["stance"], text=data["text"], consent=data["consent"], name=data["name"]
        )
    return services.public_response_create(
        hearing=hearing,
        stance=data["stance"],
        text=data["text"],
        consent=data["consent"],
        name=data["name"],
        email=data["email"],
        base_url=request.build_absolute_uri("/"),
    )


def _after_save(request: HttpRequest, saved: Response, invitation: Invitation | None, *, page_url: str) -> HttpResponse:
    if invitation is not None:
        messages.success(
            request,
            _(
                "Tak. Dit svar er gemt. Du kan rette det eller trække det tilbage her til og med %(day)s "
                "– linket står i den mail, du fik."
            )
            % {"day": saved.hearing.last_day.strftime("%d.%m.%Y")},
        )
        return _see_other(page_url)
    note = _(
        "Tak. Dit svar er gemt. Gem denne side som bogmærke: adressen er din eneste vej til at læse dit svar "
        "eller trække det tilbage."
    )
    if saved.email:
        note += " " + _(
            "Vi har sendt en mail til %(email)s. Bekræft din e-mail med linket i den; indtil da sender vi ikke "
            "andet til den."
        ) % {"email": saved.email}
    messages.success(request, note)
    return _see_other(reverse("decisions:my_response", kwargs={"token": saved.manage_token}))


def _withdraw_step(request: HttpRequest, response: Response, *, page_url: str) -> HttpResponse:
    """The step before withdrawing: what will be deleted, and a button that does it (POST)."""
    page = render(
        request,
        "decisions/public_withdraw.html",
        {"own": response, "decision": response.hearing.decision, "page_url": page_url},
    )
    return _token_headers(page, noindex=True)


@require_http_methods(["GET", "HEAD", "POST"])
def my_response(request: HttpRequest, token: str) -> HttpResponse:
    """One's own response through its link: read it, confirm the address (with the signed
    value from the mail), withdraw it, and after communication say whether one felt heard."""
    response = response_by_token(token)
    if response is None:
        raise not_found()
    decision = response.hearing.decision
    page_url = request.path

    def render_page(status: int = 200, **extra) -> HttpResponse:
        # The mail's link carries the signature in its query; the button posts it back.
        signature = request.GET.get(CONFIRM_PARAM, "")
        fits = _confirmation_fits(response, signature)
        context = {
            "decision": decision,
            "hearing": response.hearing,
            "owner_name": _owner_name(decision),
            "communicated": decision.status == Status.COMMUNICATED,
            "hearing_url": _hearing_page_url(response),
            "withdraw_url": f"{page_url}?{WITHDRAW_QUERY}={WITHDRAW_VALUE}",
            "page_url": page_url,
            "confirm_signature": signature if fits and not response.email_confirmed_at else "",
            "confirm_link_bad": bool(signature) and not fits and not response.email_confirmed_at,
            **_own_response_context(response),
            **extra,
        }
        if decision.status == Status.COMMUNICATED:
            context.update(_outcome_context(decision, with_responses=False))
        page = render(request, "decisions/public_my_response.html", context, status=status)
        return _token_headers(page, noindex=True)

    if request.method == "POST":
        return _respondent_action(request, response, page_url=page_url, render_page=render_page)
    if request.GET.get(WITHDRAW_QUERY) == WITHDRAW_VALUE:
        return _withdraw_step(request, response, page_url=page_url)
    return render_page()
