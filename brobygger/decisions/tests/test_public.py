"""Answering a hearing: a citizen on the public page without an account (consent, bad input,
the honeypot, floods and oversized requests), an invited person through their own link, one's
own response through its link (confirming the address by the signed mail link only,
withdrawing, felt heard), the public page after communication (anonymised), and a party's
representatives answering for their party."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.core import mail, signing
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from brobygger.alliances.models import Party
from brobygger.core.models import AuditRecord
from brobygger.decisions import public_views, services
from brobygger.decisions.models import Response
from brobygger.decisions.taxonomy import Stance

from .helpers import (
    BASE_URL,
    communicated,
    decide,
    in_hearing,
    party_response,
    public_response,
    refreshed,
)

pytestmark = pytest.mark.django_db

CITIZEN = "203.0.113.5"
NEIGHBOUR = "198.51.100.7"


@pytest.fixture(autouse=True)
def fresh_limits():
    """Rate-limit counts live in the shared cache: no test inherits another's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def hearing_decision(landscape, today):
    """A decision of the internal alliance in an open public hearing."""
    return in_hearing(landscape.coordinator, landscape.internal, public=True)


def hearing_url(decision) -> str:
    return reverse("decisions:public_hearing", kwargs={"token": decision.hearing.token})


def my_url(response: Response) -> str:
    return reverse("decisions:my_response", kwargs={"token": response.manage_token})


def answer(**changes) -> dict:
    data = {
        "stance": Stance.PARTLY,
        "text": "Godt, men husk de små skoler.",
        "name": "Bo Borger",
        "email": "",
        "consent": "on",
        "hjemmeside": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def company_party(landscape, alliance) -> Party:
    return Party.objects.get(alliance=alliance, organisation=landscape.company)


# --- A citizen on the public page ---------------------------------------------------------------


def test_a_citizen_answers_a_public_hearing_without_an_account(hearing_decision, client):
    url = hearing_url(hearing_decision)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert hearing_decision.question in html
    assert "Intern mælk" in html  # whose decision
    # The influence on offer, its promise and why, and the deadline, before anyone answers.
    assert "Konsultation" in html and "Jeres svar indgår, før der besluttes." in html
    assert "Vi vil gerne høre jer, før vi beslutter." in html
    assert "Svar senest" in html
    # The consent says what is kept, who sees it, and that it can be withdrawn.
    assert "Sådan bruger vi dine oplysninger" in html and "trække dit svar tilbage" in html
    # The honeypot is hidden from people, assistive technology and the keyboard.
    assert re.search(r'<div class="sr-only" aria-hidden="true">\s*<label for="id_hjemmeside">', html)
    assert 'name="hjemmeside" id="id_hjemmeside" value="" tabindex="-1" autocomplete="off"' in html
    assert "<legend" in html  # the stance is a radio group with a legend
    assert page["Referrer-Policy"] == "same-origin"

    posted = client.post(url, answer(), REMOTE_ADDR=CITIZEN)
    saved = Response.objects.get(hearing__decision=hearing_decision)
    assert posted.status_code == 303
    assert posted["Location"] == my_url(saved)
    assert (saved.stance, saved.text, saved.name, saved.email) == (
        Stance.PARTLY, "Godt, men husk de små skoler.", "Bo Borger", ""
    )
    assert saved.consent_at is not None and saved.is_public
    own = client.get(posted["Location"])
    assert own.status_code == 200
    assert "Gem denne side som bogmærke" in own.content.decode()
    assert own["X-Robots-Tag"] == "noindex, nofollow"
    assert own["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"stance": None}, "stance", "Vælg, om du er enig, delvis enig, uenig eller ikke ved det."),
        ({"stance": "maaske"}, "stance", "Vælg, om du er enig, delvis enig, uenig eller ikke ved det."),
        ({"text": "   "}, "text", "Skriv dit høringssvar."),
        ({"text": "x" * 5001}, "text", "Et høringssvar kan højst være 5.000 tegn."),
        ({"email": "ikke-en-adresse"}, "email", "Skriv en gyldig e-mailadresse, eller lad feltet stå tomt."),
        ({"name": "n" * 201}, "name", "Navnet kan højst være 200 tegn."),
        ({"consent": None}, "consent", "Sæt kryds for at give samtykke, før du sender dit svar."),
    ],
)
def test_bad_input_is_refused_with_the_message_next_to_the_field(hearing_decision, client, changes, field, message):
    response = client.post(hearing_url(hearing_decision), answer(**changes), REMOTE_ADDR=CITIZEN)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}-error"' in html
    assert not Response.objects.exists()


def test_a_filled_honeypot_is_refused_and_nothing_is_saved(hearing_decision, client):
    response = client.post(hearing_url(hearing_decision), answer(hjemmeside="https://spam.example"), REMOTE_ADDR=CITIZEN)
    assert response.status_code == 400
    assert "udfyldt automatisk" in response.content.decode()
    assert not Response.objects.exists()


def test_an_oversized_request_is_refused_with_a_clear_message(hearing_decision, client):
    response = client.post(
        hearing_url(hearing_decision), answer(hjemmeside="", text="ø" * 5000, name="x" * 100_000), REMOTE_ADDR=CITIZEN
    )
    assert response.status_code == 413
    assert "Svaret er for stort" in response.content.decode()
    assert not Response.objects.exists()


def test_a_text_at_its_limit_fits_within_the_size_limit(hearing_decision, client):
    # Five thousand characters that each take many bytes on the wire are still accepted.
    response = client.post(hearing_url(hearing_decision), answer(text="😀" * 5000), REMOTE_ADDR=CITIZEN)
    assert response.status_code == 303
    assert Response.objects.get().text == "😀" * 5000


def _limit(rate: str) -> int:
    return int(rate.split("/")[0])


def test_a_flood_from_one_address_is_stopped_and_others_still_answer(hearing_decision, client, settings):
    url = hearing_url(hearing_decision)
    allowed = _limit(public_views.RATE_PER_ADDRESS)
    for number in range(allowed):
        assert client.post(url, answer(text=f"Svar nummer {number}."), REMOTE_ADDR=CITIZEN).status_code == 303
    before = list(Response.objects.order_by("pk").values_list("pk", "stance", "text", "name"))
    assert len(before) == allowed

    flooded = client.post(url, answer(text="Et svar for meget."), REMOTE_ADDR=CITIZEN)
    assert flooded.status_code == 429
    assert "For mange svar på kort tid" in flooded.content.decode()
    assert int(flooded["Retry-After"]) >= 1
    # A header the client writes itself does not make it someone else.
    spoofed = client.post(url, answer(), REMOTE_ADDR=CITIZEN, HTTP_X_FORWARDED_FOR=NEIGHBOUR)
    assert spoofed.status_code == 429

    # Another address still answers, and what was saved is untouched.
    assert client.post(url, answer(text="Fra naboen."), REMOTE_ADDR=NEIGHBOUR).status_code == 303
    assert list(Response.objects.filter(pk__in=[row[0] for row in before]).order_by("pk").values_list(
        "pk", "stance", "text", "name"
    )) == before
    assert Response.objects.count() == allowed + 1

    # Behind a trusted proxy, the address the proxy saw is the client's.
    settings.BROBYGGER_TRUSTED_PROXIES = ["10.0.0.1"]
    via_proxy = client.post(url, answer(text="Via proxyen."), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.44")
    assert via_proxy.status_code == 303
    flooder_via_proxy = client.post(url, answer(), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=CITIZEN)
    assert flooder_via_proxy.status_code == 429


def test_reading_the_page_is_not_limited(hearing_decision, client):
    url = hearing_url(hearing_decision)
    for _ in range(_limit(public_views.RATE_PER_ADDRESS) + 5):
        assert client.get(url, REMOTE_ADDR=CITIZEN).status_code == 200
    assert client.post(url, answer(), REMOTE_ADDR=CITIZEN).status_code == 303


def test_a_hearing_takes_only_so_many_answers_an_hour(hearing_decision, landscape, client, monkeypatch):
    monkeypatch.setattr(public_views, "RATE_PER_HEARING", "3/h")
    url = hearing_url(hearing_decision)
    for number in range(3):
        assert client.post(url, answer(), REMOTE_ADDR=f"192.0.2.{number + 1}").status_code == 303
    assert client.post(url, answer(), REMOTE_ADDR="192.0.2.99").status_code == 429
    assert Response.objects.count() == 3
    # Another hearing is not affected.
    other = in_hearing(landscape.coordinator, landscape.internal, public=True, question="Skal vi have ost?")
    assert client.post(hearing_url(other), answer(), REMOTE_ADDR="192.0.2.99").status_code == 303


def test_a_hearing_that_is_not_public_has_no_public_page(landscape, client, today):
    internal = in_hearing(landscape.coordinator, landscape.internal, public=False)
    assert client.get(hearing_url(internal)).status_code == 404
    assert client.post(hearing_url(internal), answer()).status_code == 404
    # A party's invitation has no link of its own either, and a made-up token is nothing.
    party_invitation = internal.hearing.invitations.filter(party__isnull=False).first()
    assert client.get(reverse("decisions:public_hearing", kwargs={"token": party_invitation.token})).status_code == 404
    assert client.get(reverse("decisions:public_hearing", kwargs={"token": "x" * 70})).status_code == 404
    assert client.get(reverse("decisions:my_response", kwargs={"token": "ukendt"})).status_code == 404
    assert not Response.objects.exists()


def test_a_closed_hearing_shows_that_it_closed_and_takes_no_answer(hearing_decision, landscape, client):
    services.hearing_close(actor=landscape.coordinator, decision=hearing_decision)
    url = hearing_url(hearing_decision)
    html = client.get(url).content.decode()
    assert "Høringen er slut" in html and "Beslutningen er ved at blive truffet." in html
    assert 'name="stance"' not in html
    refused = client.post(url, answer(), REMOTE_ADDR=CITIZEN)
    assert refused.status_code == 400
    assert "Der kan ikke længere afgives svar." in refused.content.decode()
    assert not Response.objects.exists()


# --- An invited person's own link in a change process -------------------------------------------


@pytest.fixture
def process_hearing(landscape, today):
    process = services.change_process_create(
        actor=landscape.coordinator, organisation=landscape.lejre, title="Sammenlægning af to plejecentre"
    )
    group = services.group_add(actor=landscape.coordinator, owner=process, name="Medarbejdere")
    return in_hearing(
        landscape.coordinator, process, public=False, groups=[group], emails=["ansat@example.dk"],
        question="Hvem leder det nye center?",
    )


def test_an_invited_person_answers_through_their_link_and_changes_the_answer(process_hearing, client):
    invitation = process_hearing.hearing.invitations.get()
    url = reverse("decisions:public_hearing", kwargs={"token": invitation.token})
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Lejre Kommune" in html and "Sammenlægning af to plejecentre" in html
    assert 'name="email"' not in html  # their address is known from the invitation
    assert page["X-Robots-Tag"] == "noindex, nofollow"

    first = client.post(url, answer(name="Ane Ansat", text="Lad de to ledere dele det."))
    assert first.status_code == 303 and first["Location"] == url
    saved = Response.objects.get(invitation=invitation)
    assert saved.text == "Lad de to ledere dele det." and saved.email_confirmed_at is not None

    again = client.get(url).content.decode()
    assert "Lad de to ledere dele det." in again and "Ret dit svar" in again
    second = client.post(url, answer(name="Ane Ansat", stance=Stance.DISAGREE, text="Én leder er bedre."))
    assert second.status_code == 303
    assert Response.objects.filter(hearing=process_hearing.hearing).count() == 1
    saved.refresh_from_db()
    assert (saved.stance, saved.text) == (Stance.DISAGREE, "Én leder er bedre.")


def test_an_invited_person_withdraws_and_says_whether_they_felt_heard(process_hearing, landscape, client):
    invitation = process_hearing.hearing.invitations.get()
    url = reverse("decisions:public_hearing", kwargs={"token": invitation.token})
    client.post(url, answer())
    decision = communicated(landscape.coordinator, process_hearing)
    page = client.get(url).content.decode()
    assert "Følte du dig hørt?" in page and decision.outcome in page
    rated = client.post(url, {"action": "felt_heard", "felt_heard": "2"})
    assert rated.status_code == 303 and rated["Location"] == url + "#hoert"
    assert Response.objects.get(invitation=invitation).felt_heard == 2
    assert client.post(url, {"action": "felt_heard", "felt_heard": "7"}).status_code == 400

    confirm_step = client.get(url, {"handling": "traek-tilbage"})
    assert confirm_step.status_code == 200 and "Træk dit svar tilbage?" in confirm_step.content.decode()
    assert Response.objects.filter(invitation=invitation).exists()
    gone = client.post(url, {"action": "withdraw"})
    assert gone.status_code == 200 and "Dit svar er trukket tilbage" in gone.content.decode()
    assert not Response.objects.filter(invitation=invitation).exists()


# --- The confirmation mail and one's own link ------------------------------------------------------


def _confirmation_link(message) -> str:
    return re.search(r"http://testserver(/hoering/svar/\S+)", message.body).group(1)


def test_only_the_confirmation_mail_reaches_an_unconfirmed_address(
    hearing_decision, landscape, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(hearing_url(hearing_decision), answer(email="Bo@Example.dk"), REMOTE_ADDR=CITIZEN)
    assert posted.status_code == 303
    assert [m.to for m in mail.outbox] == [["bo@example.dk"]]
    link = _confirmation_link(mail.outbox[0])
    saved = Response.objects.get()
    assert link.startswith(my_url(saved) + "?bekraeft=")
    assert "Vi har sendt en mail til bo@example.dk" in client.get(posted["Location"]).content.decode()

    # Answering the response mails no one while the address is unconfirmed.
    mail.outbox.clear()
    decision = decide(landscape.coordinator, hearing_decision)
    with django_capture_on_commit_callbacks(execute=True):
        services.response_reply(
            actor=landscape.coordinator, response=saved, usage="brugt", text="Tak, vi husker de små skoler.",
            base_url=BASE_URL,
        )
    assert mail.outbox == []

    # Opening the link changes nothing by itself (link scanners open links); it offers a button.
    page = client.get(link)
    assert page.status_code == 200 and "Bekræft min e-mail" in page.content.decode()
    saved.refresh_from_db()
    assert saved.email_confirmed_at is None

    # Confirming needs the signed value from the mail.
    signature = parse_qs(urlsplit(link).query)["bekraeft"][0]
    wrong = signing.dumps({"r": saved.pk, "e": "anden@example.dk"}, salt=services.CONFIRM_EMAIL_SALT)
    forged = signing.dumps({"r": saved.pk, "e": saved.email}, salt="en-anden-salt")
    for value in ("", wrong, forged, signature + "x"):
        refused = client.post(my_url(saved), {"action": "confirm", "bekraeft": value})
        assert refused.status_code == 400
        saved.refresh_from_db()
        assert saved.email_confirmed_at is None
    confirmed = client.post(my_url(saved), {"action": "confirm", "bekraeft": signature})
    assert confirmed.status_code == 303
    saved.refresh_from_db()
    assert saved.email_confirmed_at is not None

    # Now the address hears that the decision is communicated.
    services.expectation_create(
        actor=landscape.coordinator, decision=decision, action="Ring til skolerne.", owner="Lejre Kommune",
        due_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_communicate(actor=landscape.coordinator, decision=refreshed(decision), base_url=BASE_URL)
    assert ["bo@example.dk"] in [m.to for m in mail.outbox]


def test_an_old_confirmation_link_no_longer_confirms(hearing_decision, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(hearing_url(hearing_decision), answer(email="bo@example.dk"), REMOTE_ADDR=CITIZEN)
    link = _confirmation_link(mail.outbox[0])
    signature = parse_qs(urlsplit(link).query)["bekraeft"][0]
    saved = Response.objects.get()
    with time_machine.travel(timezone.now() + public_views.CONFIRM_MAX_AGE + datetime.timedelta(days=1)):
        assert "er ugyldigt eller for gammelt" in client.get(link).content.decode()
        assert client.post(my_url(saved), {"action": "confirm", "bekraeft": signature}).status_code == 400
    saved.refresh_from_db()
    assert saved.email_confirmed_at is None


def test_a_citizen_withdraws_their_response_and_it_is_gone(hearing_decision, client):
    saved = public_response(hearing_decision, name="Bo Borger", email="bo@example.dk", text="Mit ord.")
    url = my_url(saved)
    step = client.get(url, {"handling": "traek-tilbage"})
    assert step.status_code == 200 and "Ja, træk mit svar tilbage" in step.content.decode()
    assert Response.objects.filter(pk=saved.pk).exists()
    gone = client.post(url, {"action": "withdraw"})
    assert gone.status_code == 200
    assert "Dit svar er trukket tilbage" in gone.content.decode()
    assert not Response.objects.filter(pk=saved.pk).exists()
    assert client.get(url).status_code == 404
    # Nothing of the citizen stays behind in the audit.
    kept = " ".join(str(record.changes) + record.object_label for record in AuditRecord.objects.all())
    assert "Bo Borger" not in kept and "bo@example.dk" not in kept and "Mit ord." not in kept


def test_an_unknown_action_is_refused(hearing_decision, client):
    saved = public_response(hearing_decision)
    assert client.post(my_url(saved), {"action": "slet-alt"}).status_code == 400
    too_early = client.post(my_url(saved), {"action": "felt_heard", "felt_heard": "3"})
    assert too_early.status_code == 400
    assert "når beslutningen er meddelt" in too_early.content.decode()
    assert Response.objects.get(pk=saved.pk).felt_heard is None


# --- After communication ----------------------------------------------------------------------------


def test_the_public_page_shows_the_outcome_and_every_response_anonymised(hearing_decision, landscape, client):
    company = company_party(landscape, landscape.internal)
    party_response(landscape.partner, hearing_decision, company, stance=Stance.AGREE, text="Mejeriet er med.")
    citizen = public_response(
        hearing_decision, name="Bo Borger", email="bo@example.dk", text="<script>alert(1)</script> For dyrt."
    )
    decided = decide(landscape.coordinator, hearing_decision)
    html = client.get(hearing_url(decided)).content.decode()
    assert "Beslutningen er ved at blive truffet." in html and "Sådan har vi brugt svarene" not in html

    decision = communicated(landscape.coordinator, hearing_decision)
    page = client.get(hearing_url(decision))
    html = page.content.decode()
    assert page.status_code == 200
    assert decision.outcome in html and decision.reasons in html
    assert "Aftal leveringsdage med skolerne." in html and "Lejre Kommune" in html  # who, what, by when
    assert "Sådan har vi brugt svarene" in html
    assert "Svar 1" in html and f"Svar {citizen.number}" in html
    assert "Mejeriet er med." in html and "Tak, det har vi taget med." in html and "Vores svar (brugt):" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; For dyrt." in html and "<script>alert(1)" not in html
    for private in ("Bo Borger", "bo@example.dk", "Mejeriet A/S", "partner@example.dk"):
        assert private not in html
    assert 'name="stance"' not in html

    own = client.get(my_url(citizen)).content.decode()
    assert decision.outcome in own and "Følte du dig hørt?" in own
    rated = client.post(my_url(citizen), {"action": "felt_heard", "felt_heard": "4"})
    assert rated.status_code == 303
    assert Response.objects.get(pk=citizen.pk).felt_heard == 4
    bad = client.post(my_url(citizen), {"action": "felt_heard", "felt_heard": "9"})
    assert bad.status_code == 400 and "Vælg et tal fra 1 til 5." in bad.content.decode()
    assert Response.objects.get(pk=citizen.pk).felt_heard == 4


def test_the_public_page_reads_in_fixed_queries(landscape, client, django_assert_max_num_queries, today):
    def page_with(count: int):
        decision = in_hearing(landscape.coordinator, landscape.internal, public=True, question=f"Spørgsmål {count}?")
        for number in range(count):
            public_response(decision, text=f"Svar {number}.")
        decision = communicated(landscape.coordinator, decision)
        return hearing_url(decision)

    small, large = page_with(1), page_with(12)
    with django_assert_max_num_queries(8):
        assert client.get(small).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(large).status_code == 200


# --- A party's representatives ----------------------------------------------------------------------


def respond_url(decision) -> str:
    return reverse("decisions:respond", kwargs={"pk": decision.pk})


def test_a_partner_answers_for_the_party(hearing_decision, landscape, client):
    client.force_login(landscape.partner)
    page = client.get(respond_url(hearing_decision))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Høringssvar for Mejeriet A/S" in html and "Jeres svar indgår, før der besluttes." in html
    posted = client.post(respond_url(hearing_decision), {"stance": Stance.DISAGREE, "text": "For dyrt for os."})
    assert posted.status_code == 302 and posted["Location"] == hearing_decision.get_absolute_url()
    saved = Response.objects.get(party=company_party(landscape, landscape.internal))
    assert (saved.stance, saved.text, saved.author) == (Stance.DISAGREE, "For dyrt for os.", landscape.partner)
    # The page shows the party's response to change it; a change keeps one response.
    assert "For dyrt for os." in client.get(respond_url(hearing_decision)).content.decode()
    client.post(respond_url(hearing_decision), {"stance": Stance.PARTLY, "text": "Måske om et år."})
    assert Response.objects.filter(hearing=hearing_decision.hearing).count() == 1
    assert Response.objects.get(pk=saved.pk).text == "Måske om et år."

    bad = client.post(respond_url(hearing_decision), {"stance": "", "text": ""})
    assert bad.status_code == 400
    assert "Vælg, om jeres part er enig" in bad.content.decode() and "Skriv jeres høringssvar." in bad.content.decode()
    assert Response.objects.get(pk=saved.pk).text == "Måske om et år."


def test_who_may_answer_for_a_party(hearing_decision, landscape, client):
    client.force_login(landscape.observer)
    refused = client.get(respond_url(hearing_decision))
    assert refused.status_code == 403
    assert "Kun partens egne repræsentanter kan afgive partens høringssvar." in refused.content.decode()
    assert client.post(respond_url(hearing_decision), {"stance": "enig", "text": "Ja."}).status_code == 403
    client.force_login(landscape.staff)
    assert client.get(respond_url(hearing_decision)).status_code == 403
    client.force_login(landscape.outsider)
    assert client.get(respond_url(hearing_decision)).status_code == 404
    assert client.post(respond_url(hearing_decision), {"stance": "enig", "text": "Ja."}).status_code == 404
    assert not Response.objects.exists()


def test_a_party_that_is_not_invited_cannot_answer(landscape, client, today):
    company = company_party(landscape, landscape.internal)
    decision = in_hearing(landscape.coordinator, landscape.internal, parties=[company], public=False)
    client.force_login(landscape.coordinator)  # speaks for Lejre Kommune, which is not asked
    refused = client.get(respond_url(decision))
    assert refused.status_code == 403
    assert "Høringen har ikke inviteret Lejre Kommune" in refused.content.decode()


def test_a_party_cannot_answer_a_closed_hearing(hearing_decision, landscape, client):
    services.hearing_close(actor=landscape.coordinator, decision=hearing_decision)
    client.force_login(landscape.partner)
    assert 'name="stance"' not in client.get(respond_url(hearing_decision)).content.decode()
    refused = client.post(respond_url(hearing_decision), {"stance": "enig", "text": "For sent."})
    assert refused.status_code == 400
    assert "Der kan ikke længere afgives svar." in refused.content.decode()
    assert not Response.objects.exists()


def test_a_partner_withdraws_the_party_response(hearing_decision, landscape, client):
    saved = party_response(landscape.partner, hearing_decision, company_party(landscape, landscape.internal))
    url = reverse("decisions:withdraw", kwargs={"pk": hearing_decision.pk})
    client.force_login(landscape.partner)
    step = client.get(url)
    assert step.status_code == 200 and "Ja, træk svaret tilbage" in step.content.decode()
    assert Response.objects.filter(pk=saved.pk).exists()
    done = client.post(url)
    assert done.status_code == 302 and done["Location"] == hearing_decision.get_absolute_url()
    assert not Response.objects.filter(pk=saved.pk).exists()
    client.force_login(landscape.observer)
    assert client.get(url).status_code == 403


def test_a_party_says_whether_it_felt_heard(hearing_decision, landscape, client):
    saved = party_response(landscape.partner, hearing_decision, company_party(landscape, landscape.internal))
    decision = communicated(landscape.coordinator, hearing_decision)
    url = reverse("decisions:felt_heard", kwargs={"pk": decision.pk})
    client.force_login(landscape.partner)
    assert client.get(url).status_code == 405
    bad = client.post(url, {"felt_heard": "0"})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "Vælg et tal fra 1 til 5." in html and 'id="id_felt_heard-error"' in html and "<legend" in html
    assert Response.objects.get(pk=saved.pk).felt_heard is None
    done = client.post(url, {"felt_heard": "5"})
    assert done.status_code == 302 and done["Location"] == decision.get_absolute_url() + "#hoert"
    assert Response.objects.get(pk=saved.pk).felt_heard == 5
    client.force_login(landscape.observer)
    assert client.post(url, {"felt_heard": "1"}).status_code == 403
    assert Response.objects.get(pk=saved.pk).felt_heard == 5
